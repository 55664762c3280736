// First steps by kind of incident (data/firstSteps.json): which steps each kind of incident gets, for an organisation
// and for a person, most urgent first, each resting on a named source (publisher, page, what was read, when). The
// words are content (dialogs/content/<language>.json, firstSteps.kinds.<kind>.<audience>.<step>). Validated on load:
// a bad file stops start-up with a DataFileError naming the file and field.
import { z } from 'zod';
import { DataFileError, loadJson } from './loadJson';
import type { Confidence } from './types';

/** The kinds of incident the bot knows first steps for ("other": none of these). */
export const INCIDENT_KINDS = [
  'ransomware',
  'accountTakeover',
  'moneyLost',
  'dataBreach',
  'denialOfService',
  'phishingActedOn',
  'phishingIgnored',
  'sextortion',
  'deviceCompromised',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const AUDIENCES = ['organisation', 'individual'] as const;
export type StepAudience = (typeof AUDIENCES)[number];

export const FIRST_STEPS_FILE = 'firstSteps.json';
const MIN_STEPS = 3;
const MAX_STEPS = 5;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date (YYYY-MM-DD)');
const confidence = z.enum(['sourced', 'third-party', 'general-knowledge', 'unverified']) satisfies z.ZodType<Confidence>;
const stepId = z.string().regex(/^[a-z][A-Za-z]*$/, 'must be a camelCase step id');

const sourceSchema = z.strictObject({
  publisher: z.string().trim().min(1),
  title: z.string().trim().min(1),
  url: z.string().url().startsWith('https://', 'must be an https address'),
  /** What the page says, quoted or closely summarised: the steps may say no more than this. */
  read: z.string().trim().min(20),
  /** Which copy was read (the publisher's page, an archive, a third party's copy). */
  seen: z.string().trim().min(1),
  verifiedOn: isoDate,
  confidence,
});

const contactSchema = z.strictObject({
  label: z.string().trim().min(1),
  number: z.string().regex(/^\d{3,5}( \d{3,4}){0,3}$/, 'must be digits and single spaces, as dialled'),
  note: z.string().optional(),
  source: z.string().trim().min(1),
  verifiedOn: isoDate,
  confidence,
});

const stepSchema = z.strictObject({ step: stepId, sources: z.array(z.string().min(1)).min(1) });
const stepList = z.array(stepSchema).min(MIN_STEPS, `must list ${MIN_STEPS} to ${MAX_STEPS} steps`).max(MAX_STEPS, `must list ${MIN_STEPS} to ${MAX_STEPS} steps`);

const fileSchema = z.strictObject({
  compiledOn: isoDate,
  note: z.string(),
  sources: z.record(z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case id'), sourceSchema),
  contacts: z.strictObject({ icoHelpline: contactSchema, revengePornHelpline: contactSchema }),
  kinds: z.strictObject(
    Object.fromEntries(INCIDENT_KINDS.map((kind) => [kind, z.strictObject({ organisation: stepList, individual: stepList })])) as Record<
      IncidentKind,
      z.ZodObject<{ organisation: typeof stepList; individual: typeof stepList }>
    >,
  ),
  mustTell: z.array(stepSchema.extend({ leadsFor: z.array(z.enum(INCIDENT_KINDS)).optional() })).min(1),
  notStated: z.array(z.strictObject({ what: z.string().min(1), why: z.string().min(1), source: z.string().min(1) })),
});

export type FirstStepsFile = z.infer<typeof fileSchema>;
export type StepSource = z.infer<typeof sourceSchema>;
export type FirstStep = z.infer<typeof stepSchema>;

/** Checks what a schema cannot: every source named exists, and no step is listed twice for one kind and audience. */
export function checkFirstSteps(file: FirstStepsFile): FirstStepsFile {
  const known = (id: string, field: string) => {
    if (!file.sources[id]) throw new DataFileError(FIRST_STEPS_FILE, field, `names source "${id}", which is not in "sources"`);
  };
  for (const kind of INCIDENT_KINDS) {
    for (const audience of AUDIENCES) {
      const seen = new Set<string>();
      file.kinds[kind][audience].forEach((entry, index) => {
        const field = `kinds.${kind}.${audience}.${index}`;
        if (seen.has(entry.step)) throw new DataFileError(FIRST_STEPS_FILE, field, `lists step "${entry.step}" twice`);
        seen.add(entry.step);
        entry.sources.forEach((source, at) => known(source, `${field}.sources.${at}`));
      });
    }
  }
  file.mustTell.forEach((entry, index) => entry.sources.forEach((source, at) => known(source, `mustTell.${index}.sources.${at}`)));
  file.notStated.forEach((entry, index) => known(entry.source, `notStated.${index}.source`));
  return file;
}

export function loadFirstSteps(dir?: string): FirstStepsFile {
  return checkFirstSteps(loadJson(FIRST_STEPS_FILE, fileSchema as z.ZodType<FirstStepsFile>, dir));
}

export { fileSchema as firstStepsSchema };

/** The file, loaded and checked once. */
export const firstSteps: FirstStepsFile = loadFirstSteps();

export function isIncidentKind(value: unknown): value is IncidentKind {
  return typeof value === 'string' && (INCIDENT_KINDS as readonly string[]).includes(value);
}

/** The steps for a kind and audience, most urgent first. */
export function stepsFor(kind: IncidentKind, audience: StepAudience): readonly FirstStep[] {
  return firstSteps.kinds[kind][audience];
}

/** The distinct sources of some steps, in the order they are first named. */
export function sourcesOf(steps: readonly FirstStep[]): StepSource[] {
  const ids = [...new Set(steps.flatMap((step) => step.sources))];
  return ids.map((id) => firstSteps.sources[id]);
}
