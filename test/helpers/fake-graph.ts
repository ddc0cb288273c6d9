import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { signCloudWebhook } from '@inbox/channels/whatsapp';

/**
 * Stands in for Meta's Graph API, the only thing of WhatsApp's Cloud API the
 * product calls: the messages and media endpoints of a phone number id, a
 * media object and its short-lived download address, the business account's
 * templates. Answers in the shapes Meta documents, including its error body.
 */
export interface FakeGraph {
  url: string;
  version: string;
  token: string;
  sent: { phoneNumberId: string; body: Record<string, any> }[];
  uploads: { phoneNumberId: string; size: number; contentType: string }[];
  /** Media the webhook will name: id -> bytes and type (the size Meta announces may be set lower or higher). */
  media: Map<string, { bytes: Buffer; mimeType: string; announcedSize?: number }>;
  templates: { name: string; language: string; status: string; category: string; components: { type: string; text?: string }[] }[];
  /** The next message sends fail with this Graph error (e.g. 131047, outside the window). */
  failNext: { status: number; code: number; message: string } | null;
  close(): Promise<void>;
}

function read(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const fake: FakeGraph = {
    url: '', version: 'v21.0', token: `EAAG${randomBytes(16).toString('hex')}`, sent: [], uploads: [], media: new Map(), templates: [], failNext: null,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  let base = '';
  const server: Server = createServer(async (request, response) => {
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) => json(status, { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } });
    if (request.headers.authorization !== `Bearer ${fake.token}`) return error(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    const url = new URL(request.url ?? '/', base);
    const body = await read(request);
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'download' && request.method === 'GET') {
      const media = fake.media.get(decodeURIComponent(parts[1] ?? ''));
      if (!media) return error(404, 100, 'Unsupported get request');
      response.writeHead(200, { 'content-type': media.mimeType, 'content-length': media.bytes.length });
      return response.end(media.bytes);
    }
    if (parts[0] !== fake.version) return error(400, 2500, 'Unknown path components');
    const [id, edge] = [decodeURIComponent(parts[1] ?? ''), parts[2]];
    if (request.method === 'GET' && !edge) {
      const media = fake.media.get(id);
      if (!media) return error(400, 100, `Unsupported get request. Object with ID '${id}' does not exist`);
      return json(200, {
        messaging_product: 'whatsapp', url: `${base}/download/${encodeURIComponent(id)}?ext=1`, mime_type: media.mimeType,
        sha256: 'c0ffee', file_size: media.announcedSize ?? media.bytes.length, id,
      });
    }
    if (request.method === 'GET' && edge === 'message_templates') {
      return json(200, { data: fake.templates, paging: { cursors: { before: 'QVFI', after: 'QVFI' } } });
    }
    if (request.method === 'POST' && edge === 'media') {
      const contentType = String(request.headers['content-type'] ?? '');
      if (!contentType.startsWith('multipart/form-data')) return error(400, 100, 'Param file must be a file with one of the following types');
      fake.uploads.push({ phoneNumberId: id, size: body.length, contentType });
      return json(200, { id: `${Date.now()}${Math.floor(Math.random() * 1e6)}` });
    }
    if (request.method === 'POST' && edge === 'messages') {
      const payload = JSON.parse(body.toString('utf8'));
      if (fake.failNext) {
        const failure = fake.failNext;
        fake.failNext = null;
        return error(failure.status, failure.code, failure.message);
      }
      fake.sent.push({ phoneNumberId: id, body: payload });
      return json(200, {
        messaging_product: 'whatsapp', contacts: [{ input: payload.to, wa_id: payload.to }],
        messages: [{ id: `wamid.HBgM${randomBytes(12).toString('hex').toUpperCase()}`, ...(payload.type === 'template' ? { message_status: 'accepted' } : {}) }],
      });
    }
    return error(400, 100, 'Unsupported request');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.url = base;
  return fake;
}

/** A webhook as Meta sends it for one phone number: messages with the sender's profile, and/or statuses. */
export function cloudWebhook(phoneNumberId: string, value: { messages?: unknown[]; statuses?: unknown[]; contacts?: unknown[] }) {
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '102290129340398',
      changes: [{
        value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '966112345678', phone_number_id: phoneNumberId }, ...value },
        field: 'messages',
      }],
    }],
  };
}

/** POSTs a webhook body signed as Meta signs it (or with the signature given). */
export async function postWebhook(appUrl: string, accountId: string, appSecret: string, payload: unknown, signature?: string) {
  const body = JSON.stringify(payload);
  const response = await fetch(`${appUrl}/api/v1/channels/whatsapp/${accountId}/webhook`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature ?? signCloudWebhook(appSecret, body) },
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}
