import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

export class DataFileError extends Error {
  constructor(readonly file: string, readonly field: string, detail: string) {
    super(`Bad data file ${file}: field "${field}" ${detail}`);
    this.name = 'DataFileError';
  }
}

/** Reads a JSON file from data/ and validates it; a bad file throws a DataFileError naming the file and the field. */
export function loadJson<T>(fileName: string, schema: z.ZodType<T>, dir: string = __dirname): T {
  const path = join(dir, fileName);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DataFileError(fileName, '(file)', `could not be read as JSON: ${(error as Error).message}`);
  }
  return validate(fileName, raw, schema);
}

export function validate<T>(fileName: string, raw: unknown, schema: z.ZodType<T>): T {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(root)';
    throw new DataFileError(fileName, field, issue.message);
  }
  return result.data;
}
