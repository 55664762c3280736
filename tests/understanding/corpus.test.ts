import { allSets, CORPUS_NAMES, INTENT_SET_NAMES, KIND_SET_NAMES, loadCorpus, rulesEngine, score } from './corpus';

/**
 * The shipped understanding on the labelled corpus: no dangerous reading at all (a live attack read as not live, an
 * organisation under a live attack read as a person), at least 95% right first time, at most 5% clarified.
 */
describe.each([...CORPUS_NAMES])('%s.json', (name) => {
  const samples = loadCorpus(name);
  const tallies = score(rulesEngine, samples);

  test('has labelled answers for every question', () => {
    // The places set is labelled for the location alone.
    if (name === 'places') {
      expect(tallies.location.total).toBeGreaterThanOrEqual(200);
      return;
    }
    for (const question of ['happeningNow', 'audience', 'location'] as const) expect(tallies[question].total).toBeGreaterThan(10);
    if (name === 'welsh') expect(tallies.command.total).toBeGreaterThan(10);
    if (name !== 'heldout' && name !== 'welsh') {
      expect(tallies.all.total).toBeGreaterThanOrEqual(400);
      expect(tallies.command.total).toBeGreaterThan(10);
    }
  });

  test('no dangerous reading', () => {
    const dangerous = [...tallies.happeningNow.examples, ...tallies.audience.examples]
      .filter((example) => example.verdict === 'dangerous')
      .map(({ sample, got }) => `at ${sample.at}: ${JSON.stringify(sample.text)} read as ${got}`);
    expect(dangerous).toEqual([]);
  });

  test('at least 95% right first time, at most 5% clarified', () => {
    expect(tallies.all.right / tallies.all.total).toBeGreaterThanOrEqual(0.95);
    expect(tallies.all.clarified / tallies.all.total).toBeLessThanOrEqual(0.05);
  });
});

/**
 * Places outside the UK police network (issue 20): an island or a place abroad is never read as a UK unit (its live
 * organisation would get Report Fraud's press 9, which does not cover it), and no place is taken from a message that
 * names none of the user's ("hackers in Russia", "Jersey cows", "reading an email").
 */
describe('places.json: islands, abroad and false places', () => {
  const tallies = score(rulesEngine, loadCorpus('places'), ['location']);
  const misread = (test: (expected: string, got: string) => boolean) =>
    tallies.location.examples.filter(({ sample, got }) => test(sample.expect.location!, got)).map(({ sample, got }) => `${JSON.stringify(sample.text)} read as ${got}`);

  test('an island or a place abroad is never read as a place in the UK, nor as another island', () => {
    expect(misread((expected, got) => ['GY', 'JE', 'IM', 'abroad'].includes(expected) && got !== 'clarify')).toEqual([]);
  });

  test('no place is taken where the user named none of theirs', () => {
    expect(misread((expected) => expected === 'clarify')).toEqual([]);
  });
});

/**
 * Every set in tests/understanding/, whatever its format (the corpora above, kinds.json, the intents' sets, each blind
 * round's set and any set added later: found by listing the folder, not from a list to keep up to date): not one
 * dangerous reading.
 */
describe('every labelled set', () => {
  const sets = allSets();

  test('the folder holds the known sets, each with labelled answers', () => {
    expect(sets.map((set) => set.name)).toEqual(expect.arrayContaining([...CORPUS_NAMES, ...KIND_SET_NAMES, ...INTENT_SET_NAMES]));
    for (const set of sets) expect(set.samples.length).toBeGreaterThan(0);
  });

  test.each(sets.map((set) => [set.name, set] as const))('%s: no dangerous reading', (_name, set) => {
    const tallies = score(rulesEngine, set.samples);
    const dangerous = [...tallies.happeningNow.examples, ...tallies.audience.examples]
      .filter((example) => example.verdict === 'dangerous')
      .map(({ sample, got }) => `at ${sample.at}: ${JSON.stringify(sample.text)} read as ${got}`);
    expect(dangerous).toEqual([]);
  });
});
