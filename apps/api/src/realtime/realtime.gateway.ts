import { Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { Server, Socket } from 'socket.io';
import { AuthService } from '@inbox/auth';
import { DomainError } from '@inbox/core';
import {
  Audience, ClientToServerEvents, PresencePayload, PresenceViewer, Rooms, roomsOf, ServerToClientEvents, SOCKET_PATH, StreamEvent, SyncResult, ViewResult,
} from '@inbox/realtime';
import { Actor } from '@inbox/tenancy';
import { AssignmentService, ChangeFeed, TicketsService } from '@inbox/tickets';
import { EventRelay } from './event-relay';

/** What a socket carries; plain data, because other replicas read it through the adapter (fetchSockets). */
interface SocketData {
  actor: Actor;
  name: string;
  /** Tickets whose composer this user is typing in. */
  typing: string[];
}

type InboxServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type InboxSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_ID = /^\d{1,19}$/;

/**
 * The realtime gateway. The handshake carries the access token; the socket
 * joins only the rooms the user's roles and memberships allow and is
 * disconnected when the token expires (the client reconnects with a fresh
 * one, which also picks up changed memberships). Stream events come from
 * the EventRelay; presence (viewing, typing) is ephemeral and crosses
 * replicas through the Postgres adapter.
 */
@WebSocketGateway({ path: SOCKET_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  @WebSocketServer() private readonly server: InboxServer;

  constructor(
    private readonly auth: AuthService,
    private readonly jwt: JwtService,
    private readonly tickets: TicketsService,
    private readonly feed: ChangeFeed,
    private readonly relay: EventRelay,
    private readonly assignment: AssignmentService,
  ) {}

  afterInit(server: InboxServer): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(() => next(), () => next(new Error('unauthorized')));
    });
    void this.relay.start((audience, event) => this.deliver(audience, event));
  }

  async handleConnection(socket: InboxSocket): Promise<void> {
    if (!socket.data.actor) return void socket.disconnect(true);
    await socket.join(roomsOf(socket.data.actor));
    await this.assignment.connected(socket.data.actor.userId, socket.data.actor.organizationId);
    socket.emit('ready', { userId: socket.data.actor.userId, lastEventId: await this.feed.latestId() });
    socket.on('disconnecting', () => {
      const tickets = [...socket.rooms].filter((room) => room.startsWith('ticket:')).map((room) => room.slice('ticket:'.length));
      // After the socket has left its rooms, tell the others who is still there.
      setImmediate(() => tickets.forEach((ticketId) => void this.broadcastPresence(ticketId)));
    });
  }

  async handleDisconnect(socket: InboxSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const userId = socket.data.actor?.userId;
    if (!userId) return;
    // Offline only when this was the user's last socket on any replica.
    const remaining = await this.server.in(Rooms.user(userId)).fetchSockets().catch(() => [{}]);
    if (remaining.length === 0) await this.assignment.disconnected(userId);
  }

  @SubscribeMessage('sync')
  async sync(@ConnectedSocket() socket: InboxSocket, @MessageBody() request: { since?: unknown }): Promise<SyncResult> {
    const since = typeof request?.since === 'string' && EVENT_ID.test(request.since) ? request.since : '0';
    return this.feed.since(socket.data.actor, since);
  }

  @SubscribeMessage('ticket.view')
  async view(@ConnectedSocket() socket: InboxSocket, @MessageBody() request: { ticketId?: unknown }): Promise<ViewResult> {
    const ticketId = request?.ticketId;
    if (typeof ticketId !== 'string' || !UUID.test(ticketId)) return { ok: false, error: 'invalid' };
    try {
      await this.tickets.visibleTicket(socket.data.actor, ticketId);
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: 'not_found' };
      throw error;
    }
    await socket.join(Rooms.ticket(ticketId));
    return { ok: true, presence: await this.broadcastPresence(ticketId) };
  }

  @SubscribeMessage('ticket.leave')
  async leave(@ConnectedSocket() socket: InboxSocket, @MessageBody() request: { ticketId?: unknown }): Promise<void> {
    const ticketId = request?.ticketId;
    if (typeof ticketId !== 'string' || !socket.rooms.has(Rooms.ticket(ticketId))) return;
    socket.data.typing = socket.data.typing.filter((id) => id !== ticketId);
    await socket.leave(Rooms.ticket(ticketId));
    await this.broadcastPresence(ticketId);
  }

  @SubscribeMessage('ticket.typing')
  async typing(@ConnectedSocket() socket: InboxSocket, @MessageBody() request: { ticketId?: unknown; typing?: unknown }): Promise<void> {
    const ticketId = request?.ticketId;
    // Only a ticket the socket was allowed to view: joining its room was the visibility check.
    if (typeof ticketId !== 'string' || !socket.rooms.has(Rooms.ticket(ticketId))) return;
    const typing = request.typing === true;
    const was = socket.data.typing.includes(ticketId);
    if (typing === was) return;
    socket.data.typing = typing ? [...socket.data.typing, ticketId] : socket.data.typing.filter((id) => id !== ticketId);
    await this.broadcastPresence(ticketId);
  }

  /** How many api replicas this one knows of, itself included (health checks and tests). */
  replicas(): Promise<number> {
    return this.server.of('/').adapter.serverCount();
  }

  private async authenticate(socket: InboxSocket): Promise<void> {
    const token = socket.handshake.auth?.token;
    if (typeof token !== 'string' || token.length > 4096) throw new Error('no token');
    const actor = await this.auth.authenticate(token);
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    const { user, ...rest } = actor;
    socket.data = { actor: rest, name: user.name, typing: [] };
    const remaining = Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1);
    this.expiryTimers.set(socket.id, setTimeout(() => socket.disconnect(true), Math.max(remaining, 0)).unref());
  }

  private deliver({ rooms, except }: Audience, event: StreamEvent): void {
    // Local sockets only: every replica runs its own relay.
    this.server.local.to(rooms).except(except).emit(event.type, event as never);
  }

  /** Who has the ticket open, on any replica, sent to everyone who has it open. */
  private async broadcastPresence(ticketId: string): Promise<PresencePayload> {
    let viewers: PresenceViewer[] = [];
    try {
      const sockets = await this.server.in(Rooms.ticket(ticketId)).fetchSockets();
      const byUser = new Map<string, PresenceViewer>();
      for (const { data } of sockets) {
        if (!data.actor) continue;
        const seen = byUser.get(data.actor.userId);
        const typing = data.typing.includes(ticketId) || (seen?.typing ?? false);
        byUser.set(data.actor.userId, { userId: data.actor.userId, name: data.name, typing });
      }
      viewers = [...byUser.values()];
    } catch (error) {
      this.logger.warn(`presence of ${ticketId} unavailable: ${(error as Error).message}`);
    }
    const presence = { ticketId, viewers };
    this.server.to(Rooms.ticket(ticketId)).emit('presence', presence);
    return presence;
  }
}
