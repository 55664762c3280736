import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { forceById } from '../../data/catalog';
import { DataFileError } from '../../data/loadJson';
import { resolveLocation } from '../../data/location';
import { OPEN_NAMES_FILE, loadOpenNamesFile, openNamesProvenance } from '../../data/places';
import { POSTCODES_FILE, loadPostcodesFile, postcodesProvenance, regionForPostcode } from '../../data/postcodes';
import type { ForceId } from '../../data/types';
import { GENERATED_DIR, SAMPLE_FILE, build } from '../../scripts/geo/build';
import { defaultSourceDir, sourceFilesIn } from '../../scripts/geo/sources';

const REPO_ROOT = resolve(__dirname, '..', '..');
const DATA_DIR = join(REPO_ROOT, 'data');

describe('the fixed postcode sample (tests/data/fixtures/postcode-sample.csv, from Code-Point Open)', () => {
  const lines = readFileSync(SAMPLE_FILE, 'utf8').split('\n');
  const rows = lines
    .filter((line) => line && !line.startsWith('#') && !line.startsWith('postcode,'))
    .map((line) => {
      const [postcode, force, district] = line.split(',');
      return { postcode, force: force as ForceId, district };
    });

  it('names its source and holds a few thousand postcodes, half from sectors that straddle a force boundary', () => {
    expect(lines[0]).toMatch(/OS Code-Point Open 2025\.4\.0/);
    expect(lines.some((line) => line.includes('Contains OS data'))).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(3000);
  });

  it('includes the postcodes issue 12 found wrong', () => {
    for (const postcode of ['BD23 3FE', 'EC2A 2EF', 'TW14 8RT', 'DE15 9TP', 'SY9 5JP', 'GL56 0PF']) {
      expect(rows.map((row) => row.postcode)).toContain(postcode);
    }
  });

  it('resolves every one exactly: its force, its unit, no question, labelled with the district only', () => {
    const wrong = rows.filter(({ postcode, force }) => {
      const expected = { kind: 'unit', unitId: forceById(force).unitId, forceIds: [force], label: postcode.split(' ')[0] };
      return JSON.stringify(regionForPostcode(postcode)) !== JSON.stringify(expected) || JSON.stringify(resolveLocation(postcode)) !== JSON.stringify(expected);
    });
    expect(wrong.map((row) => row.postcode)).toEqual([]);
  });

  it('resolves them however they are typed: lower case, no space', () => {
    const wrong = rows
      .slice(0, 500)
      .filter(({ postcode, force }) => {
        const resolution = resolveLocation(postcode.toLowerCase().replace(' ', ''));
        return resolution.kind !== 'unit' || resolution.forceIds.join() !== force;
      });
    expect(wrong).toEqual([]);
  });
});

describe('the generated tables', () => {
  it('carry their sources, dataset version and the licence attribution', () => {
    expect(postcodesProvenance.sources.map((source) => source.name)).toEqual([
      'OS Code-Point Open',
      'ONS Local Authority District to Community Safety Partnership to Police Force Area (December 2024) Lookup in England and Wales',
    ]);
    expect(postcodesProvenance.sources[0]).toMatchObject({ datasetVersion: '2025.4.0' });
    for (const provenance of [postcodesProvenance, openNamesProvenance]) {
      expect(provenance.attribution).toContain('Contains OS data © Crown copyright and database right 2025');
      expect(provenance.attribution).toContain('Contains Royal Mail data © Royal Mail copyright and database right 2025');
      expect(provenance.attribution).toContain('Contains National Statistics data © Crown copyright and database right 2025');
      expect(provenance.licence).toMatch(/Open Government Licence v3\.0/);
      expect(provenance.confidence).toBe('sourced');
    }
    expect(openNamesProvenance.sources[0]).toMatch(/OS Open Names/);
  });

  function corrupted(file: string, corrupt: (json: any) => void): string {
    const json = JSON.parse(readFileSync(join(GENERATED_DIR, file.replace('generated/', '')), 'utf8'));
    corrupt(json);
    const dir = mkdtempSync(join(tmpdir(), 'geo-'));
    mkdirSync(join(dir, 'generated'));
    writeFileSync(join(dir, file), JSON.stringify(json));
    return dir;
  }

  it.each<[string, (json: any) => void, string]>([
    ['an unknown force', (json) => (json.forces[0] = 'bournemouth'), 'forces.0'],
    ['a sector pointing past the force list', (json) => (json.sectors['LS1 4'] = 99), 'sectors.LS1 4'],
    ['units that are not pairs of letters', (json) => (json.sectors['GL56 0'][0][1] = 'AB1'), 'sectors.GL56 0.0.1'],
    ['a district in no listed area', (json) => (json.districts.QQ1 = [0]), 'districts.QQ1'],
    ['no attribution', (json) => delete json.about.attribution, 'about.attribution'],
  ])('postcodes.json: %s is refused, naming the field', (_, corrupt, field) => {
    const dir = corrupted(POSTCODES_FILE, corrupt);
    expect(() => loadPostcodesFile(dir)).toThrow(DataFileError);
    expect(() => loadPostcodesFile(dir)).toThrow(`Bad data file ${POSTCODES_FILE}: field "${field}"`);
  });

  it.each<[string, (json: any) => void, string]>([
    ['an unknown settlement type', (json) => (json.names[10] = json.names[10].replace(/,[A-Z],/, ',X,')), 'names.10'],
    ['a county that is not listed', (json) => (json.names[10] = json.names[10].replace(/\t\d+,/, `\t${json.counties.length},`)), 'names.10'],
    ['an empty name', (json) => (json.names[12] = json.names[12].replace(/,[A-Z],[^,;]+/, ',V,')), 'names.12'],
    ['keys out of order', (json) => json.names.reverse(), 'names.1'],
    ['an unknown force', (json) => (json.counties[3][2] = 'wessex'), 'counties.3.2'],
    ['a force area with no name', (json) => delete json.forceAreas.kent, 'forceAreas.kent'],
  ])('open-names.json: %s is refused, naming the field', (_, corrupt, field) => {
    const dir = corrupted(OPEN_NAMES_FILE, corrupt);
    expect(() => loadOpenNamesFile(dir)).toThrow(DataFileError);
    expect(() => loadOpenNamesFile(dir)).toThrow(`Bad data file ${OPEN_NAMES_FILE}: field "${field}"`);
  });

  it('the real files load', () => {
    expect(() => loadPostcodesFile(DATA_DIR)).not.toThrow();
    expect(() => loadOpenNamesFile(DATA_DIR)).not.toThrow();
  });
});

// The published source files are outside the repository (shared/geo); where they are, rebuilding must change nothing.
const SOURCE_DIR = defaultSourceDir(REPO_ROOT);
const hasSource = existsSync(SOURCE_DIR);

(hasSource ? describe : describe.skip)(
  hasSource ? `npm run data:geo from ${SOURCE_DIR}` : `npm run data:geo (skipped: the source data ${SOURCE_DIR} is absent)`,
  () => {
    it('rebuilds byte for byte what is committed (the generated files are in date with the script and the data)', () => {
      const output = build(sourceFilesIn(SOURCE_DIR));
      expect(output.postcodes === readFileSync(join(GENERATED_DIR, 'postcodes.json'), 'utf8')).toBe(true);
      expect(output.openNames === readFileSync(join(GENERATED_DIR, 'open-names.json'), 'utf8')).toBe(true);
      expect(output.welshNames === readFileSync(join(GENERATED_DIR, 'place-names-cy.json'), 'utf8')).toBe(true);
      expect(output.sample === readFileSync(SAMPLE_FILE, 'utf8')).toBe(true);
    }, 180_000);
  },
);
