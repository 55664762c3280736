/**
 * The classes of misreading the red-team sets (tests/understanding/redteam.json, redteam2.json) found, each held by a
 * table, and the sets' messages driven through the turn step the bot uses (tests/support/conversation.ts).
 */
import { Conversation } from '../support/conversation';
import { loadCorpus, rulesEngine, type At, type Produced, type Sample } from '../understanding/corpus';

const read = (at: At, text: string): Produced => rulesEngine(text, at);

describe('is it happening now? (the classes the red team found)', () => {
  test.each([
    // A hedged end is doubt, which counts as live.
    ["I think it's over", 'notSure'], ['seems to have stopped', 'notSure'], ["it's over i think", 'notSure'],
    ["it's over, I think", 'notSure'], ["it's stopped for now", 'notSure'], ['probably over', 'notSure'],
    // Going on since a time, or again and again.
    ['since yesterday', 'yes'], ['since 8 this morning', 'yes'], ['every day', 'yes'], ["it's happened again", 'yes'],
    ['it comes back every time', 'yes'], ['they keep getting back in', 'yes'],
    // A negator negates the cue after it, not the ones beyond: "hasn't stopped since Friday" is going on.
    ['hasnt stopped since friday', 'yes'], ['it has not stopped since monday', 'yes'],
    // "now" after a time or an end says nothing about the attack.
    ['ages ago now', 'no'], ["it's ok now", 'no'], ['all good now', 'no'], ['sorted now', 'no'],
    // Phone forms: symbols, held-down letters, SMS spellings.
    ['👍', 'yes'], ['✅', 'yes'], ['👎', 'no'], ['🤷‍♀️', 'notSure'], ['yesssss', 'yes'], ['noooooo', 'no'],
    ['ys', 'yes'], ['yh rn', 'yes'], ['nt sure', 'notSure'], ['nt anymore', 'no'], ['its ova', 'no'], ['dno', 'notSure'],
    ['100%', 'yes'], ['for sure', 'yes'], ['yes and no', 'notSure'], ['50/50', 'notSure'], ['hopefully not', 'notSure'],
    ['not that I know of', 'notSure'], ['thankfully not', 'no'],
    // Who is still in, and what they are doing.
    ["they've still got control of the account", 'yes'], ['someone is using my account', 'yes'], ['our website is being hammered', 'yes'],
  ])('%s → %s', (text, expected) => {
    expect(read('happeningNow', text).happeningNow).toBe(expected);
  });

  test('doubt about what to do is not doubt about the attack; a sure sign in one clause beats doubt in another', () => {
    expect(read('first', "It's not happening any more. I'm not sure whether we should still report it.").happeningNow).toBe('no');
    expect(read('first', 'We are locked out of everything. The attackers may still be in the network.').happeningNow).toBe('yes');
    expect(read('happeningNow', "I don't know if they're still in").happeningNow).toBe('notSure');
  });
});

describe('organisation or yourself? (the classes the red team found)', () => {
  test.each([
    ['uni', 'organisation'], ['the chippy', 'organisation'], ["I'm the owner", 'organisation'], ["I'm the IT guy", 'organisation'],
    ['my biz', 'organisation'], ['4 work', 'organisation'], ['my job', 'organisation'], ['me and work', 'organisation'],
    ['facebook', 'individual'], ['my insta', 'individual'], ['my online banking', 'individual'], ['for yourself', 'individual'],
    ['no company, just me', 'individual'], ['my mam', 'individual'], ['me lol', 'individual'],
    // Where someone goes is not whom they ask for.
    ["i'm a student at uni", 'individual'], ['my son at school', 'individual'],
  ])('%s → %s', (text, expected) => {
    expect(read('audience', text).audience).toBe(expected);
  });

  test('one clause that is nothing but the answer answers it: "me, I\'m in Glasgow"', () => {
    expect(read('audience', "me, I'm in Glasgow")).toEqual({ audience: 'individual', location: 'SCOT' });
  });
});

describe('commands (the classes the red team found)', () => {
  test('"who do I call?" and "can I speak to someone?" are questions, answered where the user is (not a help text)', () => {
    for (const text of ['who do I call', "what's the number", 'who should i ring?']) {
      for (const at of ['happeningNow', 'location', 'liveAttack'] as const) expect(read(at, text)).toEqual({ intent: 'numberAgain' });
    }
    for (const at of ['happeningNow', 'location', 'liveAttack'] as const) expect(read(at, 'can i speak to someone')).toEqual({ intent: 'talkToPerson' });
  });

  test('a command inside fillers is found at any step of leaving them out', () => {
    expect(read('liveAttack', "thanks, I'll ring them")).toEqual({ intent: 'acknowledgement' });
    expect(read('liveAttack', 'ok, thank you')).toEqual({ command: 'thanks' });
    expect(read('location', 'um, go back please')).toEqual({ command: 'back' });
    expect(read('happeningNow', 'I pressed the wrong button')).toEqual({ command: 'back' });
  });
});

describe('places (the classes the red team found)', () => {
  test.each([
    ['my shop in Leeds', 'audience', 'YHROCU'],
    ['my employer is down with ransomware, I work in Belfast', 'first', 'PSNI'],
    ['Our surgery in the Highlands is locked out', 'first', 'SCOT'],
    ['URGENT ransomware on all our servers, Edinburgh based company', 'first', 'SCOT'],
    ["we're an accountancy firm in St. Albans and we're locked out", 'first', 'ERSOU'],
    ['north Leeds', 'location', 'YHROCU'],
    ['central Manchester', 'location', 'NWROCU'],
  ])('%s (at %s) → %s', (text, at, unit) => {
    expect(read(at as At, text).location).toBe(unit);
  });

  test.each([
    'it happened at the shop, we are locked out', "we're a cafe, in the city", 'the email came from my bank, they took money',
    'I got a call from BT saying my broadband would be cut off', 'we were hacked in March',
    'the GP practice i work at in Brimingham has ransomware', 'Reading the email I realised it was a scam',
  ])('no place is taken from "%s"', (text) => {
    expect(read('first', text).location).toBeUndefined();
  });
});

// ---------------------------------------------------------------- through the turn step

const sets = [...loadCorpus('redteam'), ...loadCorpus('redteam2')];
const unitOf = (conversation: Conversation): string | undefined =>
  (conversation.record?.triage.snapshot as { context?: { location?: { unitId?: string } } }).context?.location?.unitId;

/** Where a first message that answers everything must land. */
function routeOf(sample: Sample): 'liveAttack' | 'regionalTeam' | null {
  const { happeningNow, audience, location } = sample.expect;
  if (!happeningNow || happeningNow === 'clarify' || !audience || audience === 'clarify') return null;
  if (audience === 'organisation' && happeningNow !== 'no') return 'liveAttack';
  return location && /^[A-Z]+$/.test(location) ? 'regionalTeam' : null;
}

/**
 * Places the gazetteer (data/places.ts, data/location.ts) does not find in these sentences; reported to the lead, as the
 * understanding layer does not guess past the data: "NI" after "in" in a short clause is unknown there.
 */
const DATA_LAYER_MISSES = new Set(['Dentist in NI, someone is in our system right now']);

describe('the red-team first messages, through the turn step', () => {
  const stories = sets.filter((sample) => sample.at === 'first' && routeOf(sample) !== null);

  test('there are whole stories to check', () => expect(stories.length).toBeGreaterThan(50));

  test.each(stories.map((sample) => [sample.text.slice(0, 70), sample] as const))('%s', (_, sample) => {
    const conversation = new Conversation();
    const replies = conversation.type(sample.text);
    expect(conversation.lastState()).toBe(routeOf(sample));
    const location = sample.expect.location;
    if (location && /^[A-Z]+$/.test(location) && !DATA_LAYER_MISSES.has(sample.text)) expect(unitOf(conversation)).toBe(location);
    // A live attack on an organisation sees the 24/7 line (or Police Scotland) before anything else.
    if (routeOf(sample) === 'liveAttack') expect(replies[0].text).toMatch(location === 'SCOT' ? /Police Scotland now on 101/ : /0300 123 2040 and press 9/);
  });
});

describe('typed places at "where are you based?", through the turn step', () => {
  const atLocation = () => {
    const conversation = new Conversation();
    conversation.welcome();
    conversation.click({ action: 'answerHappening', answer: 'no' });
    conversation.type('just me');
    expect(conversation.lastState()).toBe('location');
    return conversation;
  };
  const places = sets.filter((sample) => sample.at === 'location' && /^[A-Z]+$/.test(sample.expect.location ?? ''));

  test('every place a red-team set routes reaches its regional team (a namesake choice is asked, never guessed)', () => {
    const wrong: string[] = [];
    for (const sample of places) {
      const conversation = atLocation();
      conversation.type(sample.text);
      const state = conversation.lastState();
      if (state === 'locationChoice') continue; // the data layer offers namesakes ("Luton (Bedfordshire)", "Luton (Devon)")
      if (state !== 'regionalTeam' || unitOf(conversation) !== sample.expect.location) wrong.push(`${sample.text} → ${state} ${unitOf(conversation)}`);
    }
    expect(wrong).toEqual([]);
    expect(places.length).toBeGreaterThan(250);
  });

  test.each([
    ['Edinbrugh', 'Edinburgh', 'SCOT'], ['Norwhich', 'Norwich', 'ERSOU'], ['Brimingham', 'Birmingham', 'WMROCU'],
    ['Liverpol', 'Liverpool', 'NWROCU'], ['Sheffeild', 'Sheffield', 'YHROCU'], ['glasow', 'Glasgow', 'SCOT'],
  ])('misspelt "%s" asks "Did you mean %s?": Yes routes it, No asks again', (typed, meant, unit) => {
    const yes = atLocation();
    yes.type(typed);
    expect(yes.text()).toContain(`Did you mean ${meant}?`);
    expect(yes.lastState()).toBe('location');
    yes.click({ action: 'confirm', answer: 'yes' });
    expect(yes.lastState()).toBe('regionalTeam');
    expect(unitOf(yes)).toBe(unit);

    const no = atLocation();
    no.type(typed);
    no.type('no');
    expect(no.lastState()).toBe('location');
    expect(unitOf(no)).toBeUndefined();
  });

  test('a place typed at the live-attack outcome shows its regional team', () => {
    const conversation = new Conversation();
    conversation.type('Dentist in NI, someone is in our system right now');
    expect(conversation.lastState()).toBe('liveAttack');
    conversation.type('BT1 5GS');
    expect(unitOf(conversation)).toBe('PSNI');
    expect(conversation.text()).toMatch(/Police Service of Northern Ireland|PSNI/);
  });
});
