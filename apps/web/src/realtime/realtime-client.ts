import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_PATH, STREAM_EVENT_TYPES, type ClientToServerEvents, type PresencePayload, type ServerToClientEvents, type StreamEvent, type SyncResult,
  type ViewResult,
} from '@inbox/realtime-protocol';

export type { PresencePayload };
export type EventType = StreamEvent['type'];
/** A stream event whose payload type follows from its `type`. */
export type InboxEvent = { [T in EventType]: StreamEvent<T> }[EventType];

/**
 * What the agent is told about the connection: `connecting` until the first
 * `ready`; `lost` while reconnecting; `syncing` while replaying what was
 * missed; `caughtUp` for a moment after that; then `live`.
 */
export type ConnectionState = 'connecting' | 'live' | 'lost' | 'syncing' | 'caughtUp';

type InboxSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type StreamListener = (event: InboxEvent) => void;

/** Remember this many event ids for deduplication (sync overlaps a few seconds of live events on purpose). */
const SEEN_LIMIT = 5_000;
/** A blip shorter than this (the server closing a socket whose token expired) is not worth alarming anyone. */
const LOST_GRACE_MS = 1_500;
const CAUGHT_UP_MS = 3_000;
const AUTH_RETRY_MS = 5_000;

const greater = (a: string, b: string) => (a.length !== b.length ? a.length > b.length : a > b);

/**
 * The web app's one socket: deduplicates stream events by id, keeps the
 * highest id seen and, after a reconnect, asks `sync` for everything since
 * then, so a dropped connection loses nothing. Listeners get each event once.
 */
export class RealtimeClient {
  private socket: InboxSocket | null = null;
  private lastEventId: string | null = null;
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];
  private readonly streamListeners = new Set<StreamListener>();
  private readonly resetListeners = new Set<() => void>();
  private readonly presenceListeners = new Set<(presence: PresencePayload) => void>();
  private readonly stateListeners = new Set<() => void>();
  private state: ConnectionState = 'connecting';
  private hadReady = false;
  private lostTimer: ReturnType<typeof setTimeout> | undefined;
  private caughtUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** Tickets this client has open; re-announced after a reconnect (the server forgot the rooms). */
  private readonly viewing = new Set<string>();
  private readyWaiters: (() => void)[] = [];
  /** Someone stopped waiting for the first `ready` and loaded lists without it: they reload when it comes. */
  private loadedBeforeReady = false;

  private lastAuthRetry = 0;

  /** `refresh` gets a new access token when the server refuses the current one (resolves false when signed out). */
  constructor(private readonly token: () => string | null, private readonly refresh: () => Promise<boolean>) {}

  connect(): void {
    if (this.socket) return;
    const socket: InboxSocket = io({
      path: SOCKET_PATH,
      // A function, so every reconnect presents the current (refreshed) access token.
      auth: (callback) => callback({ token: this.token() ?? '' }),
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    socket.on('ready', (payload) => void this.onReady(payload.lastEventId));
    socket.on('disconnect', (reason) => {
      this.onLost();
      // The server closes the socket when the access token expires; come back with the fresh one.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 200);
    });
    socket.on('connect_error', (error) => {
      this.onLost();
      // A refused token stops socket.io from retrying: refresh it and connect again (at most every few seconds).
      if (error.message !== 'unauthorized' || socket.active) return;
      const wait = Math.max(0, this.lastAuthRetry + AUTH_RETRY_MS - Date.now());
      setTimeout(() => {
        if (this.socket !== socket || socket.connected) return;
        this.lastAuthRetry = Date.now();
        void this.refresh().then((ok) => ok && this.socket === socket && socket.connect());
      }, wait);
    });
    for (const type of STREAM_EVENT_TYPES) socket.on(type, (event: StreamEvent) => this.receive(event as InboxEvent));
    socket.on('presence', (presence) => this.presenceListeners.forEach((listener) => listener(presence)));
  }

  disconnect(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    clearTimeout(this.lostTimer);
    clearTimeout(this.caughtUpTimer);
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Resolves at the first `ready`, or after `timeoutMs` so a slow socket never holds the inbox back. */
  whenReady(timeoutMs: number): Promise<void> {
    if (this.hadReady) return Promise.resolve();
    return new Promise((resolve) => {
      this.readyWaiters.push(resolve);
      setTimeout(() => {
        if (!this.hadReady) this.loadedBeforeReady = true;
        resolve();
      }, timeoutMs);
    });
  }

  onStream(listener: StreamListener): () => void {
    this.streamListeners.add(listener);
    return () => this.streamListeners.delete(listener);
  }

  /** Too much was missed to replay: lists and counts must be fetched again. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  onPresence(listener: (presence: PresencePayload) => void): () => void {
    this.presenceListeners.add(listener);
    return () => this.presenceListeners.delete(listener);
  }

  onState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Starts viewing a ticket; resolves with who else has it open. */
  view(ticketId: string): Promise<ViewResult> {
    this.viewing.add(ticketId);
    const socket = this.socket;
    if (!socket?.connected) return Promise.resolve({ ok: false, error: 'offline' });
    return new Promise((resolve) => socket.timeout(5_000).emit('ticket.view', { ticketId }, (error, result) => resolve(error ? { ok: false, error: 'timeout' } : result)));
  }

  leave(ticketId: string): void {
    this.viewing.delete(ticketId);
    this.socket?.emit('ticket.leave', { ticketId });
  }

  typing(ticketId: string, typing: boolean): void {
    this.socket?.emit('ticket.typing', { ticketId, typing });
  }

  private async onReady(serverLastId: string): Promise<void> {
    clearTimeout(this.lostTimer);
    this.lostTimer = undefined;
    const first = !this.hadReady;
    this.hadReady = true;
    for (const ticketId of this.viewing) void this.view(ticketId);
    if (first || this.lastEventId === null) {
      this.lastEventId = serverLastId;
      this.setState('live');
      this.readyWaiters.splice(0).forEach((resolve) => resolve());
      if (this.loadedBeforeReady) this.resetListeners.forEach((listener) => listener());
      return;
    }
    this.setState('syncing');
    const result = await this.sync(this.lastEventId);
    if (!result) return;
    if (result.reset) {
      this.resetListeners.forEach((listener) => listener());
    } else {
      for (const event of result.events) this.receive(event as InboxEvent);
    }
    if (greater(result.lastEventId, this.lastEventId ?? '0')) this.lastEventId = result.lastEventId;
    this.setState('caughtUp');
    clearTimeout(this.caughtUpTimer);
    this.caughtUpTimer = setTimeout(() => this.state === 'caughtUp' && this.setState('live'), CAUGHT_UP_MS);
  }

  private sync(since: string): Promise<SyncResult | null> {
    const socket = this.socket;
    if (!socket) return Promise.resolve(null);
    return new Promise((resolve) =>
      socket.timeout(10_000).emit('sync', { since }, (error, result) => {
        if (!error) return resolve(result);
        // No answer: drop the connection and try the whole catch-up again.
        socket.disconnect().connect();
        resolve(null);
      }),
    );
  }

  private receive(event: InboxEvent): void {
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    this.seenOrder.push(event.id);
    if (this.seenOrder.length > SEEN_LIMIT) this.seen.delete(this.seenOrder.shift()!);
    if (this.lastEventId === null || greater(event.id, this.lastEventId)) this.lastEventId = event.id;
    this.streamListeners.forEach((listener) => listener(event));
  }

  private onLost(): void {
    if (this.state === 'lost' || this.lostTimer) return;
    if (!this.hadReady) return this.setState('connecting');
    this.lostTimer = setTimeout(() => {
      this.lostTimer = undefined;
      if (!this.socket?.connected) this.setState('lost');
    }, LOST_GRACE_MS);
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.stateListeners.forEach((listener) => listener());
  }
}
