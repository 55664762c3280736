import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, DATA_FILES, type RawCatalogFiles } from '../../data/catalog';
import { DataFileError, validate } from '../../data/loadJson';
import { forcesFileSchema, nationalServicesSchema, unitsFileSchema } from '../../data/schema';

const DATA_DIR = join(__dirname, '..', '..', 'data');

// Raw JSON, corrupted freely in the tests.
type MutableFiles = Record<keyof RawCatalogFiles, any>;

/** A fresh parsed copy of the real data files, to corrupt in memory. */
function rawFiles(): MutableFiles {
  const read = (file: string) => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));
  return {
    national: read(DATA_FILES.national),
    units: read(DATA_FILES.units),
    forces: read(DATA_FILES.forces),
  };
}

function errorOf(action: () => unknown): DataFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof DataFileError) return error;
    throw error;
  }
  throw new Error('expected a DataFileError, but nothing was thrown');
}

describe('the real data files', () => {
  it('pass schema validation and the cross-checks', () => {
    expect(() => buildCatalog(rawFiles())).not.toThrow();
  });
});

describe('a corrupted file is rejected with a message naming the file and the field', () => {
  type Case = [string, (files: MutableFiles) => void, string, string];
  const schemaCases: Case[] = [
    ['a unit website that is not a URL', (f) => { f.units.ERSOU.website.url = 'ersou.police.uk'; }, 'units.json', 'ERSOU.website.url'],
    ['a unit website on ftp', (f) => { f.units.MET.website.url = 'ftp://met.police.uk/'; }, 'units.json', 'MET.website.url'],
    ['an other link that is not a URL', (f) => { f.units.SEROCU.otherLinks[0].url = 'javascript:alert(1)'; }, 'units.json', 'SEROCU.otherLinks.0.url'],
    ['a unit with no website source', (f) => { f.units.TARIAN.website.source = ' '; }, 'units.json', 'TARIAN.website.source'],
    ['a missing unit', (f) => { delete f.units.TARIAN; }, 'units.json', 'TARIAN'],
    ['an unknown unit', (f) => { f.units.WALES = { ...f.units.TARIAN, id: 'WALES' }; }, 'units.json', '(root)'],
    ['a unit keyed under another id', (f) => { f.units.MET.id = 'COLP'; }, 'units.json', 'MET.id'],
    ['a verified e-mail with no seen source', (f) => { f.units.COLP.email.status = 'verified'; }, 'units.json', 'COLP.email.status'],
    ['an e-mail that is not an address', (f) => { f.units.MET.email.address = 'cyberprotect at met'; }, 'units.json', 'MET.email.address'],
    ['a unit said to be monitored 24/7', (f) => { f.units.YHROCU.monitored247 = true; }, 'units.json', 'YHROCU.monitored247'],
    ['a badly written date', (f) => { f.units.PSNI.verifiedOn = '22/11/2026'; }, 'units.json', 'PSNI.verifiedOn'],
    ['an impossible date', (f) => { f.units.PSNI.officeHours.verifiedOn = '2026-02-30'; }, 'units.json', 'PSNI.officeHours.verifiedOn'],
    ['office hours that close before they open', (f) => { f.units.SCOT.officeHours.closes = '08:00'; }, 'units.json', 'SCOT.officeHours.closes'],
    ['a misspelt field', (f) => { f.units.SCOT.webiste = f.units.SCOT.website; }, 'units.json', 'SCOT'],
    ['a force with an unknown unit', (f) => { f.forces.kent.unitId = 'SEROCUX'; }, 'forces.json', 'kent.unitId'],
    ['a missing force', (f) => { delete f.forces.gwent; }, 'forces.json', 'gwent'],
    ['an alias of two forces', (f) => { f.forces.surrey.aliases.push('met'); }, 'forces.json', 'surrey.aliases'],
    ['an alias in capitals', (f) => { f.forces.kent.aliases.push('Kent Police'); }, 'forces.json', 'kent.aliases.2'],
    ['a phone number with letters', (f) => { f.national.reportFraud.phone.number = '0300 123 204O'; }, 'national.json', 'reportFraud.phone.number'],
    ['a phone number with a dash', (f) => { f.national.cyberAndFraudCentreScotland.incidentHelpline.number = '01786-437-472'; }, 'national.json', 'cyberAndFraudCentreScotland.incidentHelpline.number'],
    ['an unknown confidence', (f) => { f.national.reportFraud.liveAttack.confidence = 'probably'; }, 'national.json', 'reportFraud.liveAttack.confidence'],
    ['a non-https website', (f) => { f.national.reportFraud.website.url = 'reportfraud.police.uk'; }, 'national.json', 'reportFraud.website.url'],
    ['a plain http:// website (every link shown is https)', (f) => { f.units.NWROCU.website.url = 'http://www.nwrocu.police.uk/about-us'; }, 'units.json', 'NWROCU.website.url'],
    ['a Crown Dependency with no police number', (f) => { delete f.national.crownDependencies[1].policePhone; }, 'national.json', 'crownDependencies.1.policePhone'],
    ['an island police number with no source', (f) => { f.national.crownDependencies[0].policePhone.source = ''; }, 'national.json', 'crownDependencies.0.policePhone.source'],
    ['the 159 line with a letter', (f) => { f.national.stopScamsUk.phone.number = '15O'; }, 'national.json', 'stopScamsUk.phone.number'],
    ['a choice note that is empty', (f) => { f.forces['city-of-london'].choiceNote = ' '; }, 'forces.json', 'city-of-london.choiceNote'],
    ['a crown dependency listed twice', (f) => { f.national.crownDependencies.push(f.national.crownDependencies[0]); }, 'national.json', 'crownDependencies'],
  ];

  const crossCases: Case[] = [
    ['a unit left with no force', (f) => { f.forces.metropolitan.unitId = 'COLP'; }, 'units.json', 'MET'],
    ['a unit with the wrong bank holidays', (f) => { f.units.SCOT.bankHolidayDivision = 'england-and-wales'; }, 'units.json', 'SCOT.bankHolidayDivision'],
    ['a unit with the wrong reporting route', (f) => { f.units.PSNI.reportingRoute = 'report-fraud'; }, 'units.json', 'PSNI.reportingRoute'],
  ];

  it.each([...schemaCases, ...crossCases])('%s', (_, corrupt, file, field) => {
    const files = rawFiles();
    corrupt(files);
    const error = errorOf(() => buildCatalog(files));
    expect(error.file).toBe(file);
    expect(error.field.startsWith(field)).toBe(true);
    expect(error.message).toContain(file);
    expect(error.message).toContain(`"${error.field}"`);
  });

  it('validate() with each schema names the file it was given', () => {
    const files = rawFiles();
    files.units.ERSOU.website.url = 'not a url';
    files.forces.kent.unitId = 'NOPE';
    files.national.nonEmergency.number = '1O1';
    expect(() => validate('units.json', files.units, unitsFileSchema)).toThrow(/units\.json: field "ERSOU\.website\.url"/);
    expect(() => validate('forces.json', files.forces, forcesFileSchema)).toThrow(/forces\.json: field "kent\.unitId"/);
    expect(() => validate('national.json', files.national, nationalServicesSchema)).toThrow(/national\.json: field "nonEmergency\.number"/);
  });
});
