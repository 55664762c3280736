import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog, DATA_FILES, forceById, forcesOfUnit, unitById, visibleEmail } from '../../data/catalog';
import { FORCE_IDS, UNIT_IDS, type RegionalUnit, type UnitId } from '../../data/types';

const DATA_DIR = join(__dirname, '..', '..', 'data');

describe('regional units', () => {
  it('has exactly the 13 unit ids', () => {
    expect(Object.keys(catalog.units).sort()).toEqual([...UNIT_IDS].sort());
  });

  it.each(UNIT_IDS)('%s has a website with a source, at least one force, and is not monitored 24/7', (id) => {
    const unit = unitById(id);
    expect(unit.website.url).toMatch(/^https?:\/\//);
    expect(unit.website.source.length).toBeGreaterThan(0);
    expect(forcesOfUnit(id).length).toBeGreaterThanOrEqual(1);
    expect(unit.monitored247).toBe(false);
  });

  // contacts.md §4 "Counts".
  const FORCE_COUNTS: Record<UnitId, number> = {
    EMSOU: 5, ERSOU: 7, MET: 1, COLP: 1, NWROCU: 6, NERSOU: 3, SEROCU: 4, SWROCU: 5, TARIAN: 3, WMROCU: 4, YHROCU: 4, SCOT: 1, PSNI: 1,
  };
  it.each(Object.entries(FORCE_COUNTS))('%s covers %i force(s)', (id, count) => {
    expect(forcesOfUnit(id as UnitId)).toHaveLength(count);
  });

  it('gives Scotland and Northern Ireland their own bank holidays and reporting routes', () => {
    expect(unitById('SCOT')).toMatchObject({ bankHolidayDivision: 'scotland', reportingRoute: 'police-scotland' });
    expect(unitById('PSNI')).toMatchObject({ bankHolidayDivision: 'northern-ireland', reportingRoute: 'report-fraud-or-psni' });
    for (const id of UNIT_IDS.filter((unitId) => unitId !== 'SCOT' && unitId !== 'PSNI')) {
      expect(unitById(id)).toMatchObject({ bankHolidayDivision: 'england-and-wales', reportingRoute: 'report-fraud' });
    }
  });

  it('uses the assumed default hours, marked unverified, for every unit (none publishes hours)', () => {
    for (const unit of Object.values(catalog.units)) {
      expect(unit.officeHours).toMatchObject({ days: [1, 2, 3, 4, 5], opens: '09:00', closes: '17:00', isDefault: true, confidence: 'unverified' });
    }
  });
});

describe('e-mail addresses', () => {
  it('never shows an unverified address', () => {
    for (const unit of Object.values(catalog.units)) {
      if (unit.email?.status !== 'verified') expect(visibleEmail(unit)).toBeNull();
    }
  });

  it('holds only the three legacy 2019 addresses, all unverified', () => {
    const withEmail = Object.values(catalog.units).filter((unit) => unit.email !== null);
    expect(withEmail.map((unit) => unit.id).sort()).toEqual(['COLP', 'EMSOU', 'MET']);
    for (const unit of withEmail) expect(unit.email).toMatchObject({ status: 'unverified', confidence: 'unverified' });
  });

  it('never holds the SEROCU youth-diversion address', () => {
    expect(JSON.stringify(catalog.units)).not.toContain('cyberchoices');
  });

  it('shows an address once it is marked verified', () => {
    const unit: RegionalUnit = {
      ...unitById('COLP'),
      email: { address: 'test@example.police.uk', status: 'verified', source: 'test', verifiedOn: '2026-11-22', confidence: 'sourced' },
    };
    expect(visibleEmail(unit)).toBe('test@example.police.uk');
  });
});

describe('police forces', () => {
  it('has exactly the 45 force ids, each in exactly one known unit', () => {
    expect(Object.keys(catalog.forces).sort()).toEqual([...FORCE_IDS].sort());
    for (const force of Object.values(catalog.forces)) expect(UNIT_IDS).toContain(force.unitId);
    const memberships = UNIT_IDS.flatMap((id) => forcesOfUnit(id).map((force) => force.id));
    expect(memberships.sort()).toEqual([...FORCE_IDS].sort());
  });

  it('puts Kent in the Eastern unit and North Wales in the North West unit', () => {
    expect(forceById('kent').unitId).toBe('ERSOU');
    expect(forceById('north-wales').unitId).toBe('NWROCU');
    expect(forcesOfUnit('TARIAN').map((force) => force.id).sort()).toEqual(['dyfed-powys', 'gwent', 'south-wales']);
  });

  it('knows the aliases users type, each lower-case and belonging to one force only', () => {
    const owner = new Map<string, string>();
    for (const force of Object.values(catalog.forces)) {
      for (const alias of force.aliases) {
        expect(alias).toBe(alias.toLowerCase().trim());
        expect(owner.get(alias)).toBeUndefined();
        owner.set(alias, force.id);
      }
    }
    const expected: Record<string, string> = {
      met: 'metropolitan', 'the met': 'metropolitan', tvp: 'thames-valley', 'thames valley': 'thames-valley', gmp: 'greater-manchester',
      'avon and somerset': 'avon-and-somerset', 'devon and cornwall': 'devon-and-cornwall', 'north wales': 'north-wales',
      psni: 'psni', 'police scotland': 'police-scotland',
    };
    for (const [alias, forceId] of Object.entries(expected)) expect(owner.get(alias)).toBe(forceId);
  });

  it('uses the official names', () => {
    expect(forceById('thames-valley').name).toBe('Thames Valley Police');
    expect(forceById('metropolitan').name).toBe('Metropolitan Police Service');
    expect(forceById('hampshire').name).toBe('Hampshire and Isle of Wight Constabulary');
  });
});

describe('national services', () => {
  const { national } = catalog;

  it('routes a live attack to Report Fraud, option 9, 24/7, flagged to verify', () => {
    expect(national.reportFraud.name).toBe('Report Fraud');
    expect(national.reportFraud.formerName).toBe('Action Fraud');
    expect(national.reportFraud.replacedFormerOn).toBe('2025-12-04');
    expect(national.reportFraud.website.url).toBe('https://reportfraud.police.uk');
    expect(national.reportFraud.phone.number).toBe('0300 123 2040');
    expect(national.reportFraud.liveAttack).toMatchObject({ number: '0300 123 2040', keypadOption: '9', available247: true, confidence: 'third-party' });
    expect(national.reportFraud.liveAttack.note).toContain('verify on reportfraud.police.uk');
    expect(national.reportFraud.coverage).toEqual(['england', 'wales', 'northern-ireland']);
    expect(national.reportFraud.phoneHours).toMatchObject({ days: [1, 2, 3, 4, 5], opens: '08:00', closes: '20:00', isDefault: false });
    expect(national.reportFraud.textphone).toMatchObject({ number: '0300 123 2050', confidence: 'unverified' });
  });

  it('has the emergency, non-emergency, Scotland, Northern Ireland and NCSC routes', () => {
    expect(national.emergency.phone.number).toBe('999');
    expect(national.emergency.alternatives.map((phone) => phone.number).sort()).toEqual(['112', '18000']);
    expect(national.nonEmergency.number).toBe('101');
    expect(national.policeScotland.nonEmergency.number).toBe('101');
    expect(national.policeScotland.website.url).toBe('https://www.scotland.police.uk/contact-us/report-cybercrime/');
    expect(national.cyberAndFraudCentreScotland.incidentHelpline.number).toBe('01786 437 472');
    expect(national.psni.nonEmergency.number).toBe('101');
    expect(national.psni.callForService.conditions).toHaveLength(3);
    expect(national.ncsc.reportIncident.url).toBe('https://report.ncsc.gov.uk');
    expect(national.ico.deadlineHours).toBe(72);
  });

  it('gives each Crown Dependency its own police and how to reach them, each number with its source', () => {
    expect(national.crownDependencies.map((entry) => entry.territory).sort()).toEqual(['GY', 'IM', 'JE']);
    const byTerritory = Object.fromEntries(national.crownDependencies.map((entry) => [entry.territory, entry]));
    expect(byTerritory.JE).toMatchObject({ localPolice: 'States of Jersey Police', policePhone: { number: '612612', confidence: 'sourced' } });
    expect(byTerritory.JE.policePhoneFromOutside).toMatchObject({ number: '01534 612612', confidence: 'third-party' });
    expect(byTerritory.GY).toMatchObject({ localPolice: 'Guernsey Police', policePhone: { number: '222222', confidence: 'sourced' } });
    expect(byTerritory.IM).toMatchObject({ localPolice: 'Isle of Man Constabulary', policePhone: { number: '631212', confidence: 'third-party' } });
    // Only a 2020 encyclopaedia infobox gives the Isle of Man Constabulary's website: kept, marked, never shown.
    expect(byTerritory.IM.policeWebsite?.confidence).toBe('unverified');
    for (const entry of national.crownDependencies) {
      expect(entry.emergencyPhone.number).toBe('999');
      expect(entry.policePhone.source).toMatch(/\.(uk|im|je|gg|net|com)\b/);
    }
  });

  it("has Stop Scams UK's 159 line, from third-party pages", () => {
    expect(national.stopScamsUk.phone).toMatchObject({ number: '159', confidence: 'third-party' });
    expect(national.stopScamsUk.website.url).toBe('https://stopscamsuk.org.uk/159');
  });
});

// The researched reference lives outside the repository; the check runs wherever it is present.
const REFERENCE = '/work/shared/reference/contacts.md';

describe('provenance', () => {
  /** Every phone number, e-mail address and URL in a data file, with the source recorded beside it. */
  function sourcedValues(value: unknown, found: Array<{ kind: string; value: string; source: string }> = []) {
    if (Array.isArray(value)) value.forEach((item) => sourcedValues(item, found));
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const kind of ['url', 'address', 'number']) {
        if (typeof record[kind] === 'string') found.push({ kind, value: record[kind] as string, source: String(record.source ?? '') });
      }
      Object.values(record).forEach((child) => sourcedValues(child, found));
    }
    return found;
  }

  (existsSync(REFERENCE) ? it : it.skip)(
    'stores no phone number, e-mail address or URL that is neither in the reference nor found, and named, with the search tool',
    () => {
      const reference = readFileSync(REFERENCE, 'utf8');
      const digitsOnly = reference.replace(/\s/g, '');
      const missing: string[] = [];
      // statements.json: the outside bodies the privacy and accessibility statements link to.
      for (const file of [...Object.values(DATA_FILES), 'statements.json']) {
        const raw = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));
        for (const { kind, value, source } of sourcedValues(raw)) {
          // The reference sometimes gives a bare domain ("reportfraud.police.uk"); the scheme is ours.
          const inReference =
            kind === 'number'
              ? digitsOnly.includes(value.replace(/\s/g, ''))
              : reference.includes(kind === 'url' ? value.replace(/^https?:\/\//, '').replace(/\/$/, '') : value);
          // A fact found later with the search tool says so, and names the page it was seen on.
          const foundLater = /search tool/.test(source) && /\b[a-z0-9-]+(\.[a-z0-9-]+)+\b/i.test(source);
          if (!inReference && !foundLater) missing.push(`${file}: ${kind} ${value}`);
        }
      }
      expect(missing).toEqual([]);
    },
  );

  it('finds at least the values in the files (the walk above is not empty)', () => {
    expect(sourcedValues(catalog.national).length).toBeGreaterThan(20);
  });
});
