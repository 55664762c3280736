import type { Request, Response, Next } from 'restify';

/**
 * restify's bodyParser hands multipart/form-data to formidable, which skips the body size limit (bodyReader passes
 * multipart through unread) and streams every file part to the temp directory, where nothing ever deletes it: one
 * request could write hundreds of megabytes to disk, on any route. No route of this server takes multipart, so it
 * is refused (415) before any of the body is read.
 */
export function refuseMultipart(req: Request, res: Response, next: Next): void {
  const contentType = req.headers['content-type'];
  if (typeof contentType === 'string' && /^\s*multipart\//i.test(contentType)) {
    res.setHeader('Connection', 'close');
    res.send(415, { error: 'UnsupportedMediaType', message: 'Multipart bodies are not accepted. Send JSON.' });
    return next(false);
  }
  return next();
}
