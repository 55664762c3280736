import { initialContext, type TriageContext, type TriageStateId } from '../../machines/triage';
import { normalise, read, understand, type Understood } from '../../dialogs/understand';

const TRIAGE = 'triage-1';

function at(state: TriageStateId, text: string, context: TriageContext = initialContext): Understood {
  return understand({ text }, { state, triageId: TRIAGE, context });
}

function answerOf(understood: Understood): unknown {
  if (understood.kind !== 'event') return understood.kind;
  const event = understood.event;
  return 'answer' in event ? event.answer : event.type;
}

describe('is it happening now?', () => {
  test.each([
    ['yes', 'yes'], ['Y', 'yes'], ['yep', 'yes'], ['Yeah', 'yes'], ['yup', 'yes'], ['aye', 'yes'],
    ["it's still going on", 'yes'], ['they are still in our systems', 'yes'], ['We are under attack!', 'yes'],
    ['right now', 'yes'], ['ransomware is encrypting files at the moment', 'yes'], ['in progress', 'yes'],
    ['no', 'no'], ['N', 'no'], ['nope', 'no'], ['nah', 'no'], ['not really', 'no'], ['it happened yesterday', 'no'],
    ["it's over", 'no'], ['it has stopped', 'no'], ['last week', 'no'], ['no longer happening', 'no'],
    ['not happening now', 'no'],
    ['not sure', 'notSure'], ["I don't know", 'notSure'], ['dunno', 'notSure'], ['no idea', 'notSure'],
    ['maybe', 'notSure'], ['Not sure.', 'notSure'], ['I think so', 'notSure'],
  ])('%s → %s', (text, expected) => {
    expect(answerOf(at('happeningNow', text))).toBe(expected);
  });

  test.each(['asdfgh', 'banana', 'the printer', '12345'])('%s is not an answer', (text) => {
    expect(at('happeningNow', text).kind).toBe('unrecognised');
  });

  test('"hello there" is no answer either: a greeting, answered and the question asked again', () => {
    expect(at('happeningNow', 'hello there')).toEqual({ kind: 'intent', intent: 'greeting' });
  });
});

describe('organisation or yourself?', () => {
  test.each([
    ["we're a charity", 'organisation'], ['a small business', 'organisation'], ['our company', 'organisation'],
    ['I am a sole trader', 'organisation'], ['a primary school', 'organisation'], ['the parish council', 'organisation'],
    ['football club', 'organisation'], ['An organisation', 'organisation'], ['organization', 'organisation'],
    ['my own business', 'organisation'], ['self-employed', 'organisation'],
    ['myself', 'individual'], ['Me', 'individual'], ["it's my own account", 'individual'], ['just me', 'individual'],
    ['personal', 'individual'], ['my email got hacked', 'individual'], ['for my family', 'individual'],
  ])('%s → %s', (text, expected) => {
    expect(answerOf(at('audience', text))).toBe(expected);
  });

  test.each(['purple', 'qwerty', 'what?'])('%s is not an answer', (text) => {
    expect(at('audience', text).kind).toBe('unrecognised');
  });
});

describe('commands work at every question', () => {
  test.each([
    ['start again', 'restart'], ['Restart', 'restart'], ['start over', 'restart'],
    ['back', 'back'], ['Go back', 'back'], ['help', 'help'], ['?', 'help'],
  ])('%s → %s', (text, kind) => {
    for (const state of ['happeningNow', 'audience', 'location', 'regionalTeam'] as const) {
      expect(at(state, text).kind).toBe(kind);
    }
  });
});

describe('Teams mentions and noise', () => {
  test('an <at> mention is removed before understanding', () => {
    expect(answerOf(at('happeningNow', '<at>Cyber Triage</at> yes'))).toBe('yes');
    expect(normalise('<at>Bot</at>  Not   SURE!! ')).toBe('not sure');
  });

  test('an empty message and one with only a mention are empty, not errors', () => {
    expect(at('happeningNow', '').kind).toBe('empty');
    expect(at('happeningNow', '   ').kind).toBe('empty');
    expect(at('happeningNow', '<at>Bot</at>').kind).toBe('empty');
  });

  test('a long message is scanned for its answers, not refused', () => {
    const story = `${'We run a small charity and we rely on our shared drive for everything. '.repeat(12)}This morning the screens showed a ransom note and we still cannot open any files.`;
    expect(story.length).toBeGreaterThan(500);
    expect(at('happeningNow', story)).toEqual({
      kind: 'event',
      event: { type: 'ANSWER_HAPPENING', answer: 'yes' },
      also: [{ type: 'ANSWER_AUDIENCE', answer: 'organisation' }, { type: 'ANSWER_KIND', kind: 'ransomware' }],
    });
  });

  test('a huge message costs little: only its first part is read, and saying so when nothing is found there', () => {
    expect(at('happeningNow', 'x'.repeat(10 * 1024))).toEqual({ kind: 'unrecognised', tooLong: true });
    const started = performance.now();
    expect(at('happeningNow', `${'blah '.repeat(20_000)} it is still going on`)).toEqual({ kind: 'unrecognised', tooLong: true });
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('buttons', () => {
  const value = (state: TriageStateId, triage = TRIAGE) => ({ action: 'answerHappening', answer: 'no', triage, state });

  test('a click for the current question is the same event as typing', () => {
    const clicked = understand({ value: value('happeningNow') }, { state: 'happeningNow', triageId: TRIAGE, context: initialContext });
    expect(clicked).toEqual(at('happeningNow', 'no'));
  });

  test('a click from an earlier question or an earlier triage is stale', () => {
    const position = { state: 'audience' as const, triageId: TRIAGE, context: initialContext };
    expect(understand({ value: value('happeningNow') }, position).kind).toBe('stale');
    expect(understand({ value: value('audience', 'older-triage') }, position).kind).toBe('stale');
  });

  test('Start again and Help work from any button, old or new', () => {
    const position = { state: 'audience' as const, triageId: TRIAGE, context: initialContext };
    expect(understand({ value: { action: 'restart', triage: 'old', state: 'regionalTeam' } }, position).kind).toBe('restart');
    expect(understand({ value: { action: 'help', triage: 'old', state: 'location' } }, position).kind).toBe('help');
  });

  test('a malformed value falls back to the text', () => {
    const position = { state: 'happeningNow' as const, triageId: TRIAGE, context: initialContext };
    expect(answerOf(understand({ text: 'yes', value: { action: 'answerHappening', answer: 'perhaps' } }, position))).toBe('yes');
    expect(understand({ value: { nonsense: true } }, position).kind).toBe('stale');
  });
});

describe('where are you based?', () => {
  function locationOf(text: string): string {
    const understood = at('location', text);
    if (understood.kind !== 'event' || understood.event.type !== 'ANSWER_LOCATION') return understood.kind;
    const location = understood.event.location;
    if (location.kind === 'unit') return location.unitId;
    if (location.kind === 'choice') return `choice:${[...new Set(location.candidates.map((c) => c.unitId))].sort().join('+')}`;
    return location.kind;
  }

  test.each([
    ['LS1 4AP', 'YHROCU'], ['ls14ap', 'YHROCU'], [' Ls1  4aP ', 'YHROCU'], ['LS1', 'YHROCU'], ['ls', 'choice:YHROCU'],
    ['sw1a 1aa', 'MET'], ['EC2V 7HH', 'COLP'], ['BH25 5AA', 'SEROCU'], ['BH1 1AA', 'SWROCU'],
    ['our office is in BH25', 'SEROCU'], ['BT1 5GS', 'PSNI'], ['EH1 1YZ', 'SCOT'], ['CH5 1AA', 'NWROCU'],
    ['Leeds', 'YHROCU'], ["we're based in Manchester", 'NWROCU'], ['Cardiff', 'TARIAN'], ['Caerdydd', 'TARIAN'],
    ['Glasgow', 'SCOT'], ['Belfast', 'PSNI'], ['Kent', 'ERSOU'], ['Cornwall', 'SWROCU'], ['St Albans', 'ERSOU'],
    ['Thames Valley Police', 'SEROCU'], ['the Met', 'MET'], ['GMP', 'NWROCU'], ['North Wales', 'NWROCU'],
    ['Scotland', 'SCOT'], ['Northern Ireland', 'PSNI'],
    ['KT6 4AA', 'MET'], ['BH', 'choice:SEROCU+SWROCU'], ['Wales', 'choice:NWROCU+TARIAN'],
    ['London', 'choice:COLP+MET'], ['Newport', 'choice:ERSOU+SCOT+SEROCU+SWROCU+TARIAN+WMROCU+YHROCU'], ['England', 'choice:COLP+EMSOU+ERSOU+MET+NERSOU+NWROCU+SEROCU+SWROCU+WMROCU+YHROCU'],
    ['Jersey', 'crown-dependency'], ['GY1 1AA', 'crown-dependency'], ['Isle of Man', 'crown-dependency'],
    ['France', 'abroad'], ['abroad', 'abroad'],
  ])('%s → %s', (text, expected) => {
    expect(locationOf(text)).toBe(expected);
  });

  test.each(['Narnia', 'asdfgh', 'yes', 'no', 'me', 'n', 'UK', "I'm reading a book", 'ZZ1 1ZZ'])(
    '%s is not taken as a place (never a guess)',
    (text) => {
      expect(at('location', text)).toEqual({ kind: 'unrecognised', unknownPlace: true });
    },
  );

  test('while choosing, a number or a force name picks the candidate; a new place is a new answer', () => {
    const understood = at('location', 'KT6');
    if (understood.kind !== 'event' || understood.event.type !== 'ANSWER_LOCATION' || understood.event.location.kind !== 'choice') {
      throw new Error('KT6 should offer a choice');
    }
    const { candidates, askFullPostcode, label } = understood.event.location;
    const context = { ...initialContext, pendingChoice: { candidates, askFullPostcode, label } };
    const surreyIndex = candidates.findIndex((candidate) => candidate.forceId === 'surrey');
    expect(at('locationChoice', String(surreyIndex + 1), context)).toEqual({ kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index: surreyIndex } });
    expect(at('locationChoice', 'surrey', context)).toEqual({ kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index: surreyIndex } });
    expect(at('locationChoice', '9', context).kind).toBe('unrecognised');
    expect(at('locationChoice', 'KT6 4AA', context).kind).toBe('event');
  });
});

describe('the live-attack outcome', () => {
  test.each(['show my regional team', 'next', 'regional team', 'yes'])('%s shows the regional team', (text) => {
    expect(at('liveAttack', text)).toEqual({ kind: 'event', event: { type: 'SHOW_REGIONAL_TEAM' } });
  });
});

describe('what people in distress actually type (issue 9)', () => {
  test.each([
    ["it started yesterday and it's still going on", 'yes'],
    ["it hasn't stopped", 'yes'],
    ['the attack hasn\'t finished yet', 'yes'],
    ["no, it was last night but they're still locking us out", 'yes'],
    ["the servers have stopped and there's a ransom note", 'yes'],
    ['yes ransomware', 'yes'], ["yes we've been hacked", 'yes'], ['yes definitely', 'yes'], ['yse', 'yes'],
    ["we're locked out of everything", 'yes'], ['everything is down', 'yes'], ['just now', 'yes'],
    ['it stopped but they are still in our systems', 'notSure'],
    ['it started this morning', 'notSure'],
    ['we were hit by ransomware last week', 'notSure'],
    ['ransomware last week, we restored from backups', 'no'],
    ["it's been dealt with", 'no'],
    // "over" ends an attack only at the end of what is said.
    ['they sent over 100 emails', 'unrecognised'],
  ])('"%s" → %s', (text, expected) => {
    expect(answerOf(at('happeningNow', text))).toBe(expected);
  });

  test.each([
    ["we're a care home", 'organisation'], ['nursing home', 'organisation'], ['restaurant', 'organisation'],
    ['solicitors', 'organisation'], ['the vets', 'organisation'], ['our farm', 'organisation'], ['dentist', 'organisation'],
    ['housing association', 'organisation'], ['buisness', 'organisation'], ['organisaton', 'organisation'],
    ['where I work', 'organisation'], ['our IT', 'organisation'], ["my dad's shop", 'organisation'],
    ["just me, I'm a sole trader", 'organisation'],
    ['not a business, just me', 'individual'], ["it's not work, it's personal", 'individual'],
    ["it doesn't work, my laptop is broken", 'individual'],
  ])('"%s" → %s', (text, expected) => {
    expect(answerOf(at('audience', text))).toBe(expected);
  });

  test('negation is read both ways', () => {
    expect(answerOf(at('happeningNow', 'it has not stopped'))).toBe('yes');
    expect(answerOf(at('happeningNow', 'it is not happening now'))).toBe('no');
    expect(answerOf(at('happeningNow', 'we are not locked out any more'))).toBe('no');
    expect(answerOf(at('audience', 'not for me, for my company'))).toBe('organisation');
    expect(answerOf(at('audience', "I'm not a company"))).toBe('individual');
  });

  test('short words must be typed exactly: "on" is not "no", "yet" is not "yes", "form" is not "farm"', () => {
    expect(at('happeningNow', 'on').kind).toBe('unrecognised');
    expect(at('happeningNow', 'yet').kind).toBe('unrecognised');
    expect(at('audience', 'I filled in the form').kind).toBe('unrecognised');
  });

  test.each([
    ['ydy', 'yes'], ['ydi', 'yes'], ['ydw', 'yes'], ['oes', 'yes'], ['do', 'yes'], ['ie', 'yes'],
    ['nac ydy', 'no'], ['nac ydi', 'no'], ['nac ydw', 'no'], ['nac oes', 'no'], ['naddo', 'no'], ['na', 'no'],
    ['dim yn siŵr', 'notSure'], ['ddim yn siwr', 'notSure'],
  ])('Welsh "%s" → %s', (text, expected) => {
    expect(answerOf(at('happeningNow', text))).toBe(expected);
  });

  test('a bare yes/no answers only the question on screen', () => {
    const first = (text: string) => understand({ text }, { state: 'happeningNow', triageId: TRIAGE, context: initialContext, onScreen: null });
    expect(first('no').kind).toBe('unrecognised');
    expect(first('yes').kind).toBe('unrecognised');
    expect(answerOf(first("it's over"))).toBe('no');
    // At "organisation or yourself?" a bare yes is asked about, not applied.
    expect(read({ text: 'yes' }, { state: 'audience', triageId: TRIAGE, context: initialContext })).toMatchObject({
      kind: 'answers',
      taken: [],
      confirm: { question: 'audience', yes: { question: 'audience', answer: 'organisation' } },
    });
  });

  test('several answers in one message, in any order, the location applied first', () => {
    expect(read({ text: 'yes it is happening now and we are a business in Leeds' }, { state: 'audience', triageId: TRIAGE, context: initialContext })).toMatchObject({
      kind: 'answers',
      taken: expect.arrayContaining([
        { question: 'happeningNow', answer: 'yes' },
        { question: 'audience', answer: 'organisation' },
        { question: 'location', location: expect.objectContaining({ unitId: 'YHROCU', label: 'Leeds' }) },
      ]),
    });
    const understood = understand({ text: 'past incident, my own laptop, LS1 4AP' }, { state: 'happeningNow', triageId: TRIAGE, context: initialContext, onScreen: null });
    // Nothing on screen: the location leads, the others follow.
    expect(understood).toMatchObject({
      kind: 'event',
      event: { type: 'ANSWER_LOCATION', location: { unitId: 'YHROCU', label: 'LS1' } },
      also: [{ type: 'ANSWER_HAPPENING', answer: 'no' }, { type: 'ANSWER_AUDIENCE', answer: 'individual' }],
    });
  });

  test('a place in a sentence must be a place and not an ordinary word', () => {
    const places = (text: string) => {
      const reading = read({ text }, { state: 'happeningNow', triageId: TRIAGE, context: initialContext });
      return reading.kind === 'answers' ? reading.taken.filter((answer) => answer.question === 'location') : [];
    };
    expect(places('everything is down')).toEqual([]);
    expect(places('the hackers are in Russia and still in our network')).toEqual([]);
    expect(places('we were hacked in March')).toEqual([]);
    expect(places("it's still going on, we're a school in Leeds")).toHaveLength(1);
  });
});

describe('places outside the UK police network in a sentence (issue 20)', () => {
  /** The place a message read at `state` takes: a unit, an island's code, "abroad", "choice", or null for none. */
  function placeOf(text: string, state: TriageStateId = 'happeningNow'): string | null {
    const reading = read({ text }, { state, triageId: TRIAGE, context: initialContext });
    const taken = reading.kind === 'answers' ? reading.taken.find((answer) => answer.question === 'location') : undefined;
    if (!taken || taken.question !== 'location') return null;
    const location = taken.location;
    if (location.kind === 'crown-dependency') return location.territory;
    if (location.kind === 'unit') return location.unitId;
    return location.kind === 'choice' ? (location.abroad ? 'choice+abroad' : 'choice') : 'abroad';
  }

  // Where the sentence puts the user or their organisation: on it, in it, based there, an organisation of it, the
  // place said on its own, a postcode; a place and, after a comma, what narrows it.
  test.each([
    ['our hotel on Guernsey has been hit by ransomware, it is happening now', 'GY'],
    ['a small B&B on Sark, our bookings are locked', 'GY'],
    ['GY9 3UF', 'GY'],
    ['Alderney', 'GY'],
    ['small business in St Helier Jersey, hackers are in our systems now', 'JE'],
    ['we are Jersey based and have ransomware', 'JE'],
    ['a Jersey estate agent, our email was taken over', 'JE'],
    ['Our firm in Douglas, Isle of Man is under attack right now', 'IM'],
    ['Douglas, Isle of Man', 'IM'],
    ['I live on the IOM', 'IM'],
    ['a business in Dublin, Ireland is being attacked now', 'abroad'],
    ["I'm on holiday in Tenerife and my email was hacked", 'abroad'],
    ['our company is registered in Spain', 'abroad'],
    ['we are a charity in Ireland', 'choice+abroad'],
    ['Newport, Essex', 'ERSOU'],
    ['Newport, Wales', 'TARIAN'],
    ["we're a school in Reading and hackers got in", 'SEROCU'],
    ['we are a school in Leeds and the hackers are in Russia', 'YHROCU'],
    ["I'm the practice manager at a GP surgery in Jersey, our emails are being sent out", 'JE'],
    ['Hello, I am contacting you from Guernsey, our charity has been defrauded', 'GY'],
    ["I'm a British expat living in Cyprus, my UK bank account was emptied", 'abroad'],
    ['I am on my holidays in Spain and my phone was hacked', 'abroad'],
    ['we are based in St Brelade, Jersey and our website has been hacked', 'JE'],
  ])('%j → %s', (text, expected) => {
    expect(placeOf(text)).toBe(expected);
  });

  // Someone else's place: the other side's ("hackers in …", "a call from …", "an account in …", "a company in Dublin
  // sent us …"), a thing named after a place (a jersey, Guernsey cattle), a person's name, an ordinary word.
  test.each([
    'the hackers are in Russia and still in our network',
    'got a scam call from India',
    'money was transferred to an account in Jersey',
    'we breed Guernsey cattle and our email was hacked',
    'I bought a jersey online and it was fake',
    'New Jersey based hackers got into our system',
    'a company in Dublin emailed us a fake invoice',
    'the website was registered in the Isle of Man',
    'my son in Australia says my account was hacked',
    'hackers from Ireland',
    'crypto scam based in Dubai',
    'he said he was calling from the Isle of Man police',
    // Somewhere for now is the person's, not the organisation's the message names.
    "we're on holiday in Portugal, our business back home has been hacked",
    'we booked a holiday in Spain and it was a scam',
    'someone called Lincoln rang us pretending to be BT',
    'my friend Chester says his facebook was hacked too',
    'a call from Hope Street said my account was frozen',
    'I was reading an email and clicked a link',
    'we were hacked in March',
  ])('%j names no place of the user', (text) => {
    expect(placeOf(text)).toBeNull();
  });
});

describe('typed answers at a choice (issue 10)', () => {
  function choiceFor(text: string): TriageContext {
    const understood = at('location', text);
    if (understood.kind !== 'event' || understood.event.type !== 'ANSWER_LOCATION' || understood.event.location.kind !== 'choice') throw new Error(`${text} gives no choice`);
    const { candidates, askFullPostcode, label } = understood.event.location;
    return { ...initialContext, pendingChoice: { candidates, askFullPostcode, label } };
  }

  test('typing "London" again at Met or City of London is the same place again, not City of London', () => {
    const understood = at('locationChoice', 'London', choiceFor('London'));
    expect(understood).toMatchObject({ kind: 'event', event: { type: 'ANSWER_LOCATION', location: { kind: 'choice', label: 'London' } } });
  });

  test('typing "Wales" after choosing England is Wales, not the North West unit', () => {
    const understood = at('locationChoice', 'Wales', choiceFor('England'));
    expect(understood).toMatchObject({ kind: 'event', event: { type: 'ANSWER_LOCATION', location: { kind: 'choice', label: 'Wales' } } });
  });

  test('a candidate typed exactly, or its number, picks it', () => {
    const london = choiceFor('London');
    const city = london.pendingChoice!.candidates.findIndex((candidate) => candidate.forceId === 'city-of-london');
    expect(at('locationChoice', 'City of London Police', london)).toEqual({ kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index: city } });
    expect(at('locationChoice', String(city + 1), london)).toEqual({ kind: 'event', event: { type: 'CHOOSE_CANDIDATE', index: city } });
  });
});

describe('typed text at the live-attack outcome', () => {
  test.each(['Leeds', 'LS1 4AP', "we're in Leeds"])('%s asks for the regional team there', (text) => {
    expect(at('liveAttack', text)).toMatchObject({ kind: 'event', event: { type: 'ANSWER_LOCATION', location: { unitId: 'YHROCU' } } });
  });

  test.each([
    ['what now?', 'whatNow'], ['thanks', 'thanks'], ['help', 'help'], ['menu', 'help'], ['cancel', 'cancel'], ['stop', 'cancel'],
  ])('"%s" is the %s command at every point', (text, command) => {
    for (const state of ['happeningNow', 'audience', 'location', 'locationChoice', 'liveAttack', 'regionalTeam', 'outsideUk'] as const) {
      expect(read({ text }, { state, triageId: TRIAGE, context: initialContext })).toEqual({ kind: 'command', command });
    }
  });
});
