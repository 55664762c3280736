import type { Request } from 'restify';

/** The triage's forms carry a button value (JSON, up to 2,000 characters) or a typed answer: far below this. */
export const MAX_FORM_BYTES = 16 * 1024;

export class FormBodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export type FormFields = Record<string, string>;

function firstStrings(source: Record<string, unknown>): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(source)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') fields[name] = first;
  }
  return fields;
}

function fromUrlEncoded(text: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(text)) if (!(name in fields)) fields[name] = value;
  return fields;
}

function readStream(req: Request, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new FormBodyError(413, 'The form is too large.'));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new FormBodyError(413, 'The form is too large.'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => reject(new FormBodyError(400, 'The form could not be read.')));
  });
}

/**
 * The fields of an application/x-www-form-urlencoded POST, read by the route itself (at most {@link MAX_FORM_BYTES}),
 * so it does not depend on a server-wide body parser; when one has already parsed the body, its result is used.
 * Each field's first value, as a string.
 */
export async function readFormBody(req: Request, limit = MAX_FORM_BYTES): Promise<FormFields> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new FormBodyError(415, 'Send the form as application/x-www-form-urlencoded.');
  const parsed = (req as { body?: unknown }).body;
  if (parsed !== undefined && parsed !== null) {
    if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) {
      const text = parsed.toString();
      if (Buffer.byteLength(text) > limit) throw new FormBodyError(413, 'The form is too large.');
      return fromUrlEncoded(text);
    }
    if (typeof parsed === 'object') {
      const raw = (req as { rawBody?: unknown }).rawBody;
      if ((typeof raw === 'string' || Buffer.isBuffer(raw)) && Buffer.byteLength(raw) > limit) throw new FormBodyError(413, 'The form is too large.');
      return firstStrings(parsed as Record<string, unknown>);
    }
  }
  if (req.readableEnded) return {};
  return fromUrlEncoded(await readStream(req, limit));
}
