/**
 * The socket.io protocol between the api and the web app. Types only, no
 * runtime imports, so the web app compiles this very file.
 *
 * Connect with `io(origin, { path: SOCKET_PATH, auth: { token } })`, where
 * token is the access token from POST /auth/login. A missing, expired or
 * forged token is refused with a connect_error whose message is
 * 'unauthorized'.
 *
 * Stream events (ticket.*, message.*, notification) carry the id of their row
 * in the change feed. Ids grow, but two transactions may commit out of id
 * order, so a client keeps the highest id it has seen, dedupes by id, and
 * after a reconnect asks `sync` for everything since that id.
 */
import type { EventMap, EventType } from './event-map';

export const SOCKET_PATH = '/socket.io';

export interface StreamEvent<T extends EventType = EventType> {
  /** Change-feed id (a bigint as a decimal string). */
  id: string;
  type: T;
  ticketId: string | null;
  /** ISO timestamp of the commit that produced it. */
  at: string;
  payload: EventMap[T];
}

export interface ReadyPayload {
  userId: string;
  /** The newest change-feed id when the connection was made: a fresh client starts its cursor here. */
  lastEventId: string;
}

export interface SyncRequest {
  /** The highest event id the client has seen. */
  since: string;
}

export interface SyncResult {
  /** Events visible to this user since `since` (and a few seconds before, to cover late commits), oldest first. */
  events: StreamEvent[];
  lastEventId: string;
  /** Too much happened while away: refetch lists and counts instead of replaying. */
  reset: boolean;
}

export interface PresenceViewer {
  userId: string;
  name: string;
  typing: boolean;
}

export interface PresencePayload {
  ticketId: string;
  viewers: PresenceViewer[];
}

export interface ViewResult {
  ok: boolean;
  /** Set when ok is false: 'not_found' (no such ticket for this user) or 'invalid'. */
  error?: string;
  presence?: PresencePayload;
}

export type StreamListener<T extends EventType> = (event: StreamEvent<T>) => void;

export interface ServerToClientEvents {
  ready: (payload: ReadyPayload) => void;
  'ticket.created': StreamListener<'ticket.created'>;
  'ticket.updated': StreamListener<'ticket.updated'>;
  'message.created': StreamListener<'message.created'>;
  'message.updated': StreamListener<'message.updated'>;
  notification: StreamListener<'notification'>;
  'channel.status': StreamListener<'channel.status'>;
  presence: (payload: PresencePayload) => void;
}

export interface ClientToServerEvents {
  sync: (request: SyncRequest, ack: (result: SyncResult) => void) => void;
  /** Start viewing a ticket: joins its presence room; the ack carries who else is there. */
  'ticket.view': (request: { ticketId: string }, ack: (result: ViewResult) => void) => void;
  'ticket.leave': (request: { ticketId: string }) => void;
  /** Typing state in the composer of a ticket the client is viewing. */
  'ticket.typing': (request: { ticketId: string; typing: boolean }) => void;
}

export const STREAM_EVENT_TYPES: readonly EventType[] = ['ticket.created', 'ticket.updated', 'message.created', 'message.updated', 'notification', 'channel.status'];
