import { contentFor, fill, listInWords, SUPPORTED_LANGUAGES } from '../../dialogs/content';
import { aspirateMutation, describeProblem, joinWelsh, nasalMutation, softMutation, welshProblems } from '../../dialogs/content/grammar';
import en from '../../dialogs/content/en.json';
import { clock, hoursInWords, stampInWords } from '../../dialogs/facts';
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
    expect(fill('ardal: yn {label}', { label: 'Cymru' })).toBe('ardal: yng Nghymru');
    expect(fill('ardal: yn {label}', { label: 'Yr Alban' })).toBe('ardal: yn yr Alban');
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
    expect(rules('Does neb yn monitro hon, a all hi ddim derbyn adroddiad')).toEqual(['a/ac: a all → ac ni all … (or "ac all … ddim")']);
    expect(rules('Does neb yn monitro hon, a ni all dderbyn adroddiad')).toEqual(['a/ac: a ni → ac ni']);
    expect(rules('Mae ar agor a mae\'r tîm yn ateb')).toEqual(['a/ac: a mae\'r → ac mae\'r']);
    expect(rules('ffoniwch 0300 123 2040 a pwyswch 9')).toEqual(['aspirate: a pwyswch → a phwyswch']);
    expect(rules('dydd Llun i ddydd Gwener, 9yb i 5yh')).toHaveLength(2);
    expect(rules('Teipiwch **dechrau eto** neu **dechrau eto**; neu {emergencyPhone}; neu 999; neu LS1; neu Guernsey')).toEqual([]);
    expect(rules('a oedd hyn yn ddefnyddiol? Atebion a awgrymir. Ffoniwch 101 a gofynnwch')).toEqual([]);
  });

  test.each(WELSH_FILES)('%s.json: "neu" + a word is mutated, "ac"/"ag" before a vowel, the aspirate after "a"/"â", times in words', (language) => {
    const problems = stringsOf(contentFor(language)).flatMap(([key, text]) => welshProblems(text).map((problem) => describeProblem(key, problem)));
    expect(problems).toEqual([]);
  });

  test.each(WELSH_FILES)('%s.json: the day of {nextOpening} is written mutated ("ddydd Llun"), so it follows a word inside a sentence', (language) => {
    // time.dayFormat writes the adverbial "ddydd Llun", right after "pan fydd yn agor" but wrong to start a sentence.
    const misplaced = stringsOf(contentFor(language)).filter(([, text]) => /(^|[.!?:]\s*)\{nextOpening\}/.test(text));
    expect(misplaced.map(([key]) => `${key}: {nextOpening} starts a sentence; write it after a word ("pan fydd yn agor {nextOpening}")`)).toEqual([]);
  });

  test('times in words, as Welsh publishes them (not 9yb i 5yh, not 12yh for noon)', () => {
    const welsh = contentFor('cy');
    const times = ['00:00', '00:30', '09:00', '11:59', '12:00', '12:30', '17:00', '17:30', '18:00', '20:00', '23:45'].map((time) => clock(time, welsh));
    expect(times).toEqual(['hanner nos', '12:30 y bore', '9 y bore', '11:59 y bore', 'hanner dydd', '12:30 y prynhawn', '5 y prynhawn', '5:30 y prynhawn', '6 y nos', '8 y nos', '11:45 y nos']);
    expect(hoursInWords({ days: [1, 2, 3, 4, 5], opens: '08:00', closes: '20:00' }, welsh)).toBe('dydd Llun i ddydd Gwener, 8 y bore i 8 y nos');
    for (const time of times) expect(welshProblems(time)).toEqual([]);
  });
});

describe('a Welsh name with the article, inside a sentence', () => {
  const welsh = contentFor('cy');
  test('fill writes it as Welsh does: a small letter inside the sentence, \'r after a vowel, the capital at the start', () => {
    expect(fill("Oeddech chi'n golygu {label}?", { label: 'Yr Alban' }, welsh)).toBe("Oeddech chi'n golygu'r Alban?");
    expect(fill("Oeddech chi'n golygu {label}?", { label: 'Y Drenewydd' }, welsh)).toBe("Oeddech chi'n golygu'r Drenewydd?");
    expect(fill('yn ardal {label}', { label: 'Y Fenni' }, welsh)).toBe('yn ardal y Fenni');
    expect(fill('Mae {label} yn cynnwys mwy nag un ardal heddlu.', { label: 'Y Drenewydd' }, welsh)).toBe("Mae'r Drenewydd yn cynnwys mwy nag un ardal heddlu.");
    // A name cited in quotes is left as it is.
    expect(fill("Mae mwy nag un lle o'r enw “{label}”.", { label: 'Y Barri' }, welsh)).toBe("Mae mwy nag un lle o'r enw “Y Barri”.");
    expect(fill('{label}: ym mha ran rydych chi?', { label: 'Yr Alban' }, welsh)).toBe('Yr Alban: ym mha ran rydych chi?');
    expect(fill('Lleoliad: {label}', { label: 'Y Fenni' }, welsh)).toBe('Lleoliad: Y Fenni');
    expect(fill("Oeddech chi'n golygu {label}?", { label: 'Caerdydd' }, welsh)).toBe("Oeddech chi'n golygu Caerdydd?");
    // English keeps a name as it is written, and so does a template filled without its language.
    expect(fill(en.understanding.confirm.location, { label: 'Y Felinheli' }, contentFor('en'))).toBe('Did you mean Y Felinheli?');
    expect(fill(en.understanding.answers.location, { label: 'Y Fenni' }, contentFor('en'))).toBe('based in Y Fenni');
  });

  test('the check finds a capital article inside a sentence, and leaves one at the start of a line, a label or a button', () => {
    const rules = (text: string) => welshProblems(text).map((problem) => `${problem.rule}: ${problem.found} → ${problem.fix}`);
    expect(rules("**Oeddech chi'n golygu Yr Alban?**")).toEqual(["article: golygu Yr Alban → golygu'r Alban"]);
    expect(rules('Dyma sut rydw i wedi deall eich ateb: yn ardal Y Fenni.')).toEqual(['article: ardal Y Fenni → ardal y Fenni']);
    expect(rules('Lleoliad: Y Fenni – De Cymru (TARIAN)\nY tu allan i\'r DU\nYr Alban')).toEqual([]);
  });
});

describe('wording the reviews corrected cannot come back', () => {
  test.each([
    ['Helo. Gallaf eich helpu.', 'galla i'],
    ['Nid yw Report Fraud yn gwasanaethu\'r Alban.', 'Dydy … ddim / Does dim …'],
    ['oni bai bod angen i\'r heddlu ddod allan atoch chi', 'ddod atoch chi'],
    ['Heddlu\'r Alban sy\'n cymryd adroddiadau', 'derbyn adroddiad(au)'],
    ['mae\'r tîm ar gau: disgwyliwch ateb pan fydd yn agor', "byddwch chi'n cael ateb"],
    ['Gallwch ddechrau eto gyda\'r botymau isod.', "drwy ddefnyddio'r botymau"],
    ['Ffoniwch 101 (nid argyfwng)', '(y rhif di-argyfwng)'],
    ['aeth rhywbeth o\'i le ar ein hochr ni', 'yn ein system ni'],
    ['Ble rydych chi wedi\'ch lleoli?', 'Ble rydych chi … / yn ardal {label}'],
    ['Rydw i wedi deall hynny fel: ar ran sefydliad.', 'Dyma sut rydw i wedi deall eich ateb'],
    ['Methodd yr anfon.', 'Methodd anfon y neges'],
    ['Os yw ymosodiad seiber wedi taro chi', 'wedi effeithio arnoch chi'],
    ['Pwyswch shift a Tab 2 neu 3 gwaith', 'Shift'],
    ['Pwyswch Shift a tab 2 neu 3 gwaith', 'Tab'],
  ])('%s → %s', (text, fix) => {
    const found = welshProblems(text).filter((problem) => problem.rule === 'wording');
    expect(found.map((problem) => problem.fix)).toEqual([fix]);
  });

  test('a browser tab is a word, not a key name', () => {
    expect(welshProblems("mae'r dudalen yn cadw'r sgwrs yn y tab hwn o'ch porwr").filter((problem) => problem.rule === 'wording')).toEqual([]);
  });

  test('a failure names the key, what is written, what to write instead and why', () => {
    const [problem] = welshProblems('Nesaf, gallaf roi manylion cyswllt eich tîm i chi.');
    expect(describeProblem('states.liveAttack.nextStep', problem)).toBe(
      'states.liveAttack.nextStep: "gallaf" → write "galla i" (one register: the bot says "galla i", as it says "alla i ddim" and "rydw i")',
    );
  });

  test('what the reviews found right stays right: keys in placeholders, "ymosodiad seiber byw", the relative "a"', () => {
    expect(welshProblems('defnyddiwch {exit} neu bwyswch {shift} 3 gwaith')).toEqual([]);
    expect(welshProblems('i sefydliadau sy\'n dioddef ymosodiad seiber byw')).toEqual([]);
    expect(welshProblems('Rydych chi eisoes wedi dweud wrthon ni a oedd hyn yn ddefnyddiol.')).toEqual([]);
    expect(welshProblems('Dydy\'r tîm ddim ar agor eto; nid i ymdrin ag ymosodiad')).toEqual([]);
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

describe("the second review's classes, as rules every Welsh string and every replayed Welsh message is held to", () => {
  const rules = (text: string) => welshProblems(text).map((problem) => `${problem.rule}: ${problem.found} → ${problem.fix}`);

  test.each([
    // item 8: the article after a vowel is 'r; the particle "y" before a verb stays
    ['gofynnwch am Uned Seiberdroseddu y Met (Cyber Protect)', "article: Seiberdroseddu y Met → Seiberdroseddu'r Met"],
    ['anfonwch e i y tîm', "article: i y tîm → i'r tîm"],
    // item 11: after a comma the article of a name is inside the label
    ['Newport (Highland, Yr Alban)', 'article: , Yr Alban → , yr Alban'],
    // item 24: a compass compound is hyphenated
    ['Uned Troseddau Cyfundrefnol Ranbarthol Gogledd Orllewin Lloegr', 'wording: Gogledd Orllewin → Gogledd-orllewin'],
    // item 10: a span of days in running text takes "o"
    ["rydyn ni'n cymryd ei fod ar agor dydd Llun i ddydd Gwener", 'wording: dydd Llun i ddydd → o ddydd … i ddydd …'],
    // items 5, 6, 13, 14, 19, 22, 16: wording the review corrected
    ["Dyfais wedi'i heintio neu dan reolaeth", 'wording: dan reolaeth → dan reolaeth rhywun arall'],
    ["mae'r NCSC yn sicrhau cwmnïau ymateb", "wording: sicrhau cwmnïau → cwmni … sydd wedi'i achredu gan"],
    ["Ffeiliau wedi'u cloi neu gais am bridwerth", 'wording: gais am bridwerth → rhywun yn mynnu pridwerth'],
    ["Gwefan neu wasanaeth wedi'i daro all-lein", "wording: wedi'i daro all-lein → wedi'i orfodi all-lein"],
    ['Dydd San Steffan (diwrnod yn ei le)', 'wording: (diwrnod yn ei le) → (diwrnod amgen)'],
    ['Y camau cyntaf: ransomware', 'wording: ransomware → meddalwedd wystlo'],
    ['beth mae {serviceName} yn ei gadw', "wording: mae {serviceName} → mae'r gwasanaeth “{serviceName}”"],
  ])('"%s" is found: %s', (text, problem) => {
    expect(rules(text)).toEqual([problem]);
  });

  test.each([
    ["gofynnwch am Uned Seiberdroseddu'r Met (Cyber Protect)"],
    ['y dudalen heddlu y daethoch chi ohoni'],
    ["chi y tu allan i'r DU"],
    ['Newport (Highland, yr Alban)'],
    ['Lleoliad: Yr Alban'],
    ['Uned Troseddau Cyfundrefnol Ranbarthol Gogledd-orllewin Lloegr'],
    ["rydyn ni'n cymryd mai dyma'i oriau: dydd Llun i ddydd Gwener, 9 y bore i 5 y prynhawn."],
    ['ffoniwch 0300 123 2040 (dydd Llun i ddydd Gwener, 8 y bore i 8 y nos)'],
    ["Dyfais wedi'i heintio neu dan reolaeth rhywun arall"],
    ['Y camau cyntaf: meddalwedd wystlo (ransomware)'],
    ['https://www.ncsc.gov.uk/ransomware/home'],
    ["beth mae'r gwasanaeth “{serviceName}” yn ei gadw"],
    ['(Aberdeenshire neu Moray, yr Alban)'],
  ])('"%s" is right as it is', (text) => {
    expect(rules(text)).toEqual([]);
  });

  test('a county label after "neu" mutates when the county is Welsh, and keeps its form when it is not', () => {
    const welsh = contentFor('cy');
    expect(listInWords(['Sir Gaerfyrddin, Cymru', 'Ceredigion, Cymru'], welsh, 'or')).toBe('Sir Gaerfyrddin, Cymru neu Geredigion, Cymru');
    expect(listInWords(['Sir Gaerfyrddin, Cymru', 'Powys, Cymru'], welsh, 'or')).toBe('Sir Gaerfyrddin, Cymru neu Bowys, Cymru');
    expect(listInWords(['Aberdeenshire, yr Alban', 'Moray, yr Alban'], welsh, 'or')).toBe('Aberdeenshire, yr Alban neu Moray, yr Alban');
  });

  test('the advice page gives the moment as a Welsh sentence does: "ar 6 Rhagfyr 2026 am 9:29 y bore (amser y DU)"', () => {
    const welsh = contentFor('cy');
    const given = fill(welsh.advicePage.given, { time: stampInWords(new Date('2026-12-06T09:29:00Z'), welsh, 'sentence') }, welsh);
    expect(given).toContain('Cyngor a roddwyd ar 6 Rhagfyr 2026 am 9:29 y bore (amser y DU), ar sail eich atebion.');
    // "Your answers" keeps its label form.
    expect(stampInWords(new Date('2026-12-06T09:29:00Z'), welsh)).toBe('6 Rhagfyr 2026, 9:29 y bore');
  });
});
