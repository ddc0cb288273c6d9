import { session } from '../auth/session';
import type {
  BulkResult, Load, Locale, ReplyTemplate, ReplyWindow, TicketChange, TicketCounts, TicketDetail, TicketListItem, TicketPage, Tokens, Workspace,
} from './types';

/** An answer other than 2xx; `code` and `field` come from the api's error body. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: unknown; field?: string };
  const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? response.statusText);
  return new ApiError(response.status, body.error ?? String(response.status), message, body.field);
}

export async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const token = session.accessToken;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  // A FormData body (an upload) goes as multipart, with the boundary the browser sets.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : form ? body : JSON.stringify(body) });
  if (response.status === 401 && token && !retried && (await session.refresh(token))) return request<T>(method, path, body, true);
  if (!response.ok) throw await failure(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const query = (params: Record<string, string | number | undefined | null>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface ListParams {
  status?: string;
  teamId?: string;
  assignee?: string;
  channel?: string;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** The REST API of apps/api, as the web app uses it. */
export const api = {
  async login(email: string, password: string): Promise<Tokens> {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    if (!response.ok) throw await failure(response);
    return (await response.json()) as Tokens;
  },
  logout: (refreshToken: string | null) => request<void>('POST', '/auth/logout', refreshToken ? { refreshToken } : {}),
  workspace: () => request<Workspace>('GET', '/workspace'),
  setLocale: (locale: Locale) => request<void>('PATCH', '/me', { locale }),
  tickets: (params: ListParams) => request<TicketPage>('GET', `/tickets${query({ ...params })}`),
  counts: () => request<TicketCounts>('GET', '/tickets/counts'),
  summary: (id: string) => request<TicketListItem>('GET', `/tickets/${id}/summary`),
  ticket: (id: string) => request<TicketDetail>('GET', `/tickets/${id}`),
  markRead: (id: string) => request<void>('POST', `/tickets/${id}/read`),
  updateTicket: (id: string, change: TicketChange) => request<unknown>('PATCH', `/tickets/${id}`, change),
  addMessage: (id: string, message: { body?: string; internal: boolean; mentions?: string[]; identityId?: string; whatsappTemplate?: { name: string; language: string; parameters: string[] };
    attachments?: { fileName: string; contentType: string; contentBase64: string }[] }) =>
    request<unknown>('POST', `/tickets/${id}/messages`, message),
  replyWindow: (id: string) => request<ReplyWindow>('GET', `/tickets/${id}/reply-window`),
  bulk: (ticketIds: string[], change: TicketChange) => request<BulkResult>('POST', '/tickets/bulk', { ticketIds, ...change }),
  load: () => request<Load>('GET', '/supervision/load'),
  templates: () => request<ReplyTemplate[]>('GET', '/templates'),
  /** Attachments need the bearer token, so they are fetched and handed to the browser as a file. */
  download: (messageId: string, index: number, fileName: string) => downloadFile(`/attachments/${messageId}/${index}`, fileName),
};

/** A file behind the bearer token (an attachment, a letter's PDF), fetched and handed to the browser as a download. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const fetchFile = () => fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.accessToken}` } });
  let response = await fetchFile();
  if (response.status === 401 && (await session.refresh())) response = await fetchFile();
  if (!response.ok) throw await failure(response);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
