import { session } from '../auth/session';
import type { EntryPayload, SendOutcome } from './outbox';

export interface Beneficiary {
  id: string;
  name: string | null;
  gender: 'male' | 'female' | null;
  identities: { kind: string; value: string }[];
  openTickets: { id: string; reference: string; type: string; status: string; subject: string }[];
}

async function call(method: string, path: string, body?: unknown, retried = false): Promise<Response> {
  const token = session.accessToken;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && token && !retried && (await session.refresh(token))) return call(method, path, body, true);
  return response;
}

const messageOf = async (response: Response) => {
  const body = (await response.json().catch(() => ({}))) as { message?: unknown };
  return String(body.message ?? response.statusText);
};

/** Finds a beneficiary by phone or national id; null when there is none. Throws when offline. */
export async function findBeneficiary(query: { phone?: string; nationalId?: string }): Promise<Beneficiary | null> {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
  const response = await call('GET', `/delegate/beneficiaries?${search}`);
  if (!response.ok) throw new Error(await messageOf(response));
  return ((await response.json()) as { beneficiary: Beneficiary | null }).beneficiary;
}

/** One queued entry to the server. A refusal (4xx) is permanent; anything else (offline, 5xx, 429) is tried again. */
export async function sendEntry(payload: EntryPayload): Promise<SendOutcome> {
  const { display: _display, ...body } = payload;
  const response = await call('POST', '/delegate/entries', body);
  if (response.ok) return { ok: true, ticketReference: ((await response.json()) as { ticketReference: string }).ticketReference };
  const permanent = response.status >= 400 && response.status < 500 && ![401, 408, 429].includes(response.status);
  return { ok: false, permanent, message: await messageOf(response) };
}

/** Who is signed in (the access token's subject), so each delegate's queue is their own on a shared device. */
export function signedInUser(): string {
  try {
    const token = session.accessToken ?? '';
    const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string };
    return claims.sub ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface AssignedVisit {
  id: string;
  ticketId: string;
  reference: string;
  caseLabel: { ar: string; en: string };
  contactId: string;
  contactName: string | null;
  identities: { kind: string; value: string }[];
  branch: { ar: string; en: string } | null;
  dueOn: string | null;
  instructions: string | null;
  assignedByName: string | null;
}

/**
 * The case visits this delegate was sent on, kept on the device so the list
 * is there in the field without a connection (with the time it was fetched).
 */
export async function fetchVisits(user: string): Promise<{ visits: AssignedVisit[]; fetchedAt: string; cached: boolean }> {
  const key = `inbox.delegate.${user}.visits`;
  try {
    const response = await call('GET', '/delegate/visits');
    if (!response.ok) throw new Error(await messageOf(response));
    const fresh = { visits: ((await response.json()) as { visits: AssignedVisit[] }).visits, fetchedAt: new Date().toISOString() };
    localStorage.setItem(key, JSON.stringify(fresh));
    return { ...fresh, cached: false };
  } catch {
    const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as { visits: AssignedVisit[]; fetchedAt: string } | null;
    return { visits: kept?.visits ?? [], fetchedAt: kept?.fetchedAt ?? new Date().toISOString(), cached: true };
  }
}

/** Takes a reported visit off the kept list at once (the server agrees once the report syncs). */
export function forgetVisit(user: string, visitId: string): void {
  const key = `inbox.delegate.${user}.visits`;
  const kept = JSON.parse(localStorage.getItem(key) ?? 'null') as { visits: AssignedVisit[]; fetchedAt: string } | null;
  if (kept) localStorage.setItem(key, JSON.stringify({ ...kept, visits: kept.visits.filter((visit) => visit.id !== visitId) }));
}
