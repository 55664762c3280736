import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeploymentSettingsError, resolveDeploymentSettings } from '../../server/deployment';

/** `forceName` per language in the deployment settings: a plain string still works; a name per language is checked. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'force-name-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function settingsFile(content: unknown): string {
  const file = path.join(dir, `settings-${count++}.json`);
  writeFileSync(file, JSON.stringify(content));
  return file;
}

test('a name per language is kept as given; a plain string (file or FORCE_NAME) still works', () => {
  const names = { en: 'Dyfed-Powys Police', cy: 'Heddlu Dyfed-Powys' };
  expect(resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: settingsFile({ forceName: names }) }).forceName).toEqual(names);
  expect(resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: settingsFile({ forceName: 'Gwent Police' }) }).forceName).toBe('Gwent Police');
  expect(resolveDeploymentSettings({ FORCE_NAME: 'Heddlu Gwent' }).forceName).toBe('Heddlu Gwent');
});

test.each<[string, unknown, RegExp]>([
  ['a language with no content', { xx: 'Example Police' }, /field "forceName/],
  ['no language at all', {}, /field "forceName"/],
  ['an empty name', { en: ' ' }, /field "forceName/],
  ['a name too long', { cy: 'H'.repeat(81) }, /field "forceName/],
])('%s is refused at start-up, naming the field', (_, forceName, message) => {
  const file = settingsFile({ forceName });
  expect(() => resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file })).toThrow(DeploymentSettingsError);
  expect(() => resolveDeploymentSettings({ DEPLOYMENT_SETTINGS: file })).toThrow(message);
});
