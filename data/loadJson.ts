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
  return validate(fileName, readJson(fileName, dir), schema);
}

/** Reads a JSON file from data/ without validating it (the caller checks it); unreadable JSON is a DataFileError. */
export function readJson(fileName: string, dir: string = __dirname): unknown {
  try {
    return JSON.parse(readFileSync(join(dir, fileName), 'utf8'));
  } catch (error) {
    throw new DataFileError(fileName, '(file)', `could not be read as JSON: ${(error as Error).message}`);
  }
}

/**
 * Checks for the large generated tables, where a schema library would cost more than the budget allows at start-up
 * (zod takes about 100 ms over 10,000 postcode sectors): each throws a DataFileError naming the file and field.
 */
/** The provenance block every generated file in data/generated carries, checked by `ShapeCheck.about`. */
export interface GeneratedAbout {
  sources: Array<{ name: string; file: string; [detail: string]: unknown }>;
  attribution: string;
  licence: string;
  generatedBy: string;
  verifiedOn: string;
  confidence: 'sourced';
  [detail: string]: unknown;
}

export class ShapeCheck {
  constructor(readonly file: string) {}

  fail(field: string, detail: string): never {
    throw new DataFileError(this.file, field || '(root)', detail);
  }

  object(value: unknown, field: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'must be an object');
    return value as Record<string, unknown>;
  }

  array(value: unknown, field: string, minLength = 0): unknown[] {
    if (!Array.isArray(value)) this.fail(field, 'must be an array');
    if (value.length < minLength) this.fail(field, `must list at least ${minLength}`);
    return value;
  }

  string(value: unknown, field: string, pattern?: RegExp, what = 'text'): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be non-empty text');
    if (pattern && !pattern.test(value)) this.fail(field, `must be ${what}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) this.fail(field, `must be one of ${allowed.join(', ')}`);
    return value as T;
  }

  index(value: unknown, field: string, length: number): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= length) {
      this.fail(field, `must be an index 0–${length - 1}`);
    }
    return value;
  }

  /** The provenance block every generated file carries (`GeneratedAbout`). */
  about(value: unknown): void {
    const about = this.object(value, 'about');
    const sources = this.array(about.sources, 'about.sources', 1);
    sources.forEach((source, index) => {
      const entry = this.object(source, `about.sources.${index}`);
      this.string(entry.name, `about.sources.${index}.name`);
      this.string(entry.file, `about.sources.${index}.file`);
    });
    for (const field of ['attribution', 'licence', 'generatedBy']) this.string(about[field], `about.${field}`);
    this.string(about.verifiedOn, 'about.verifiedOn', /^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD');
    this.oneOf(about.confidence, 'about.confidence', ['sourced']);
  }
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
