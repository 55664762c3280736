import { CORPUS_NAMES, loadCorpus, rulesEngine, score } from './corpus';

/**
 * The shipped understanding on the labelled corpus: no dangerous reading at all (a live attack read as not live, an
 * organisation under a live attack read as a person), at least 95% right first time, at most 5% clarified.
 */
describe.each([...CORPUS_NAMES])('%s.json', (name) => {
  const samples = loadCorpus(name);
  const tallies = score(rulesEngine, samples);

  test('has labelled answers for every question', () => {
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
