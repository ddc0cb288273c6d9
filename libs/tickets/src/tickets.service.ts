import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { addBusinessMinutes, businessMinutesBetween, Clock, InvalidError, NotFoundError } from '@inbox/core';
import { AuditService } from '@inbox/audit';
import { ContactIdentity, Contact } from '@inbox/contacts';
import { JobQueue } from '@inbox/jobs';
import { AttachmentStorage } from '@inbox/storage';
import { recordEvents, RecordedEvent } from '@inbox/realtime';
import { Actor, Role, seesConfidential, seesWholeOrganization } from '@inbox/tenancy';
import { Message } from './message.entity';
import { OrganizationProfileCache } from './organization-profile.cache';
import { scheduleSurvey } from './survey-schedule';
import { Ticket, TicketPriority, TicketStatus } from './ticket.entity';
import { ChannelKind, TicketType } from '@inbox/channels/contract';

export const OUTBOUND_QUEUE = 'outbound.send';

export interface TicketUpdate {
  status?: TicketStatus;
  priority?: TicketPriority;
  type?: TicketType;
  teamId?: string | null;
  assigneeId?: string | null;
}

export interface NewMessage {
  body: string;
  internal: boolean;
  /** Users to notify (internal notes): each must be able to see the ticket. */
  mentions?: string[];
  /** Reply to this identity of the contact instead of the one the ticket came from. */
  identityId?: string;
  /** A WhatsApp template (approved, its body rendered into `body` by the caller): the only reply WhatsApp takes outside the 24-hour window. */
  whatsappTemplate?: { name: string; language: string; parameters: string[] };
  /** Files already stored (the caller checked their size). */
  attachments?: { storageKey: string; fileName: string; contentType: string; size: number }[];
}

/** WhatsApp's customer-service window: free text only within 24 hours of the person's last message on the number. */
export const WHATSAPP_WINDOW_HOURS = 24;

export interface ReplyWindow {
  channelAccountId: string | null;
  channelKind: string | null;
  /** Whether free text may be sent now; always true outside WhatsApp's Cloud API. */
  open: boolean;
  lastInboundAt: string | null;
  closesAt: string | null;
}

export interface OtherTicket {
  id: string;
  reference: string;
  subject: string;
  status: TicketStatus;
  channelKind: string;
  createdAt: Date;
}

export interface TicketDetail {
  ticket: Ticket;
  contact: Contact & { identities: ContactIdentity[]; otherTickets: OtherTicket[] };
  messages: Message[];
}

export interface BulkResult {
  updated: string[];
  notFound: string[];
}

/** Which channel kinds can send to an identity of each kind, in order of preference. */
const REACHES: Record<string, string[]> = {
  email: ['email'],
  whatsapp: ['whatsapp_cloud', 'whatsapp_web'],
  phone: ['whatsapp_cloud', 'whatsapp_web'],
};
/** Channels a message cannot go out on to the person: staff log them, or (a web form) the person can only look it up. */
const CARRIES_NOTHING = new Set<string>([ChannelKind.WebForm, ChannelKind.Phone, ChannelKind.Letter, ChannelKind.Field]);
const OTHER_TICKETS_LIMIT = 20;

const TIMELINE_LIMIT = 1000;

@Injectable()
export class TicketsService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly storage: AttachmentStorage,
    private readonly profiles: OrganizationProfileCache,
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
    if (!ticket || !(await this.canSee(actor, ticket, manager))) throw new NotFoundError('ticket');
    return ticket;
  }

  /**
   * Waiting on the customer (pending) stops the deadline clocks; when the
   * ticket comes back, every running deadline moves on by the working time
   * it was paused.
   */
  private async clockChanges(before: Ticket, status: string, now: Date): Promise<Partial<Ticket>> {
    if (status === 'pending' && before.status !== 'pending') return { pausedAt: now };
    if (before.status !== 'pending' || !before.pausedAt) return {};
    const hours = (await this.profiles.get(before.organizationId)).businessHours;
    const paused = businessMinutesBetween(before.pausedAt, now, hours);
    const shift = (due: Date | null) => (due && paused > 0 ? addBusinessMinutes(due, paused, hours) : due);
    return {
      pausedAt: null,
      firstResponseDueAt: before.firstRespondedAt ? before.firstResponseDueAt : shift(before.firstResponseDueAt),
      nextResponseDueAt: shift(before.nextResponseDueAt),
      resolutionDueAt: shift(before.resolutionDueAt),
    };
  }

  /** The single-ticket form of TicketListQuery.visibility; the tests hold the two to the same answers. */
  async canSee(actor: Actor, ticket: Pick<Ticket, 'id' | 'confidential' | 'teamId' | 'assigneeId'>, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    if (ticket.confidential) {
      const [access] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM complaint_exclusions WHERE ticket_id = $1 AND user_id = $2) AS excluded,
                EXISTS (SELECT 1 FROM complaint_participants WHERE ticket_id = $1 AND user_id = $2) AS participant`,
        [ticket.id, actor.userId],
      );
      return !access.excluded && (seesConfidential(actor) || access.participant);
    }
    if (seesWholeOrganization(actor)) return true;
    return ticket.teamId === null || ticket.assigneeId === actor.userId || actor.teamIds.includes(ticket.teamId);
  }

  async detail(actor: Actor, id: string): Promise<TicketDetail> {
    const ticket = await this.visibleTicket(actor, id);
    const [contact, identities, messages, otherTickets] = await Promise.all([
      this.dataSource.getRepository(Contact).findOneByOrFail({ id: ticket.contactId }),
      this.dataSource.getRepository(ContactIdentity).find({ where: { contactId: ticket.contactId }, order: { createdAt: 'ASC' } }),
      this.dataSource.getRepository(Message).find({ where: { ticketId: id }, order: { createdAt: 'ASC' }, take: TIMELINE_LIMIT }),
      this.otherTickets(actor, ticket),
    ]);
    if (ticket.confidential) {
      // Confidential cases record who looked, not only who changed something.
      await this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action: 'ticket.viewed', entityType: 'ticket', entityId: id });
    }
    return { ticket, contact: { ...contact, identities, otherTickets }, messages };
  }

  /** The contact's other tickets this actor may see, newest first. */
  private async otherTickets(actor: Actor, ticket: Ticket): Promise<OtherTicket[]> {
    const rows: (OtherTicket & { confidential: boolean; teamId: string | null; assigneeId: string | null })[] = await this.dataSource.query(
      `SELECT id, reference, subject, status, channel_kind AS "channelKind", created_at AS "createdAt", confidential, team_id AS "teamId", assignee_id AS "assigneeId"
       FROM tickets WHERE organization_id = $1 AND contact_id = $2 AND id <> $3 ORDER BY created_at DESC LIMIT ${OTHER_TICKETS_LIMIT * 2}`,
      [actor.organizationId, ticket.contactId, ticket.id],
    );
    const visible = await Promise.all(rows.map((row) => this.canSee(actor, row)));
    return rows.filter((_, i) => visible[i]).slice(0, OTHER_TICKETS_LIMIT)
      .map(({ confidential: _c, teamId: _t, assigneeId: _a, ...other }) => other);
  }

  /** One attachment of a message on a ticket the actor may see; opening one of a confidential case is audited. */
  async attachment(actor: Actor, messageId: string, index: number): Promise<{ bytes: Buffer; fileName: string; contentType: string }> {
    const message = await this.dataSource.getRepository(Message).findOneBy({ id: messageId, organizationId: actor.organizationId });
    if (!message) throw new NotFoundError('attachment');
    const ticket = await this.visibleTicket(actor, message.ticketId).catch(() => {
      throw new NotFoundError('attachment');
    });
    const attachment = message.attachments[index];
    if (!attachment) throw new NotFoundError('attachment');
    if (ticket.confidential) {
      await this.audit.record({
        organizationId: actor.organizationId, actorUserId: actor.userId, action: 'attachment.viewed', entityType: 'ticket', entityId: ticket.id,
        data: { messageId, index, fileName: attachment.fileName },
      });
    }
    return { bytes: await this.storage.get(attachment.storageKey), fileName: attachment.fileName, contentType: attachment.contentType };
  }

  /** Marks the ticket read for this user (unread markers in the list). */
  async markRead(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.visibleTicket(actor, id, manager);
    await this.touchRead(manager, actor.userId, id, this.clock.now());
  }

  /** Read markers use the same clock as ticket activity, so reading at the moment of a change counts as having seen it. */
  private async touchRead(manager: EntityManager, userId: string, ticketId: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO ticket_reads (user_id, ticket_id, read_at) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, ticket_id) DO UPDATE SET read_at = greatest(ticket_reads.read_at, EXCLUDED.read_at)`,
      [userId, ticketId, at],
    );
  }

  /** Supervisors reassign (or re-classify) many tickets at once; each is its own change, audited and announced. */
  async bulkUpdate(actor: Actor, ids: string[], update: TicketUpdate): Promise<BulkResult> {
    const result: BulkResult = { updated: [], notFound: [] };
    for (const id of [...new Set(ids)]) {
      try {
        await this.update(actor, id, update);
        result.updated.push(id);
      } catch (error) {
        if (!(error instanceof NotFoundError) || error.details.entity !== 'ticket') throw error;
        result.notFound.push(id);
      }
    }
    return result;
  }

  async update(actor: Actor, id: string, update: TicketUpdate): Promise<Ticket> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.visibleTicket(actor, id, manager, true);
      if (update.teamId) await this.requireInOrganization(manager, 'teams', update.teamId, actor.organizationId, 'team');
      if (update.assigneeId) await this.requireAssignable(manager, update.assigneeId, before, before.confidential || update.type === 'complaint');
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
      if (changes.status) Object.assign(changes, await this.clockChanges(before, changes.status, now));
      await manager.update(Ticket, { id }, { ...changes, updatedAt: now });
      const after = await manager.findOneByOrFail(Ticket, { id });
      if (changes.status === 'resolved') await scheduleSurvey(manager, after);
      await this.auditChanges(manager, actor, before, changes);
      const moved = 'teamId' in changes || 'assigneeId' in changes;
      const events = [this.ticketUpdated(after, Object.keys(changes), moved ? { teamId: before.teamId, assigneeId: before.assigneeId } : undefined)];
      if (changes.assigneeId && changes.assigneeId !== actor.userId) {
        events.push(this.notification(after, { kind: 'assigned', recipientId: changes.assigneeId, actorId: actor.userId }));
      }
      await recordEvents(manager, events);
      return after;
    });
  }

  /** A reply is stored as queued and its send job enqueued in the same transaction; an internal note is never sent. */
  async addMessage(actor: Actor, id: string, input: NewMessage): Promise<Message> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.visibleTicket(actor, id, manager, true);
      const now = this.clock.now();
      if (input.internal && input.identityId) throw new InvalidError('identityId', 'An internal note is not sent to anyone');
      const route = !input.internal && input.identityId ? await this.replyRoute(manager, ticket, input.identityId) : null;
      if (!input.internal && !route && !ticket.channelAccountId) {
        throw new InvalidError('internal', 'This ticket has no channel to reply on; add an internal note instead');
      }
      if (!input.internal) {
        const window = await this.windowOf(manager, ticket, route?.channelAccountId ?? ticket.channelAccountId, now);
        if (input.whatsappTemplate && window.channelKind !== ChannelKind.WhatsAppCloud) {
          throw new InvalidError('whatsappTemplate', 'Templates are sent only on WhatsApp Cloud API numbers');
        }
        if (!window.open && !input.whatsappTemplate) {
          throw new InvalidError('body', `WhatsApp takes free text only within ${WHATSAPP_WINDOW_HOURS} hours of the person's last message; send an approved template instead`);
        }
      } else if (input.whatsappTemplate) {
        throw new InvalidError('whatsappTemplate', 'An internal note is not sent to anyone');
      }
      const mentioned = (await this.mentionable(manager, ticket, input.mentions ?? [])).filter((userId) => userId !== actor.userId);
      const [author] = await manager.query(`SELECT name FROM users WHERE id = $1`, [actor.userId]);
      const message = await this.append(manager, ticket, {
        direction: input.internal ? 'note' : 'outbound',
        channelAccountId: input.internal ? null : route?.channelAccountId ?? ticket.channelAccountId,
        authorUserId: actor.userId,
        senderName: author?.name ?? null,
        body: input.body,
        attachments: input.attachments ?? [],
        metadata: {
          ...(route ? { toIdentityId: route.identityId } : {}),
          ...(mentioned.length ? { mentions: mentioned } : {}),
          ...(input.whatsappTemplate ? { whatsappTemplate: input.whatsappTemplate } : {}),
        },
      }, now, mentioned.map((recipientId) => ({ kind: 'mentioned' as const, recipientId, actorId: actor.userId })));
      // Writing on a ticket is reading it.
      await this.touchRead(manager, actor.userId, id, now);
      return message;
    });
  }

  /** An internal note written inside the caller's transaction (a case moved on, with the mover's words): in the timeline, never sent. */
  async addNoteIn(manager: EntityManager, actor: Actor, ticketId: string, body: string, metadata: Record<string, unknown>): Promise<Message> {
    const ticket = await this.visibleTicket(actor, ticketId, manager, true);
    const [author] = await manager.query(`SELECT name FROM users WHERE id = $1`, [actor.userId]);
    return this.append(manager, ticket, {
      direction: 'note', channelAccountId: null, authorUserId: actor.userId, senderName: author?.name ?? null, body, metadata,
    }, this.clock.now(), []);
  }

  /**
   * A message the organization sends by itself (a complaint's acknowledgement
   * or closure notice, a survey) on the person's own channel: where they last
   * wrote from on this ticket (a complaint made by form and then clarified by
   * email gets its notice by email), else the ticket's channel. No author,
   * queued and sent like any reply. The caller composes the body; this never
   * reads anything but the ticket's channel columns.
   *
   * `reachable`: when that channel cannot carry a message to the person (a
   * web form shows it on its tracking page at most; a call log, a letter or a
   * delegate's field entry carry nothing), write to their email or WhatsApp
   * instead, if they gave one and the association has a channel for it (a
   * case's decision must reach the applicant; a complaint's notice stays on
   * the channels the complainant used).
   */
  async sendSystemMessage(manager: EntityManager, ticketId: string, body: string, kind: string, options: { reachable?: boolean } = {}): Promise<Message | null> {
    const ticket = await manager.getRepository(Ticket).findOne({ where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
    if (!ticket?.channelAccountId) return null;
    const [lastWrote] = await manager.query(
      `SELECT m.channel_account_id, a.kind FROM messages m JOIN channel_accounts a ON a.id = m.channel_account_id AND a.enabled
        WHERE m.ticket_id = $1 AND m.direction = 'inbound' ORDER BY m.created_at DESC, m.id DESC LIMIT 1`,
      [ticketId],
    );
    const channelKind = lastWrote?.kind ?? ticket.channelKind;
    const route = options.reachable && CARRIES_NOTHING.has(channelKind) ? await this.reachableRoute(manager, ticket) : null;
    return this.append(manager, ticket, {
      direction: 'outbound', channelAccountId: route?.channelAccountId ?? lastWrote?.channel_account_id ?? ticket.channelAccountId, authorUserId: null, senderName: null,
      body, metadata: { system: kind, ...(route ? { toIdentityId: route.identityId } : {}) },
    }, this.clock.now(), []);
  }

  /** The first of the contact's email, WhatsApp or phone identities a channel of the association can write to, or null. */
  private async reachableRoute(manager: EntityManager, ticket: Ticket): Promise<{ channelAccountId: string; identityId: string } | null> {
    const identities: { id: string }[] = await manager.query(
      `SELECT id FROM contact_identities WHERE contact_id = $1 AND kind IN ('email', 'whatsapp', 'phone')
       ORDER BY array_position(ARRAY['email', 'whatsapp', 'phone'], kind), created_at`,
      [ticket.contactId],
    );
    for (const identity of identities) {
      try {
        return await this.replyRoute(manager, ticket, identity.id);
      } catch (error) {
        if (!(error instanceof InvalidError)) throw error;
      }
    }
    return null;
  }

  /** Appends a reply, note or system message to a locked ticket: the message, its send job, one write of the ticket, the events. */
  private async append(
    manager: EntityManager,
    ticket: Ticket,
    spec: Pick<Message, 'direction' | 'channelAccountId' | 'authorUserId' | 'senderName' | 'body' | 'metadata'> & { attachments?: Message['attachments'] },
    now: Date,
    notify: { kind: 'mentioned'; recipientId: string; actorId: string }[],
  ): Promise<Message> {
    const outbound = spec.direction === 'outbound';
    const message = await manager.save(manager.create(Message, {
      ...spec, organizationId: ticket.organizationId, ticketId: ticket.id, html: null, attachments: spec.attachments ?? [],
      deliveryStatus: outbound ? 'queued' : null, createdAt: now,
    }));
    const ticketChanges: Partial<Ticket> = { lastActivityAt: now, updatedAt: now };
    if (outbound) {
      if (!ticket.firstRespondedAt) ticketChanges.firstRespondedAt = now;
      if (ticket.status === 'new') ticketChanges.status = 'open';
      ticketChanges.lastMessagePreview = spec.body.replace(/\s+/g, ' ').trim().slice(0, 160);
      await this.jobs.sendInTransaction(manager, OUTBOUND_QUEUE, { messageId: message.id });
    }
    // One write of the (locked) ticket; replies and notes join its search document like every other message.
    const after = { ...ticket, ...ticketChanges };
    await manager.query(
      `UPDATE tickets SET last_activity_at = $2, updated_at = $2, first_responded_at = $3, status = $4, last_message_preview = $5,
         search_document = search_document || to_tsvector('simple', inbox_normalize($6)),
         next_response_due_at = CASE WHEN $7 THEN NULL ELSE next_response_due_at END
       WHERE id = $1`,
      [ticket.id, now, after.firstRespondedAt, after.status, after.lastMessagePreview, spec.body, outbound],
    );
    const events: RecordedEvent[] = [{
      organizationId: ticket.organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'message.created',
      payload: { ticketId: ticket.id, messageId: message.id, direction: message.direction, deliveryStatus: message.deliveryStatus },
    }];
    if (ticketChanges.status) events.push(this.ticketUpdated(after, ['status']));
    for (const about of notify) events.push(this.notification(ticket, { ...about, messageId: message.id }));
    await recordEvents(manager, events);
    return message;
  }

  ticketUpdated(ticket: Ticket, changes: string[], previous?: { teamId: string | null; assigneeId: string | null }): RecordedEvent {
    return {
      organizationId: ticket.organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'ticket.updated',
      payload: {
        ticketId: ticket.id, reference: ticket.reference, status: ticket.status, priority: ticket.priority, teamId: ticket.teamId, assigneeId: ticket.assigneeId, changes,
        ...(previous ? { previous } : {}),
      },
    };
  }

  private notification(ticket: Ticket, about: { kind: 'assigned' | 'mentioned'; recipientId: string; actorId: string; messageId?: string }): RecordedEvent {
    return {
      organizationId: ticket.organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'notification',
      payload: { ...about, ticketId: ticket.id, reference: ticket.reference },
    };
  }

  /** An active user of the organization; for a confidential ticket, a complaints officer (nobody else may see it). */
  private async requireAssignable(manager: EntityManager, userId: string, ticket: Ticket, confidential: boolean): Promise<void> {
    const [user] = await manager.query(
      `SELECT roles, EXISTS (SELECT 1 FROM complaint_exclusions WHERE ticket_id = $3 AND user_id = $1) AS excluded
       FROM users WHERE id = $1 AND organization_id = $2 AND active`,
      [userId, ticket.organizationId, ticket.id],
    );
    if (!user) throw new NotFoundError('assignee');
    if (confidential && (!user.roles.includes(Role.ComplaintsOfficer) || user.excluded)) {
      throw new InvalidError('assigneeId', 'A complaint can only be assigned to a complaints officer it does not name');
    }
  }

  /** The mentioned users who exist in the organization and may see the ticket; anyone else is refused by name. */
  private async mentionable(manager: EntityManager, ticket: Ticket, userIds: string[]): Promise<string[]> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return [];
    const rows: { id: string; roles: Role[]; team_ids: string[] }[] = await manager.query(
      `SELECT u.id, u.roles, coalesce((SELECT array_agg(m.team_id) FROM team_memberships m WHERE m.user_id = u.id), '{}') AS team_ids
       FROM users u WHERE u.organization_id = $1 AND u.active AND u.id = ANY($2::uuid[])`,
      [ticket.organizationId, unique],
    );
    for (const id of unique) {
      const row = rows.find((r) => r.id === id);
      const actor: Actor | null = row ? { userId: row.id, organizationId: ticket.organizationId, roles: row.roles, teamIds: row.team_ids } : null;
      if (!actor || !(await this.canSee(actor, ticket, manager))) throw new InvalidError('mentions', 'Only colleagues who can see this ticket can be mentioned');
    }
    return unique;
  }

  /** The channel account and identity a reply to another of the contact's identities goes out on. */
  /** Whether a free-text reply may go out on the ticket's channel now (WhatsApp's 24-hour window), for the composer. */
  async replyWindow(actor: Actor, id: string): Promise<ReplyWindow> {
    const ticket = await this.visibleTicket(actor, id, this.dataSource.manager, false);
    return this.windowOf(this.dataSource.manager, ticket, ticket.channelAccountId, this.clock.now());
  }

  private async windowOf(manager: EntityManager, ticket: Ticket, channelAccountId: string | null, now: Date): Promise<ReplyWindow> {
    const closed = { channelAccountId, channelKind: null, open: true, lastInboundAt: null, closesAt: null };
    if (!channelAccountId) return closed;
    const [account] = await manager.query(`SELECT kind FROM channel_accounts WHERE id = $1`, [channelAccountId]);
    if (account?.kind !== ChannelKind.WhatsAppCloud) return { ...closed, channelKind: account?.kind ?? null };
    // The window is the number's with the person, whichever ticket they last wrote on.
    const [last] = await manager.query(
      `SELECT max(m.created_at) AS at FROM messages m JOIN tickets t ON t.id = m.ticket_id
       WHERE t.contact_id = $1 AND t.organization_id = $2 AND m.channel_account_id = $3 AND m.direction = 'inbound'`,
      [ticket.contactId, ticket.organizationId, channelAccountId],
    );
    const at: Date | null = last?.at ? new Date(last.at) : null;
    const closesAt = at ? new Date(at.getTime() + WHATSAPP_WINDOW_HOURS * 3_600_000) : null;
    return {
      channelAccountId, channelKind: ChannelKind.WhatsAppCloud, open: Boolean(closesAt && closesAt > now),
      lastInboundAt: at?.toISOString() ?? null, closesAt: closesAt?.toISOString() ?? null,
    };
  }

  private async replyRoute(manager: EntityManager, ticket: Ticket, identityId: string): Promise<{ channelAccountId: string; identityId: string }> {
    const [identity] = await manager.query(`SELECT id, kind FROM contact_identities WHERE id = $1 AND contact_id = $2`, [identityId, ticket.contactId]);
    if (!identity) throw new NotFoundError('identity');
    const kinds = REACHES[identity.kind] ?? [];
    const [account] = ticket.channelAccountId && kinds.includes(ticket.channelKind)
      ? [{ id: ticket.channelAccountId }]
      : await manager.query(
          `SELECT id FROM channel_accounts WHERE organization_id = $1 AND kind = ANY($2::text[]) AND enabled ORDER BY array_position($2::text[], kind), created_at LIMIT 1`,
          [ticket.organizationId, kinds],
        );
    if (!account) throw new InvalidError('identityId', `No channel of this association can send to a ${identity.kind} identity`);
    return { channelAccountId: account.id, identityId: identity.id };
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
