import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { ContactIdentity, Contact } from '@inbox/contacts';
import { JobQueue } from '@inbox/jobs';
import { recordEvents, RecordedEvent } from '@inbox/realtime';
import { Actor, seesConfidential, seesWholeOrganization } from '@inbox/tenancy';
import { Message } from './message.entity';
import { Ticket, TicketPriority, TicketStatus } from './ticket.entity';
import { TicketType } from '@inbox/channels/contract';

export const OUTBOUND_QUEUE = 'outbound.send';

export interface TicketUpdate {
  status?: TicketStatus;
  priority?: TicketPriority;
  type?: TicketType;
  teamId?: string | null;
  assigneeId?: string | null;
}

export interface TicketDetail {
  ticket: Ticket;
  contact: Contact & { identities: ContactIdentity[] };
  messages: Message[];
}

const TIMELINE_LIMIT = 1000;

@Injectable()
export class TicketsService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** Replies are enqueued wherever tickets are changed, so every such process defines the queue; the worker consumes it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.define({ name: OUTBOUND_QUEUE, retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 120 });
  }

  /** The ticket if the actor may see it; otherwise it does not exist for them (404, never 403). */
  async visibleTicket(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<Ticket> {
    const ticket = await manager.getRepository(Ticket).findOne({
      where: { id, organizationId: actor.organizationId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!ticket || !this.canSee(actor, ticket)) throw new NotFoundError('ticket');
    return ticket;
  }

  canSee(actor: Actor, ticket: Pick<Ticket, 'confidential' | 'teamId' | 'assigneeId'>): boolean {
    if (ticket.confidential) return seesConfidential(actor);
    if (seesWholeOrganization(actor)) return true;
    return ticket.teamId === null || ticket.assigneeId === actor.userId || actor.teamIds.includes(ticket.teamId);
  }

  async detail(actor: Actor, id: string): Promise<TicketDetail> {
    const ticket = await this.visibleTicket(actor, id);
    const [contact, identities, messages] = await Promise.all([
      this.dataSource.getRepository(Contact).findOneByOrFail({ id: ticket.contactId }),
      this.dataSource.getRepository(ContactIdentity).find({ where: { contactId: ticket.contactId }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(Message).find({ where: { ticketId: id }, order: { createdAt: 'ASC' }, take: TIMELINE_LIMIT }),
    ]);
    if (ticket.confidential) {
      // Confidential cases record who looked, not only who changed something.
      await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'ticket.viewed', entityType: 'ticket', entityId: id });
    }
    return { ticket, contact: { ...contact, identities }, messages };
  }

  async update(actor: Actor, id: string, update: TicketUpdate): Promise<Ticket> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visibleTicket(actor, id, manager, true);
      if (update.teamId) await this.requireInOrganization(manager, 'teams', update.teamId, actor.organizationId, 'team');
      if (update.assigneeId) await this.requireInOrganization(manager, 'users', update.assigneeId, actor.organizationId, 'assignee', 'AND active');
      const now = this.clock.now();
      const changes: Partial<Ticket> = {};
      for (const key of ['status', 'priority', 'type', 'teamId', 'assigneeId'] as const) {
        if (update[key] !== undefined && update[key] !== before[key]) (changes as Record<string, unknown>)[key] = update[key];
      }
      if (Object.keys(changes).length === 0) return before;
      if (changes.status === 'resolved') changes.resolvedAt = now;
      if (changes.status === 'closed') changes.closedAt = now;
      if (changes.status && ['new', 'open', 'pending'].includes(changes.status)) {
        changes.resolvedAt = null;
        changes.closedAt = null;
      }
      if (changes.type === 'complaint') changes.confidential = true;
      await manager.update(Ticket, { id }, { ...changes, updatedAt: now });
      const after = await manager.findOneByOrFail(Ticket, { id });
      await this.auditChanges(manager, actor, before, changes);
      await recordEvents(manager, [this.ticketUpdated(after, Object.keys(changes))]);
      return after;
    });
  }

  /** A reply is stored as queued and its send job enqueued in the same transaction; an internal note is never sent. */
  async addMessage(actor: Actor, id: string, input: { body: string; internal: boolean }): Promise<Message> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.visibleTicket(actor, id, manager, true);
      const now = this.clock.now();
      if (!input.internal && !ticket.channelAccountId) {
        throw new InvalidError('internal', 'This ticket has no channel to reply on; add an internal note instead');
      }
      const [author] = await manager.query(`SELECT name FROM users WHERE id = $1`, [actor.userId]);
      const message = await manager.save(manager.create(Message, {
        organizationId: actor.organizationId,
        ticketId: id,
        direction: input.internal ? 'note' : 'outbound',
        channelAccountId: input.internal ? null : ticket.channelAccountId,
        authorUserId: actor.userId,
        senderName: author?.name ?? null,
        body: input.body,
        html: null,
        attachments: [],
        deliveryStatus: input.internal ? null : 'queued',
        metadata: {},
        createdAt: now,
      }));
      const ticketChanges: Partial<Ticket> = { lastActivityAt: now, updatedAt: now };
      if (!input.internal) {
        if (!ticket.firstRespondedAt) ticketChanges.firstRespondedAt = now;
        if (ticket.status === 'new') ticketChanges.status = 'open';
        ticketChanges.lastMessagePreview = input.body.replace(/\s+/g, ' ').trim().slice(0, 160);
        await this.jobs.sendInTransaction(manager, OUTBOUND_QUEUE, { messageId: message.id });
      }
      // One write of the (locked) ticket; replies and notes join its search document like every other message.
      const after = { ...ticket, ...ticketChanges };
      await manager.query(
        `UPDATE tickets SET last_activity_at = $2, updated_at = $2, first_responded_at = $3, status = $4, last_message_preview = $5,
           search_document = search_document || to_tsvector('simple', inbox_normalize($6))
         WHERE id = $1`,
        [id, now, after.firstRespondedAt, after.status, after.lastMessagePreview, input.body],
      );
      const events: RecordedEvent[] = [{
        organizationId: actor.organizationId, ticketId: id, confidential: ticket.confidential, type: 'message.created',
        payload: { ticketId: id, messageId: message.id, direction: message.direction, deliveryStatus: message.deliveryStatus },
      }];
      if (ticketChanges.status) events.push(this.ticketUpdated(after, ['status']));
      await recordEvents(manager, events);
      return message;
    });
  }

  ticketUpdated(ticket: Ticket, changes: string[]): RecordedEvent {
    return {
      organizationId: ticket.organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'ticket.updated',
      payload: { ticketId: ticket.id, reference: ticket.reference, status: ticket.status, priority: ticket.priority, teamId: ticket.teamId, assigneeId: ticket.assigneeId, changes },
    };
  }

  private async auditChanges(manager: EntityManager, actor: Actor, before: Ticket, changes: Partial<Ticket>): Promise<void> {
    const base = { organizationId: actor.organizationId, actorUserId: actor.userId, entityType: 'ticket', entityId: before.id };
    if ('assigneeId' in changes || 'teamId' in changes) {
      await this.audit.record({ ...base, action: 'ticket.assigned', data: {
        from: { teamId: before.teamId, assigneeId: before.assigneeId },
        to: { teamId: changes.teamId ?? before.teamId, assigneeId: 'assigneeId' in changes ? changes.assigneeId : before.assigneeId },
      } }, manager);
    }
    if (changes.status) await this.audit.record({ ...base, action: 'ticket.status_changed', data: { from: before.status, to: changes.status } }, manager);
    if (changes.type || changes.priority) {
      await this.audit.record({ ...base, action: 'ticket.classified', data: { from: { type: before.type, priority: before.priority }, to: { type: changes.type, priority: changes.priority } } }, manager);
    }
  }

  private async requireInOrganization(manager: EntityManager, table: 'teams' | 'users', id: string, organizationId: string, field: string, extra = ''): Promise<void> {
    const rows = await manager.query(`SELECT 1 FROM ${table} WHERE id = $1 AND organization_id = $2 ${extra}`, [id, organizationId]);
    if (rows.length === 0) throw new NotFoundError(field);
  }
}
