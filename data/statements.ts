import { z } from 'zod';
import { loadJson } from './loadJson';
import { sourcedLinkSchema } from './schema';
import type { SourcedLink } from './types';

/**
 * The facts the privacy and accessibility statements (/privacy, /accessibility) rest on: the standard the service
 * was tested against and when, and the outside bodies they send people to (the ICO, the EASS, the Equality
 * Commission for Northern Ireland), each link with its source and the date it was checked. Validated on load.
 */
export interface StatementsFile {
  accessibility: {
    standard: string;
    standardLink: SourcedLink;
    /** When the service was last tested (the browser tests' axe-core scans, keyboard and width checks). */
    testedOn: string;
    /** The axe-core version those scans ran with (a test holds it to the installed one). */
    axeVersion: string;
    preparedOn: string;
    reviewedOn: string;
  };
  links: { eass: SourcedLink; ecni: SourcedLink; ico: SourcedLink };
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

export const statementsFileSchema: z.ZodType<StatementsFile> = z.strictObject({
  accessibility: z.strictObject({
    standard: z.string().trim().min(1),
    standardLink: sourcedLinkSchema,
    testedOn: isoDate,
    axeVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 4.14.1'),
    preparedOn: isoDate,
    reviewedOn: isoDate,
  }),
  links: z.strictObject({ eass: sourcedLinkSchema, ecni: sourcedLinkSchema, ico: sourcedLinkSchema }),
});

export const statementFacts: StatementsFile = loadJson('statements.json', statementsFileSchema);
