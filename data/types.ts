// Shared types for the facts in data/. Every fact that a user may see carries its provenance.

export const UNIT_IDS = [
  'COLP', 'MET', 'EMSOU', 'WMROCU', 'ERSOU', 'NERSOU', 'NWROCU',
  'SEROCU', 'SWROCU', 'TARIAN', 'YHROCU', 'PSNI', 'SCOT',
] as const;
export type UnitId = (typeof UNIT_IDS)[number];

/** The 43 territorial forces of England and Wales, plus Police Scotland and PSNI. */
export const FORCE_IDS = [
  'avon-and-somerset', 'bedfordshire', 'cambridgeshire', 'cheshire', 'city-of-london', 'cleveland',
  'cumbria', 'derbyshire', 'devon-and-cornwall', 'dorset', 'durham', 'dyfed-powys', 'essex',
  'gloucestershire', 'greater-manchester', 'gwent', 'hampshire', 'hertfordshire', 'humberside', 'kent',
  'lancashire', 'leicestershire', 'lincolnshire', 'merseyside', 'metropolitan', 'norfolk', 'north-wales',
  'north-yorkshire', 'northamptonshire', 'northumbria', 'nottinghamshire', 'south-wales', 'south-yorkshire',
  'staffordshire', 'suffolk', 'surrey', 'sussex', 'thames-valley', 'warwickshire', 'west-mercia',
  'west-midlands', 'west-yorkshire', 'wiltshire', 'police-scotland', 'psni',
] as const;
export type ForceId = (typeof FORCE_IDS)[number];

export type Nation = 'england' | 'wales' | 'scotland' | 'northern-ireland';
/** GOV.UK publishes bank holidays for these three divisions. */
export type BankHolidayDivision = 'england-and-wales' | 'scotland' | 'northern-ireland';
/** Which reporting route applies to people served by a unit. */
export type ReportingRoute = 'report-fraud' | 'report-fraud-or-psni' | 'police-scotland';
export type CrownDependency = 'GY' | 'JE' | 'IM';

/**
 * How a fact is known. `sourced`: an official page was seen; `third-party`: a page reproducing an official one;
 * `general-knowledge`: not sourced, verify before relying on it; `unverified`: could not be confirmed.
 */
export type Confidence = 'sourced' | 'third-party' | 'general-knowledge' | 'unverified';

export interface Provenance {
  source: string;
  /** ISO date (YYYY-MM-DD) the fact was last checked against its source. */
  verifiedOn: string;
  confidence: Confidence;
}

/**
 * A body's name in another language ("cy": "Heddlu De Cymru"), with where it was found. Shown in that language only
 * when sourced (or third-party); an unsourced name is never shown.
 */
export interface LocalName extends Provenance {
  name: string;
}

/** Names by language code ("cy"). */
export type LocalNames = Partial<Record<string, LocalName>>;

export interface SourcedLink extends Provenance {
  label: string;
  url: string;
}

export interface SourcedEmail extends Provenance {
  address: string;
  /** Only `verified` addresses are ever shown to users. */
  status: 'verified' | 'unverified';
  note?: string;
}

export interface OfficeHours extends Provenance {
  /** ISO weekdays the unit answers: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** 24-hour UK local time, "HH:mm". */
  opens: string;
  closes: string;
  /** True where the unit publishes no hours and these are an assumed default. */
  isDefault: boolean;
}

export interface RegionalUnit extends Provenance {
  id: UnitId;
  /** Full name, e.g. "Eastern Region Special Operations Unit (ERSOU)". */
  name: string;
  /** Short name for buttons and summaries, e.g. "ERSOU". */
  shortName: string;
  /** The region in plain words, e.g. "East of England (including Kent)". */
  regionLabel: string;
  /** The team a user is handed to, e.g. "Regional Cyber Crime Unit – Cyber Protect". */
  teamName: string;
  website: SourcedLink;
  otherLinks: SourcedLink[];
  /** Null where no address is known at all. Shown only when `status` is `verified`. */
  email: SourcedEmail | null;
  /** How to reach the unit by phone; no unit has a published direct line, so this is the force 101 route. */
  phoneNote: string;
  officeHours: OfficeHours;
  bankHolidayDivision: BankHolidayDivision;
  reportingRoute: ReportingRoute;
  monitored247: false;
  /** The unit's name in other languages, where a published one was found. */
  names?: LocalNames;
}

export interface PoliceForce extends Provenance {
  id: ForceId;
  name: string;
  /** Other names a user may type: "Met", "Thames Valley", "TVP" … */
  aliases: string[];
  unitId: UnitId;
  nation: Nation;
  /** Shown beside the name where users choose between forces, e.g. "the Square Mile only" for the City of London. */
  choiceNote?: string;
  /** The force's own name in other languages ("cy": "Heddlu Gwent"), each with its source. */
  names?: LocalNames;
}

/**
 * One answer a user can pick when a place straddles regional units: a police force area, or (when the user
 * only said "England") a region.
 */
export interface LocationCandidate {
  /** Absent when the candidate is a whole region rather than one force area. */
  forceId?: ForceId;
  unitId: UnitId;
  /** The force's or region's name as users know it, e.g. "Surrey Police"; a place's "Bangor (Gwynedd, Wales)". */
  label: string;
  /** A place's label in parts, so that each language writes it with its own names ("Bangor (Gwynedd, Cymru)"). */
  parts?: PlaceLabelParts;
}

/**
 * The parts of a place's choice label "Name (County or County)": the name as shown, the hand-kept place it is (whose
 * own name a language may have: "Holywell" → "Treffynnon"), its county labels as the gazetteer writes them
 * ("Gwynedd, Wales"), and the force when two places would otherwise have the same label.
 */
/**
 * Which one place a location's label names, when it names one: the hand-kept place (`place`, its name in places.json)
 * or an Open Names place (`county`, its county label as the gazetteer writes it). A language names that place and never
 * a namesake: Newtown in Cambridgeshire is "Newtown", not "Y Drenewydd". Absent when the label stands for every place
 * of its name (the name typed, before a choice), or for an area, a nation or a postcode.
 */
export interface PlaceIdentity {
  place?: string;
  county?: string;
}

export interface PlaceLabelParts {
  name: string;
  place?: string;
  counties: string[];
  force?: ForceId;
}

/**
 * What a typed or chosen location resolves to. `label` never holds a full postcode or the user's own words:
 * only a postcode district/area or a canonical place name from data/.
 */
export type DefiniteLocation =
  | { kind: 'unit'; unitId: UnitId; forceIds: ForceId[]; label: string; of?: PlaceIdentity }
  | {
      kind: 'choice';
      candidates: LocationCandidate[];
      askFullPostcode: boolean;
      label: string;
      sharedName?: boolean;
      /**
       * A place abroad the name may also mean ("Ireland": Northern Ireland, or the Republic of Ireland): offered after
       * the candidates, as "outside the UK"; its canonical name from data/.
       */
      abroad?: string;
    }
  | { kind: 'crown-dependency'; territory: CrownDependency; label: string }
  | { kind: 'abroad'; label: string };

/**
 * A near miss ("Manchster", or "north Leeds" when only Leeds is known): ask "Did you mean {label}?" and apply
 * `resolution` only on Yes. Never routed without that confirmation.
 */
export interface LocationSuggestion {
  kind: 'suggestion';
  /** The canonical name offered, from data/ ("Manchester"). */
  label: string;
  resolution: DefiniteLocation;
}

export type LocationResolution = DefiniteLocation | LocationSuggestion | { kind: 'unknown' };

/** What a suggestion leads to when the user says yes: a place itself, never another suggestion. */
export type SuggestedResolution = DefiniteLocation;
