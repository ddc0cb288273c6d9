import { PermanentSendError } from '@inbox/channels/contract';

export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_VERSION = 'v21.0';
const TIMEOUT_MS = 15_000;

/** A Cloud API number: where the Graph API is, which number and business account, and the token. */
export interface CloudAccount {
  graphUrl: string;
  version: string;
  phoneNumberId: string;
  businessAccountId: string | null;
  accessToken: string;
}

export interface CloudTemplate {
  name: string;
  language: string;
  category: string | null;
  /** The body's text with its {{1}}, {{2}} placeholders. */
  body: string;
  parameters: number;
}

/** Graph error codes that no retry can fix: outside the 24-hour window, a number not on WhatsApp, a bad parameter, a template that does not exist. */
const PERMANENT_CODES = new Set([100, 131008, 131009, 131021, 131026, 131047, 131051, 132000, 132001, 132005, 132007, 132012, 133010]);

/** The Graph API calls the Cloud channel makes, on fetch, every answer checked. */
export class GraphClient {
  constructor(private readonly account: CloudAccount) {}

  private url(path: string): string {
    return `${this.account.graphUrl.replace(/\/+$/, '')}/${this.account.version}/${path}`;
  }

  private async call<T>(path: string, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        ...init,
        headers: { authorization: `Bearer ${this.account.accessToken}`, ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`The WhatsApp Cloud API could not be reached: ${(error as Error).message}`);
    }
    const raw = await response.text();
    let parsed: { error?: { message?: string; code?: number; error_subcode?: number; error_data?: { details?: string } } } & Record<string, unknown> = {};
    try {
      parsed = raw ? JSON.parse(raw) : {};
    } catch {
      // Not JSON: the status says enough.
    }
    if (!response.ok || parsed.error) {
      const error = parsed.error ?? {};
      const detail = error.error_data?.details ? `: ${error.error_data.details}` : '';
      const message = `WhatsApp Cloud API refused the request (HTTP ${response.status}${error.code ? `, code ${error.code}` : ''}): ${error.message ?? raw.slice(0, 200)}${detail}`;
      const permanent = (error.code !== undefined && PERMANENT_CODES.has(error.code)) || response.status === 400 || response.status === 404;
      if (response.status === 401 || error.code === 190) throw new PermanentSendError(`The access token of the WhatsApp number was refused: ${error.message ?? 'HTTP 401'}`);
      throw permanent ? new PermanentSendError(message) : new Error(message);
    }
    return parsed as T;
  }

  /** POST /{phone-number-id}/messages; answers the new message's wamid. */
  async send(payload: Record<string, unknown>): Promise<string> {
    const answer = await this.call<{ messages?: { id?: string }[] }>(`${this.account.phoneNumberId}/messages`, {
      method: 'POST', body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...payload }),
    });
    const id = answer.messages?.[0]?.id;
    if (!id) throw new Error('The WhatsApp Cloud API accepted the message without naming it');
    return id;
  }

  /** POST /{phone-number-id}/media (multipart); answers the media id to send by. */
  async upload(bytes: Buffer, contentType: string, fileName: string): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', contentType);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), fileName);
    const answer = await this.call<{ id?: string }>(`${this.account.phoneNumberId}/media`, { method: 'POST', body: form });
    if (!answer.id) throw new Error('The WhatsApp Cloud API took the file without naming it');
    return answer.id;
  }

  /**
   * GET /{media-id} for the short-lived URL, then the bytes from it (with the
   * token), refusing more than `limit` bytes by the announced size and while
   * reading: a file over the limit is skipped, with the reason.
   */
  async download(mediaId: string, limit: number): Promise<{ bytes: Buffer; mimeType: string | null } | { skipped: string; mimeType: string | null; size: number | null }> {
    const info = await this.call<{ url?: string; mime_type?: string; file_size?: number }>(encodeURIComponent(mediaId));
    const size = typeof info.file_size === 'number' ? info.file_size : null;
    const mimeType = info.mime_type ?? null;
    if (size !== null && size > limit) return { skipped: `larger than ${limit} bytes`, mimeType, size };
    if (!info.url) throw new Error(`The WhatsApp Cloud API gave no address for media ${mediaId}`);
    const response = await fetch(info.url, { headers: { authorization: `Bearer ${this.account.accessToken}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!response.ok || !response.body) throw new Error(`Media ${mediaId} could not be downloaded: HTTP ${response.status}`);
    const chunks: Buffer[] = [];
    let read = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      read += chunk.length;
      if (read > limit) return { skipped: `larger than ${limit} bytes`, mimeType, size: read };
      chunks.push(Buffer.from(chunk));
    }
    return { bytes: Buffer.concat(chunks), mimeType };
  }

  /** The business account's approved templates (GET /{waba-id}/message_templates), every page. */
  async approvedTemplates(): Promise<CloudTemplate[]> {
    if (!this.account.businessAccountId) return [];
    const templates: CloudTemplate[] = [];
    let path: string | null = `${this.account.businessAccountId}/message_templates?status=APPROVED&fields=name,language,status,category,components&limit=100`;
    for (let page = 0; path && page < 20; page++) {
      const answer: { data?: { name?: string; language?: string; status?: string; category?: string; components?: { type?: string; text?: string }[] }[]; paging?: { cursors?: { after?: string }; next?: string } } = await this.call(path);
      for (const t of answer.data ?? []) {
        if (!t.name || !t.language || (t.status && t.status !== 'APPROVED')) continue;
        const body = t.components?.find((c) => c.type === 'BODY')?.text ?? '';
        templates.push({ name: t.name, language: t.language, category: t.category ?? null, body, parameters: new Set(body.match(/\{\{\d+\}\}/g) ?? []).size });
      }
      const after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
      path = after ? `${this.account.businessAccountId}/message_templates?status=APPROVED&fields=name,language,status,category,components&limit=100&after=${encodeURIComponent(after)}` : null;
    }
    return templates;
  }
}

/** A template's body with its placeholders filled, as the person will read it. */
export function renderTemplate(body: string, parameters: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}
