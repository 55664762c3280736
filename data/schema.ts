// Zod schemas for the JSON files in data/, and the TypeScript types of the files that data/types.ts does not cover.
// Each schema is typed as z.ZodType<T> so the compiler checks that what it produces is assignable to T.
import { z } from 'zod';
import {
  FORCE_IDS,
  UNIT_IDS,
  type BankHolidayDivision,
  type Confidence,
  type CrownDependency,
  type ForceId,
  type LocalNames,
  type Nation,
  type OfficeHours,
  type PoliceForce,
  type Provenance,
  type RegionalUnit,
  type ReportingRoute,
  type SourcedEmail,
  type SourcedLink,
  type UnitId,
} from './types';

// ---------------------------------------------------------------------------------------------------------------
// Types of national.json
// ---------------------------------------------------------------------------------------------------------------

export interface SourcedPhone extends Provenance {
  /** What the number is, e.g. "Report Fraud". */
  label: string;
  /** Digits and single spaces only, as dialled: "0300 123 2040". */
  number: string;
  /** Key to press after the call is answered, e.g. "9" for the live-attack line. */
  keypadOption?: string;
  note?: string;
}

/** A statement users may be shown (a rule, a deadline, a caveat), with where it came from. */
export interface SourcedNote extends Provenance {
  text: string;
}

export interface EmergencyServices extends Provenance {
  /** 999. */
  phone: SourcedPhone;
  /** 112 and the text relay number. */
  alternatives: SourcedPhone[];
  note: string;
}

export interface LiveAttackLine extends SourcedPhone {
  keypadOption: string;
  /** The line answers 24 hours a day, 7 days a week. */
  available247: true;
  /** Who the line is for, in plain words. */
  audience: string;
  coverage: Nation[];
}

export interface ReportFraudService extends Provenance {
  name: string;
  formerName: string;
  /** ISO date Report Fraud replaced Action Fraud. */
  replacedFormerOn: string;
  operatedBy: string;
  coverage: Nation[];
  website: SourcedLink;
  phone: SourcedPhone;
  phoneHours: OfficeHours;
  liveAttack: LiveAttackLine;
  /** Check `confidence`: the textphone is not confirmed for Report Fraud. */
  textphone: SourcedPhone;
  onlineReporting: SourcedNote;
}

export interface PoliceScotlandService extends Provenance {
  name: string;
  coverage: Nation[];
  nonEmergency: SourcedPhone;
  emergency: SourcedPhone;
  /** The "report cybercrime" page. */
  website: SourcedLink;
  otherLinks: SourcedLink[];
  note: string;
}

export interface CyberAndFraudCentreScotland extends Provenance {
  name: string;
  formerName: string;
  incidentHelpline: SourcedPhone;
  scamHotline: SourcedPhone;
  note: string;
}

export interface PsniService extends Provenance {
  name: string;
  shortName: string;
  nonEmergency: SourcedPhone;
  emergency: SourcedPhone;
  website: SourcedLink;
  otherLinks: SourcedLink[];
  /** When to call PSNI instead of reporting to Report Fraud. */
  callForService: SourcedNote & { conditions: string[] };
}

export interface NcscService extends Provenance {
  name: string;
  /** Significant incidents. */
  reportIncident: SourcedLink;
  phishingEmail: SourcedEmail;
  scamTextNumber: SourcedPhone;
  /** The regional units are not monitored 24/7. */
  regionalUnitsNote: SourcedNote;
}

export interface IcoBreachReporting extends Provenance {
  name: string;
  /** Personal-data breaches must be reported to the ICO within this many hours. */
  deadlineHours: number;
  note: string;
}

export interface CrownDependencyContact extends Provenance {
  territory: CrownDependency;
  name: string;
  /** The territory as it reads inside a sentence: "the Isle of Man", "Jersey". */
  nameInSentence: string;
  /** The island's own police service. */
  localPolice: string;
  /** Its name inside a sentence: "the States of Jersey Police", "Guernsey Police". */
  localPoliceInSentence: string;
  note: string;
  /** The force's non-emergency number as it publishes it (dialled on the island). */
  policePhone: SourcedPhone;
  /** The same number dialled from elsewhere, where a source gives it; null where none does. */
  policePhoneFromOutside: SourcedPhone | null;
  emergencyPhone: SourcedPhone;
  /** Check `confidence`: an unverified website is never shown. */
  policeWebsite: SourcedLink | null;
  /** Where the island takes cyber reports online, where a source gives one. */
  cyberReporting: SourcedLink | null;
}

/** Stop Scams UK's 159 line: connects a caller to their own bank's fraud team. */
export interface StopScamsService extends Provenance {
  name: string;
  phone: SourcedPhone;
  website: SourcedLink;
}

/** national.json */
export interface NationalServices {
  /** ISO date the reference these facts come from was compiled. */
  compiledOn: string;
  emergency: EmergencyServices;
  nonEmergency: SourcedPhone;
  reportFraud: ReportFraudService;
  policeScotland: PoliceScotlandService;
  cyberAndFraudCentreScotland: CyberAndFraudCentreScotland;
  psni: PsniService;
  ncsc: NcscService;
  ico: IcoBreachReporting;
  stopScamsUk: StopScamsService;
  crownDependencies: CrownDependencyContact[];
}

/** The files as loaded: units and forces are keyed by id. */
export type UnitsFile = Record<UnitId, RegionalUnit>;
export type ForcesFile = Record<ForceId, PoliceForce>;

// ---------------------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------------------

const text = z.string().trim().min(1, 'must not be empty');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real calendar date');

/** Every link a user may be shown is https: a plain http:// link is refused on load. */
const httpsUrl = z
  .string()
  .regex(/^https:\/\/[^\s/]+\.[^\s]*$/, 'must be an https:// URL')
  .refine((value) => {
    try {
      new URL(value);
      return true;
    } catch {
      return false;
    }
  }, 'must be a well-formed URL');

const phoneNumber = z.string().regex(/^\d+( \d+)*$/, 'must be digits separated by single spaces');
const emailAddress = z.string().regex(/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, 'must be an e-mail address');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:mm');

export const confidenceSchema: z.ZodType<Confidence> = z.enum(['sourced', 'third-party', 'general-knowledge', 'unverified']);
export const unitIdSchema = z.enum(UNIT_IDS);
export const forceIdSchema = z.enum(FORCE_IDS);
const nationSchema: z.ZodType<Nation> = z.enum(['england', 'wales', 'scotland', 'northern-ireland']);
const bankHolidayDivisionSchema: z.ZodType<BankHolidayDivision> = z.enum(['england-and-wales', 'scotland', 'northern-ireland']);
const reportingRouteSchema: z.ZodType<ReportingRoute> = z.enum(['report-fraud', 'report-fraud-or-psni', 'police-scotland']);
const crownDependencySchema: z.ZodType<CrownDependency> = z.enum(['GY', 'JE', 'IM']);

const provenance = { source: text, verifiedOn: isoDate, confidence: confidenceSchema };

function uniqueList<T>(item: z.ZodType<T>, what: string) {
  return z.array(item).refine((list) => new Set(list).size === list.length, `must not list the same ${what} twice`);
}

/** Names in other languages, keyed by language code ("cy"), each with its source. */
const localNamesSchema: z.ZodType<LocalNames> = z.record(
  z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as "cy"'),
  z.strictObject({ name: text, ...provenance }),
);

export const sourcedLinkSchema: z.ZodType<SourcedLink> = z.strictObject({ label: text, url: httpsUrl, ...provenance });

export const sourcedEmailSchema: z.ZodType<SourcedEmail> = z
  .strictObject({
    address: emailAddress,
    status: z.enum(['verified', 'unverified']),
    note: text.optional(),
    ...provenance,
  })
  .superRefine((email, ctx) => {
    if (email.status === 'verified' && (email.confidence === 'unverified' || email.confidence === 'general-knowledge')) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `is "verified" but the address's confidence is "${email.confidence}": a verified address needs a seen source`,
      });
    }
  });

export const sourcedPhoneSchema: z.ZodType<SourcedPhone> = z.strictObject({
  label: text,
  number: phoneNumber,
  keypadOption: z.string().regex(/^[0-9*#]$/, 'must be one key: 0-9, * or #').optional(),
  note: text.optional(),
  ...provenance,
});

const sourcedNoteShape = { text, ...provenance };
export const sourcedNoteSchema: z.ZodType<SourcedNote> = z.strictObject(sourcedNoteShape);

export const officeHoursSchema: z.ZodType<OfficeHours> = z
  .strictObject({
    days: uniqueList(z.number().int().min(1).max(7), 'day').refine((days) => days.length > 0, 'must list at least one day'),
    opens: hhmm,
    closes: hhmm,
    isDefault: z.boolean(),
    ...provenance,
  })
  .refine((hours) => hours.opens < hours.closes, { message: 'must close after it opens', path: ['closes'] });

// ---------------------------------------------------------------------------------------------------------------
// units.json, forces.json
// ---------------------------------------------------------------------------------------------------------------

export const regionalUnitSchema: z.ZodType<RegionalUnit> = z.strictObject({
  id: unitIdSchema,
  name: text,
  shortName: text,
  regionLabel: text,
  teamName: text,
  website: sourcedLinkSchema,
  otherLinks: z.array(sourcedLinkSchema),
  email: sourcedEmailSchema.nullable(),
  phoneNote: text,
  officeHours: officeHoursSchema,
  bankHolidayDivision: bankHolidayDivisionSchema,
  reportingRoute: reportingRouteSchema,
  monitored247: z.literal(false),
  names: localNamesSchema.optional(),
  ...provenance,
});

const alias = z
  .string()
  .regex(/^[a-z0-9][a-z0-9 &'-]*[a-z0-9]$/, 'must be lower-case words (letters, digits, spaces, & \' -)')
  .refine((value) => !/\s{2,}/.test(value), 'must not contain double spaces');

export const policeForceSchema: z.ZodType<PoliceForce> = z.strictObject({
  id: forceIdSchema,
  name: text,
  aliases: uniqueList(alias, 'alias'),
  unitId: unitIdSchema,
  nation: nationSchema,
  choiceNote: text.optional(),
  names: localNamesSchema.optional(),
  ...provenance,
});

function keysMatchIds<T extends { id: string }>(record: Record<string, T>, ctx: z.RefinementCtx): void {
  for (const [key, value] of Object.entries(record)) {
    if (value.id !== key) ctx.addIssue({ code: 'custom', path: [key, 'id'], message: `is "${value.id}" but the entry is keyed "${key}"` });
  }
}

/** units.json: one entry per unit id, keyed by id. */
export const unitsFileSchema: z.ZodType<UnitsFile> = z.record(unitIdSchema, regionalUnitSchema).superRefine(keysMatchIds);

/** forces.json: one entry per force id, keyed by id. No alias may belong to two forces. */
export const forcesFileSchema: z.ZodType<ForcesFile> = z
  .record(forceIdSchema, policeForceSchema)
  .superRefine((forces, ctx) => {
    keysMatchIds(forces, ctx);
    const owner = new Map<string, string>();
    for (const force of Object.values(forces)) {
      force.aliases.forEach((name, index) => {
        const other = owner.get(name);
        if (other && other !== force.id) {
          ctx.addIssue({ code: 'custom', path: [force.id, 'aliases', index], message: `"${name}" is also an alias of ${other}` });
        }
        owner.set(name, force.id);
      });
    }
  });

// ---------------------------------------------------------------------------------------------------------------
// national.json
// ---------------------------------------------------------------------------------------------------------------

const nations = uniqueList(nationSchema, 'nation').refine((list) => list.length > 0, 'must list at least one nation');

const liveAttackLineSchema: z.ZodType<LiveAttackLine> = z.strictObject({
  label: text,
  number: phoneNumber,
  keypadOption: z.string().regex(/^[0-9*#]$/, 'must be one key: 0-9, * or #'),
  note: text.optional(),
  available247: z.literal(true),
  audience: text,
  coverage: nations,
  ...provenance,
});

export const nationalServicesSchema: z.ZodType<NationalServices> = z.strictObject({
  compiledOn: isoDate,
  emergency: z.strictObject({
    phone: sourcedPhoneSchema,
    alternatives: z.array(sourcedPhoneSchema),
    note: text,
    ...provenance,
  }),
  nonEmergency: sourcedPhoneSchema,
  reportFraud: z.strictObject({
    name: text,
    formerName: text,
    replacedFormerOn: isoDate,
    operatedBy: text,
    coverage: nations,
    website: sourcedLinkSchema,
    phone: sourcedPhoneSchema,
    phoneHours: officeHoursSchema,
    liveAttack: liveAttackLineSchema,
    textphone: sourcedPhoneSchema,
    onlineReporting: sourcedNoteSchema,
    ...provenance,
  }),
  policeScotland: z.strictObject({
    name: text,
    coverage: nations,
    nonEmergency: sourcedPhoneSchema,
    emergency: sourcedPhoneSchema,
    website: sourcedLinkSchema,
    otherLinks: z.array(sourcedLinkSchema),
    note: text,
    ...provenance,
  }),
  cyberAndFraudCentreScotland: z.strictObject({
    name: text,
    formerName: text,
    incidentHelpline: sourcedPhoneSchema,
    scamHotline: sourcedPhoneSchema,
    note: text,
    ...provenance,
  }),
  psni: z.strictObject({
    name: text,
    shortName: text,
    nonEmergency: sourcedPhoneSchema,
    emergency: sourcedPhoneSchema,
    website: sourcedLinkSchema,
    otherLinks: z.array(sourcedLinkSchema),
    callForService: z.strictObject({ ...sourcedNoteShape, conditions: z.array(text).min(1, 'must list at least one condition') }),
    ...provenance,
  }),
  ncsc: z.strictObject({
    name: text,
    reportIncident: sourcedLinkSchema,
    phishingEmail: sourcedEmailSchema,
    scamTextNumber: sourcedPhoneSchema,
    regionalUnitsNote: sourcedNoteSchema,
    ...provenance,
  }),
  ico: z.strictObject({
    name: text,
    deadlineHours: z.number().int().positive(),
    note: text,
    ...provenance,
  }),
  stopScamsUk: z.strictObject({
    name: text,
    phone: sourcedPhoneSchema,
    website: sourcedLinkSchema,
    ...provenance,
  }),
  crownDependencies: z
    .array(
      z.strictObject({
        territory: crownDependencySchema,
        name: text,
        nameInSentence: text,
        localPolice: text,
        localPoliceInSentence: text,
        note: text,
        policePhone: sourcedPhoneSchema,
        policePhoneFromOutside: sourcedPhoneSchema.nullable(),
        emergencyPhone: sourcedPhoneSchema,
        policeWebsite: sourcedLinkSchema.nullable(),
        cyberReporting: sourcedLinkSchema.nullable(),
        ...provenance,
      }),
    )
    .refine((list) => new Set(list.map((entry) => entry.territory)).size === list.length, 'must not list a territory twice'),
});
