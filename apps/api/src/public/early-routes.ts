import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';

/** Where the PBX webhook lives; its signature covers the exact bytes sent, so they are kept (see captureRawBody). */
export const PBX_EVENTS_PATH = '/api/v1/channels/pbx';
export const WHATSAPP_WEBHOOK_PATH = '/api/v1/channels/whatsapp';
/** PBX events are small; a WhatsApp webhook batches up to a few hundred messages and statuses. */
const RAW_LIMIT = 1024 * 1024;

/** The public pages' short addresses, served by the controllers under the API prefix. */
const PAGE_ROUTES: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^\/f\/([a-z0-9-]{2,80})\/embed\/?$/i, (m) => `/api/v1/public/pages/forms/${m[1]}/embed`],
  [/^\/f\/([a-z0-9-]{2,80})\/?$/i, (m) => `/api/v1/public/pages/forms/${m[1]}`],
  [/^\/track\/?$/, () => '/api/v1/public/pages/track'],
  [/^\/help((?:\/[a-z0-9-]{1,80}(?:\/search|\/sitemap\.xml|\/a\/[a-z0-9-]{1,80}(?:\/file|\/feedback)?)?)?)\/?$/i, (m) => `/api/v1/public/pages/help${m[1] ?? ''}`],
];

function rewritePublicPages(request: Request, _response: Response, next: NextFunction): void {
  const [path, query] = request.url.split('?', 2) as [string, string | undefined];
  for (const [pattern, target] of PAGE_ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      request.url = `${target(match)}${query !== undefined ? `?${query}` : ''}`;
      break;
    }
  }
  next();
}

/** Reads the body itself (JSON or form-encoded), keeping the bytes as `rawBody`; body-parser skips a request whose `_body` is set. */
function captureRawBody(request: Request & { rawBody?: Buffer; _body?: boolean }, response: Response, next: NextFunction): void {
  if (request.method !== 'POST') return next();
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > RAW_LIMIT) {
      response.status(413).json({ statusCode: 413, error: 'invalid', message: 'The request body is larger than allowed' });
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on('error', next);
  request.on('end', () => {
    if (size > RAW_LIMIT) return;
    const raw = Buffer.concat(chunks);
    request.rawBody = raw;
    request._body = true;
    const type = String(request.headers['content-type'] ?? '');
    try {
      request.body = type.includes('application/x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(raw.toString('utf8')))
        : raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      response.status(400).json({ statusCode: 400, error: 'invalid', message: 'The request body is not valid JSON' });
      return;
    }
    next();
  });
}

/**
 * Two things the HTTP setup (configure-app.ts) does not offer yet, put in
 * front of its middleware when the application is created: the short public
 * addresses (/f/:slug, /track, /help) outside the /api/v1 prefix, and the PBX
 * and WhatsApp webhooks' raw bodies, which the global JSON parser would otherwise consume.
 * Registered at construction because configureApp adds the body parsers
 * right after NestFactory.create, before any Nest middleware could run.
 * The clean replacement is `rawBody: true` at NestFactory.create plus the
 * pages in setGlobalPrefix's `exclude` list; then this provider goes.
 */
@Injectable()
export class EarlyRoutes {
  constructor(host: HttpAdapterHost) {
    const instance = host.httpAdapter?.getInstance?.() as { use?: (...args: unknown[]) => void } | undefined;
    if (typeof instance?.use !== 'function') return;
    instance.use(rewritePublicPages);
    instance.use(PBX_EVENTS_PATH, captureRawBody);
    instance.use(WHATSAPP_WEBHOOK_PATH, captureRawBody);
  }
}
