import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIRST_STEPS_FILE, firstSteps, INCIDENT_KINDS, loadFirstSteps } from '../../data/firstSteps';
import { DataFileError } from '../../data/loadJson';

/** data/firstSteps.json is validated on load: a bad file stops start-up with a message naming the file and the field. */

const original = JSON.parse(readFileSync(path.join(__dirname, '../../data', FIRST_STEPS_FILE), 'utf8'));

function loadChanged(change: (file: typeof original) => void): () => unknown {
  return () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'first-steps-'));
    try {
      const copy = structuredClone(original);
      change(copy);
      writeFileSync(path.join(dir, FIRST_STEPS_FILE), JSON.stringify(copy));
      return loadFirstSteps(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test('the shipped file loads: every kind has three to five steps for an organisation and for a person, each with a source', () => {
  for (const kind of INCIDENT_KINDS) {
    for (const audience of ['organisation', 'individual'] as const) {
      const steps = firstSteps.kinds[kind][audience];
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(steps.length).toBeLessThanOrEqual(5);
      for (const step of steps) for (const source of step.sources) expect(firstSteps.sources[source]).toBeDefined();
    }
  }
});

test.each([
  ['a step naming a source that is not listed', (file: typeof original) => (file.kinds.ransomware.organisation[0].sources = ['nowhere']), 'kinds.ransomware.organisation.0.sources.0'],
  ['two steps for a kind', (file: typeof original) => (file.kinds.sextortion.individual = file.kinds.sextortion.individual.slice(0, 2)), 'kinds.sextortion.individual'],
  ['six steps for a kind', (file: typeof original) => file.kinds.other.individual.push(...file.kinds.other.organisation), 'kinds.other.individual'],
  ['a source on plain http', (file: typeof original) => (file.sources['ico-report-breach'].url = 'http://ico.org.uk'), 'sources.ico-report-breach.url'],
  ['a source without its verified-on date', (file: typeof original) => delete file.sources['ncsc-dos'].verifiedOn, 'sources.ncsc-dos.verifiedOn'],
  ['a kind missing', (file: typeof original) => delete file.kinds.denialOfService, 'kinds.denialOfService'],
  ['a step listed twice', (file: typeof original) => file.kinds.moneyLost.individual.push(file.kinds.moneyLost.individual[0]), 'kinds.moneyLost.individual.3'],
  ['a number written oddly', (file: typeof original) => (file.contacts.icoHelpline.number = '0303-123-1113'), 'contacts.icoHelpline.number'],
])('%s is refused, naming the field', (_what, change, field) => {
  expect(loadChanged(change)).toThrow(DataFileError);
  expect(loadChanged(change)).toThrow(new RegExp(`${FIRST_STEPS_FILE}: field "${field.replace(/[.]/g, '\\.')}`));
});
