// The facts in data/, loaded and cross-checked once at start-up: a bad file stops the bot with a DataFileError naming it.
import { DataFileError, loadJson, validate } from './loadJson';
import {
  forcesFileSchema,
  nationalServicesSchema,
  unitsFileSchema,
  type CrownDependencyContact,
  type ForcesFile,
  type NationalServices,
  type UnitsFile,
} from './schema';
import type { BankHolidayDivision, CrownDependency, ForceId, Nation, PoliceForce, RegionalUnit, ReportingRoute, UnitId } from './types';

export const DATA_FILES = {
  national: 'national.json',
  units: 'units.json',
  forces: 'forces.json',
} as const;

export interface Catalog {
  national: NationalServices;
  units: Record<UnitId, RegionalUnit>;
  forces: Record<ForceId, PoliceForce>;
}

/** The three files as parsed JSON, before validation. (Postcodes and places have their own modules.) */
export interface RawCatalogFiles {
  national: unknown;
  units: unknown;
  forces: unknown;
}

/** Validates each file against its schema, then checks the files against each other. Throws DataFileError. */
export function buildCatalog(raw: RawCatalogFiles): Catalog {
  const catalog: Catalog = {
    national: validate(DATA_FILES.national, raw.national, nationalServicesSchema),
    units: validate(DATA_FILES.units, raw.units, unitsFileSchema),
    forces: validate(DATA_FILES.forces, raw.forces, forcesFileSchema),
  };
  crossCheck(catalog.units, catalog.forces);
  return catalog;
}

function expectedDivision(nations: Set<Nation>): BankHolidayDivision {
  if (nations.has('scotland')) return 'scotland';
  if (nations.has('northern-ireland')) return 'northern-ireland';
  return 'england-and-wales';
}

function expectedRoute(division: BankHolidayDivision): ReportingRoute {
  if (division === 'scotland') return 'police-scotland';
  if (division === 'northern-ireland') return 'report-fraud-or-psni';
  return 'report-fraud';
}

function crossCheck(units: UnitsFile, forces: ForcesFile): void {
  for (const force of Object.values(forces)) {
    if (!units[force.unitId]) {
      throw new DataFileError(DATA_FILES.forces, `${force.id}.unitId`, `names unit "${force.unitId}", which is not in ${DATA_FILES.units}`);
    }
  }

  for (const unit of Object.values(units)) {
    const members = Object.values(forces).filter((force) => force.unitId === unit.id);
    if (members.length === 0) {
      throw new DataFileError(DATA_FILES.units, unit.id, `has no force in ${DATA_FILES.forces}`);
    }
    const nations = new Set(members.map((force) => force.nation));
    if (nations.size > 1 && (nations.has('scotland') || nations.has('northern-ireland'))) {
      throw new DataFileError(DATA_FILES.units, unit.id, 'mixes forces from Scotland or Northern Ireland with forces from other nations');
    }
    const division = expectedDivision(nations);
    if (unit.bankHolidayDivision !== division) {
      throw new DataFileError(DATA_FILES.units, `${unit.id}.bankHolidayDivision`, `is "${unit.bankHolidayDivision}" but its forces are in the "${division}" division`);
    }
    if (unit.reportingRoute !== expectedRoute(division)) {
      throw new DataFileError(DATA_FILES.units, `${unit.id}.reportingRoute`, `is "${unit.reportingRoute}" but its forces report by "${expectedRoute(division)}"`);
    }
  }
}

function loadCatalog(): Catalog {
  const loaded: Catalog = {
    national: loadJson(DATA_FILES.national, nationalServicesSchema),
    units: loadJson(DATA_FILES.units, unitsFileSchema),
    forces: loadJson(DATA_FILES.forces, forcesFileSchema),
  };
  crossCheck(loaded.units, loaded.forces);
  return loaded;
}

export const catalog: Catalog = loadCatalog();

export function unitById(id: UnitId): RegionalUnit {
  const unit = catalog.units[id];
  if (!unit) throw new Error(`Unknown regional unit "${id}"`);
  return unit;
}

export function forceById(id: ForceId): PoliceForce {
  const force = catalog.forces[id];
  if (!force) throw new Error(`Unknown police force "${id}"`);
  return force;
}

/** The forces a unit covers, in the order of forces.json (alphabetical by id). */
export function forcesOfUnit(unitId: UnitId): PoliceForce[] {
  return Object.values(catalog.forces).filter((force) => force.unitId === unitId);
}

/** The unit's e-mail address only when it is marked verified; otherwise null, so an unverified address is never shown. */
export function visibleEmail(unit: RegionalUnit): string | null {
  return unit.email?.status === 'verified' ? unit.email.address : null;
}

/** The contacts of a Crown Dependency (its own police), from national.json. */
export function crownDependencyContact(territory: CrownDependency): CrownDependencyContact {
  const contact = catalog.national.crownDependencies.find((entry) => entry.territory === territory);
  if (!contact) throw new Error(`Unknown Crown Dependency "${territory}"`);
  return contact;
}

/** Which reporting route serves a nation: Report Fraud, Report Fraud or PSNI, or Police Scotland. */
export function reportingRouteOf(nation: Nation): ReportingRoute {
  if (nation === 'scotland') return 'police-scotland';
  if (nation === 'northern-ireland') return 'report-fraud-or-psni';
  return 'report-fraud';
}
