import type { Request, Response } from 'express';
import multer from 'multer';
import { FORM_LIMITS, Locale, SubmissionInput } from '@inbox/channels/forms';

const upload = multer({
  storage: multer.memoryStorage(),
  // The hard ceiling; each file field's own (smaller) limit is checked with the other answers, so the page can say which file.
  limits: { fileSize: FORM_LIMITS.fileMaxBytes, files: 15, fields: 100, fieldSize: 20_000, parts: 130 },
}).any();

export type ParsedForm =
  | { ok: true; input: SubmissionInput; values: Record<string, string> }
  | { ok: false; tooLarge: boolean; values: Record<string, string>; locale: Locale };

const VALUE = /^v\.([a-z][a-z0-9_]{0,39})$/;

/**
 * The HTML form's body (multipart with files, or form-encoded without) as a
 * submission; multer (the library behind Nest's FileInterceptor) reads it.
 * File names arrive as UTF-8 bytes that busboy decodes as latin1 by default
 * (expressjs/multer#1104), hence the re-decoding.
 */
export async function readFormPost(request: Request, response: Response): Promise<ParsedForm> {
  let failure: unknown = null;
  if (request.is('multipart/form-data')) {
    await new Promise<void>((resolve) => upload(request, response, (error: unknown) => {
      failure = error ?? null;
      resolve();
    }));
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const match = VALUE.exec(name);
    if (match && typeof value === 'string') values[match[1]!] = value;
  }
  const locale: Locale = body.lang === 'en' ? 'en' : 'ar';
  if (failure) {
    const code = (failure as { code?: string }).code ?? '';
    return { ok: false, tooLarge: code.startsWith('LIMIT_'), values, locale };
  }
  const files = ((request.files as Express.Multer.File[] | undefined) ?? [])
    .map((file) => ({ match: VALUE.exec(file.fieldname), file }))
    .filter(({ match, file }) => match && file.size > 0)
    .map(({ match, file }) => ({ field: match![1]!, fileName: Buffer.from(file.originalname, 'latin1').toString('utf8'), bytes: file.buffer }));
  return {
    ok: true,
    values,
    input: {
      values, files, locale,
      declaration: body.declaration === 'yes',
      anonymous: body.anonymous === 'yes',
      honeypot: typeof body.website === 'string' ? body.website : null,
    },
  };
}
