import { useSyncExternalStore } from 'react';
import { parseView, type ViewKey } from '../inbox/views';

/**
 * Addresses live in the hash (#/inbox/mine/<ticket id>, #/supervisor): the
 * api serves the app as static files, and every address must survive a
 * reload without a server-side fallback.
 */
export type Route =
  | { page: 'inbox'; view: ViewKey; ticketId: string | null }
  | { page: 'supervisor' }
  | { page: 'delegate' }
  | { page: 'notices' }
  | { page: 'calls' }
  | { page: 'letters' }
  | { page: 'forms' }
  | { page: 'reports' }
  | { page: 'service' }
  | { page: 'shelf' }
  | { page: 'whatsapp' }
  | { page: 'cases' }
  | { page: 'caseTypes' }
  | { page: 'contact'; contactId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'supervisor') return { page: 'supervisor' };
  if (parts[0] === 'delegate') return { page: 'delegate' };
  if (parts[0] === 'calls') return { page: 'calls' };
  if (parts[0] === 'reports') return { page: 'reports' };
  if (parts[0] === 'letters') return { page: 'letters' };
  if (parts[0] === 'shelf') return { page: 'shelf' };
  if (parts[0] === 'cases') return { page: 'cases' };
  if (parts[0] === 'contacts' && parts[1] && UUID.test(parts[1])) return { page: 'contact', contactId: parts[1] };
  if (parts[0] === 'admin' && parts[1] === 'case-types') return { page: 'caseTypes' };
  if (parts[0] === 'admin' && parts[1] === 'notices') return { page: 'notices' };
  if (parts[0] === 'admin' && parts[1] === 'forms') return { page: 'forms' };
  if (parts[0] === 'admin' && parts[1] === 'service') return { page: 'service' };
  if (parts[0] === 'admin' && parts[1] === 'whatsapp') return { page: 'whatsapp' };
  const ticketId = parts[2] && UUID.test(parts[2]) ? parts[2] : null;
  return { page: 'inbox', view: parseView(parts[1]), ticketId };
}

export const inboxHref = (view: ViewKey, ticketId?: string | null) => `#/inbox/${view}${ticketId ? `/${ticketId}` : ''}`;
export const supervisorHref = '#/supervisor';
export const noticesHref = '#/admin/notices';
export const callsHref = '#/calls';
export const lettersHref = '#/letters';
export const formsAdminHref = '#/admin/forms';
export const reportsHref = '#/reports';
export const serviceSettingsHref = '#/admin/service';
export const shelfHref = '#/shelf';
export const whatsAppAdminHref = '#/admin/whatsapp';
export const casesHref = '#/cases';
export const delegateHref = '#/delegate';
export const caseTypesAdminHref = '#/admin/case-types';
export const contactHref = (contactId: string) => `#/contacts/${contactId}`;

export function navigate(href: string): void {
  if (location.hash !== href) location.hash = href;
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

let cachedHash: string | null = null;
let cachedRoute: Route = parseRoute('');

function snapshot(): Route {
  if (location.hash !== cachedHash) {
    cachedHash = location.hash;
    cachedRoute = parseRoute(location.hash);
  }
  return cachedRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
