import { contentFor, fill, listInWords, SUPPORTED_LANGUAGES } from '../../dialogs/content';
import { aspirateMutation, joinWelsh, nasalMutation, softMutation, welshProblems } from '../../dialogs/content/grammar';
import en from '../../dialogs/content/en.json';
import { clock, hoursInWords } from '../../dialogs/facts';
import { renderConfirmation } from '../../dialogs/render';
import type { ConfirmableAnswer } from '../../dialogs/understanding/read';
import { initialContext } from '../../machines/triage';

/**
 * The Welsh review's checklist, as rules held by every Welsh string: the soft mutation after "neu", "ac"/"ag" before
 * a vowel, the aspirate after "a"/"â", times in words, and answers that echo their question's verb. Each rule is
 * tested where strings are composed (the content helpers) and on every string of every Welsh content file, so a
 * string added later is held to it too.
 */

const WELSH_FILES = SUPPORTED_LANGUAGES.filter((language) => contentFor(language).lang.startsWith('cy'));
/** Keys that are not prose a user reads in Welsh: metadata, patterns, the words that choose a language. */
const NOT_PROSE = /^(locale|lang|translation|language\.selectors|time\.\w*Format)(\.|$)/;

function stringsOf(value: unknown, key = ''): Array<[string, string]> {
  if (NOT_PROSE.test(key)) return [];
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((child, index) => stringsOf(child, `${key}.${index}`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, child]) => stringsOf(child, key ? `${key}.${name}` : name));
  return [];
}

describe('the mutations, where words are joined', () => {
  test.each([
    ['dewiswch', 'ddewiswch'],
    ['teipiwch', 'deipiwch'],
    ['pwyswch', 'bwyswch'],
    ['Gogledd', 'Ogledd'],
    ['Llundain', 'Lundain'],
    ['Rhydychen', 'Rydychen'],
    ['Caerdydd', 'Gaerdydd'],
    ['mwy', 'fwy'],
    ['chwilio', 'chwilio'],
    ['Ffrainc', 'Ffrainc'],
    ['dda', 'dda'],
  ])('soft: %s → %s', (radical, mutated) => expect(softMutation(radical)).toBe(mutated));

  test.each([
    ['Caerdydd', 'Chaerdydd'],
    ['pwyswch', 'phwyswch'],
    ['teipio', 'theipio'],
    ['Bangor', 'Bangor'],
  ])('aspirate: %s → %s', (radical, mutated) => expect(aspirateMutation(radical)).toBe(mutated));

  test.each([
    ['Caerdydd', 'Nghaerdydd'],
    ['Bangor', 'Mangor'],
    ['Gogledd', 'Ngogledd'],
    ['Pwllheli', 'Mhwllheli'],
  ])('nasal: %s → %s', (radical, mutated) => expect(nasalMutation(radical)).toBe(mutated));

  test('a Welsh name mutates after "neu", "a", "yn"; a name from another language does not; "ac"/"ag" before a vowel', () => {
    expect(joinWelsh('neu', 'Gogledd Iwerddon')).toBe('neu Ogledd Iwerddon');
    expect(joinWelsh('neu', 'Dyfnaint')).toBe('neu Ddyfnaint');
    expect(joinWelsh('neu', 'Guernsey')).toBe('neu Guernsey');
    expect(joinWelsh('neu', 'Devon')).toBe('neu Devon');
    expect(joinWelsh('neu', 'Y Drenewydd')).toBe("neu'r Drenewydd");
    expect(joinWelsh('a', 'Caerdydd')).toBe('a Chaerdydd');
    expect(joinWelsh('a', 'Ynys Môn')).toBe('ac Ynys Môn');
    expect(joinWelsh('a', 'York')).toBe('a York');
    expect(joinWelsh('â', 'Isle of Man Constabulary')).toBe('ag Isle of Man Constabulary');
    expect(joinWelsh('â', 'States of Jersey Police')).toBe('â States of Jersey Police');
    expect(joinWelsh('yn', 'Cymru')).toBe('yng Nghymru');
    expect(joinWelsh('yn', 'Bangor')).toBe('ym Mangor');
    expect(joinWelsh('yn', 'Yr Alban')).toBe('yn yr Alban');
    expect(joinWelsh('yn', 'Lloegr')).toBe('yn Lloegr');
    expect(joinWelsh('yn', 'Guernsey')).toBe('yn Guernsey');
  });

  test('every string composed with "neu", "â" or "yn" before a placeholder is joined as Welsh writes it (fill)', () => {
    expect(fill('Cysylltwch â {police} ar {phone}.', { police: 'Isle of Man Constabulary', phone: '631212' })).toBe('Cysylltwch ag Isle of Man Constabulary ar 631212.');
    expect(fill('Lloegr neu {place}', { place: 'Gogledd Iwerddon' })).toBe('Lloegr neu Ogledd Iwerddon');
    expect(fill('ffoniwch 101, neu {emergencyPhone} mewn argyfwng', { emergencyPhone: '999' })).toBe('ffoniwch 101, neu 999 mewn argyfwng');
    expect(fill("wedi'ch lleoli yn {label}", { label: 'Cymru' })).toBe("wedi'ch lleoli yng Nghymru");
    expect(fill("wedi'ch lleoli yn {label}", { label: 'Yr Alban' })).toBe("wedi'ch lleoli yn yr Alban");
    expect(fill('ar-lein yn {url}', { url: 'https://reportfraud.police.uk' })).toBe('ar-lein yn https://reportfraud.police.uk');
    // English has no such words: nothing changes.
    expect(fill(en.understanding.answers.location, { label: 'Cardiff' })).toBe('based in Cardiff');
  });

  test('every list is joined as its language joins it: "a"/"ac" and "neu" with their mutations in Welsh', () => {
    const welsh = contentFor('cy');
    expect(listInWords(['Heddlu Dyfed-Powys', 'Heddlu Gwent', 'Heddlu De Cymru'], welsh)).toBe('Heddlu Dyfed-Powys, Heddlu Gwent a Heddlu De Cymru');
    expect(listInWords(['Guernsey Police', 'States of Jersey Police', 'Isle of Man Constabulary'], welsh)).toBe('Guernsey Police, States of Jersey Police ac Isle of Man Constabulary');
    expect(listInWords(['Abertawe', 'Caerdydd'], welsh)).toBe('Abertawe a Chaerdydd');
    expect(listInWords(['Cernyw', 'Dyfnaint'], welsh, 'or')).toBe('Cernyw neu Ddyfnaint');
    expect(listInWords(['Cornwall', 'Devon'], welsh, 'or')).toBe('Cornwall neu Devon');
    expect(listInWords(['Cornwall', 'Devon'], contentFor('en'), 'or')).toBe('Cornwall or Devon');
    expect(listInWords(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('every Welsh string of the content keeps the checklist', () => {
  test('the check finds what the review found (so it can fail)', () => {
    const rules = (text: string) => welshProblems(text).map((problem) => `${problem.rule}: ${problem.found} → ${problem.fix}`);
    expect(rules('neu dewiswch isod')).toEqual(['neu: neu dewiswch → neu ddewiswch']);
    expect(rules('Neu teipiwch eich ateb')).toEqual(['neu: Neu teipiwch → Neu deipiwch']);
    expect(rules('defnyddiwch y botwm neu pwyswch Shift 3 gwaith')).toEqual(['neu: neu pwyswch → neu bwyswch']);
    expect(rules('Cysylltwch â Isle of Man Constabulary')).toEqual(['â/ag: â Isle → ag Isle']);
    expect(rules('a all hi ddim cymryd adroddiad')).toEqual([]);
    expect(rules('Does neb yn monitro hon, a ni all')).toEqual([]);
    expect(rules('ffoniwch 0300 123 2040 a pwyswch 9')).toEqual(['aspirate: a pwyswch → a phwyswch']);
    expect(rules('dydd Llun i ddydd Gwener, 9yb i 5yh')).toHaveLength(2);
    expect(rules('Teipiwch **dechrau eto** neu **dechrau eto**; neu {emergencyPhone}; neu 999; neu LS1; neu Guernsey')).toEqual([]);
    expect(rules('a oedd hyn yn ddefnyddiol? Atebion a awgrymir. Ffoniwch 101 a gofynnwch')).toEqual([]);
  });

  test.each(WELSH_FILES)('%s.json: "neu" + a word is mutated, "ac"/"ag" before a vowel, the aspirate after "a"/"â", times in words', (language) => {
    const problems = stringsOf(contentFor(language)).flatMap(([key, text]) => welshProblems(text).map((problem) => `${key}: "${problem.found}" → "${problem.fix}"`));
    expect(problems).toEqual([]);
  });

  test('times in words, as Welsh publishes them (not 9yb i 5yh, not 12yh for noon)', () => {
    const welsh = contentFor('cy');
    const times = ['00:00', '00:30', '09:00', '11:59', '12:00', '12:30', '17:00', '17:30', '18:00', '20:00', '23:45'].map((time) => clock(time, welsh));
    expect(times).toEqual(['hanner nos', '12:30 y bore', '9 y bore', '11:59 y bore', 'hanner dydd', '12:30 y prynhawn', '5 y prynhawn', '5:30 y prynhawn', '6 y nos', '8 y nos', '11:45 y nos']);
    expect(hoursInWords({ days: [1, 2, 3, 4, 5], opens: '08:00', closes: '20:00' }, welsh)).toBe('dydd Llun i ddydd Gwener, 8 y bore i 8 y nos');
    for (const time of times) expect(welshProblems(time)).toEqual([]);
  });
});

describe('every yes/no question is answered with its own verb', () => {
  /** The answers a Welsh question's verb takes: "Ydych chi …?" is answered "Ydw / Nac ydw", "Oeddech chi …?" "Oeddwn". */
  const ECHO: Array<[RegExp, string, string]> = [
    [/^ydych\b/i, 'Ydw', 'Nac ydw'],
    [/^(ydy|ydi|ydy'r|ydi'r)\b/i, 'Ydy', 'Nac ydy'],
    [/^oeddech\b/i, 'Oeddwn', 'Nac oeddwn'],
    [/^oedd\b/i, 'Oedd', 'Nac oedd'],
    [/^oes\b/i, 'Oes', 'Nac oes'],
    [/^ai\b/i, 'Ie', 'Nage'],
  ];
  /** The question's verb: its first word, after "Dim ond i wirio:" and any bold. */
  const answersTo = (question: string): [string, string] | null => {
    const asked = question.replace(/\*\*/g, '').replace(/^[^:?]*:\s*/, '').trim();
    const echo = ECHO.find(([verb]) => verb.test(asked));
    return echo ? [echo[1], echo[2]] : null;
  };

  test.each(WELSH_FILES)('%s.json: each confirmation has its own pair of answers, echoing its verb', (language) => {
    const content = contentFor(language);
    const { confirm, confirmButtons } = content.understanding;
    const prompts: Array<[string, string, { yes: string; no: string }]> = [
      ...Object.entries(confirm.happeningNow).map(([answer, prompt]) => [`happeningNow.${answer}`, prompt, confirmButtons.happeningNow[answer as keyof typeof confirm.happeningNow]] as [string, string, { yes: string; no: string }]),
      ...Object.entries(confirm.audience).map(([answer, prompt]) => [`audience.${answer}`, prompt, confirmButtons.audience[answer as keyof typeof confirm.audience]] as [string, string, { yes: string; no: string }]),
      ['location', confirm.location, confirmButtons.location],
    ];
    const wrong = prompts.filter(([, prompt, pair]) => {
      const expected = answersTo(prompt);
      return !expected || pair.yes !== expected[0] || pair.no !== expected[1];
    });
    expect(wrong.map(([key, prompt, pair]) => `${key}: "${prompt}" answered ${pair.yes} / ${pair.no}`)).toEqual([]);
  });

  test.each(WELSH_FILES)('%s.json: the main yes/no questions too ("Ydy\'r digwyddiad …?" Ydy / Nac ydy; "Oedd hyn …?" Oedd / Nac oedd)', (language) => {
    const content = contentFor(language);
    const pairs: Array<[string, string, string]> = [
      [content.states.happeningNow.prompt, content.states.happeningNow.options.yes, content.states.happeningNow.options.no],
      [content.feedback.prompt, content.feedback.yes, content.feedback.no],
    ];
    for (const [question, yes, no] of pairs) {
      const expected = answersTo(question);
      expect({ question, yes: yes.split(',')[0], no: no.split(',')[0] }).toEqual({ question, yes: expected?.[0], no: expected?.[1] });
    }
  });

  test('every confirmation shown in Welsh has those buttons (the renderer takes each question\'s own pair)', () => {
    const render = { state: 'happeningNow' as const, context: initialContext, triageId: 't', now: new Date('2026-11-18T10:30:00Z'), content: contentFor('cy') };
    const shown = (yes: ConfirmableAnswer) => renderConfirmation(render, { question: yes.question, yes, no: null, state: 'happeningNow' }).buttons!.slice(0, 2).map((button) => button.label);
    expect(shown({ question: 'location', location: { kind: 'unit', unitId: 'TARIAN', forceIds: ['south-wales'], label: 'Cardiff' } })).toEqual(['Oeddwn', 'Nac oeddwn']);
    expect(shown({ question: 'audience', answer: 'organisation' })).toEqual(['Ydw', 'Nac ydw']);
    expect(shown({ question: 'happeningNow', answer: 'yes' })).toEqual(['Ydy', 'Nac ydy']);
    expect(shown({ question: 'happeningNow', answer: 'notSure' })).toEqual(['Ydw', 'Nac ydw']);
  });
});
