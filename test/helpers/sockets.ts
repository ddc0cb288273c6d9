import { io, Socket } from 'socket.io-client';
import { ClientToServerEvents, ReadyPayload, ServerToClientEvents, SOCKET_PATH, StreamEvent, STREAM_EVENT_TYPES, PresencePayload } from '@inbox/realtime';

export type InboxClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client as the web app opens it, recording every stream event and presence update it receives. */
export class RecordingClient {
  readonly events: StreamEvent[] = [];
  readonly presence: PresencePayload[] = [];
  ready: ReadyPayload | null = null;

  constructor(readonly socket: InboxClient) {
    for (const type of STREAM_EVENT_TYPES) socket.on(type, (event: StreamEvent) => this.events.push(event));
    socket.on('presence', (payload) => this.presence.push(payload));
    socket.on('ready', (payload) => (this.ready = payload));
  }

  of(type: StreamEvent['type'], ticketId?: string): StreamEvent[] {
    return this.events.filter((e) => e.type === type && (!ticketId || e.ticketId === ticketId));
  }

  close(): void {
    this.socket.close();
  }
}

export function openSocket(url: string, token: string | undefined, options: { reconnection?: boolean } = {}): InboxClient {
  return io(url, { path: SOCKET_PATH, auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: options.reconnection ?? false, forceNew: true });
}

/** Connects and waits for the server's `ready`, or rejects with the connect error's message. */
export async function connect(url: string, token: string | undefined): Promise<RecordingClient> {
  const socket = openSocket(url, token);
  const client = new RecordingClient(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}

/** Lets events in flight arrive before asserting that something did not. */
export const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));
