import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { inTransaction, isUniqueViolation } from '@inbox/database';
import { InboundMessage } from '@inbox/channels/contract';
import { Identity, normalizeIdentity, resolveContact, ResolvedContact } from '@inbox/contacts';
import { recordEvents, RecordedEvent } from '@inbox/realtime';
import { deadlinesFor, OrganizationProfile, OrganizationProfileCache, route, TicketReferences } from '@inbox/tickets';

export interface IngestResult {
  duplicate: boolean;
  messageId: string;
  ticketId: string;
  ticketReference: string;
  contactId: string;
  ticketCreated: boolean;
  contactCreated: boolean;
}

interface AccountInfo {
  organizationId: string;
  branchId: string | null;
}

interface TicketRow {
  id: string;
  reference: string;
  status: string;
  priority: string;
  team_id: string | null;
  assignee_id: string | null;
  confidential: boolean;
}

const PREVIEW_LENGTH = 160;
const SUBJECT_LENGTH = 120;
const TICKET_COLUMNS = `id, reference, status, priority, team_id, assignee_id, confidential`;

const firstLine = (text: string, length: number) => text.replace(/\s+/g, ' ').trim().slice(0, length);

/**
 * The one writer of inbound messages. In one transaction: drop duplicates,
 * find or create the contact, pick the ticket (thread hints, then the contact's
 * open ticket on the same channel account, else a new routed ticket with
 * deadlines), append the message, reopen a resolved ticket and record events.
 */
@Injectable()
export class IngestService {
  private readonly accounts = new Map<string, AccountInfo>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: OrganizationProfileCache,
    private readonly references: TicketReferences,
    private readonly clock: Clock,
  ) {}

  async ingest(message: InboundMessage): Promise<IngestResult> {
    const identities = this.normalizeSender(message);
    const text = message.text ?? '';
    if (!text.trim() && !message.html && !(message.attachments?.length)) {
      throw new InvalidError('text', 'A message needs text, HTML or an attachment');
    }
    const account = await this.account(message.channelAccountId);
    const profile = await this.profiles.get(account.organizationId);
    const receivedAt = this.clock.now();
    const year = this.references.yearFor(profile.referenceCalendar, receivedAt, profile.timeZone);
    const sequence = await this.references.prepare(account.organizationId, year);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const duplicate = await this.findDuplicate(manager, message);
        if (duplicate) return duplicate;
        const contact = await resolveContact(manager, account.organizationId, identities, {
          name: message.sender.name?.trim() || null,
          gender: message.sender.gender ?? null,
          branchId: account.branchId,
        });
        const existing = await this.pickTicket(manager, account.organizationId, message, contact.contactId);
        const events: RecordedEvent[] = [];
        let ticket: TicketRow;
        if (existing) {
          ticket = await this.touchTicket(manager, existing, text, receivedAt);
          if (existing.status === 'resolved') events.push(this.ticketEvent('ticket.updated', account.organizationId, ticket, ['status']));
        } else {
          ticket = await this.createTicket(manager, { message, contact, account, profile, receivedAt, sequence, year });
          events.push(this.ticketEvent('ticket.created', account.organizationId, ticket));
        }
        const messageId = await this.insertMessage(manager, account.organizationId, ticket.id, contact.contactId, message, receivedAt);
        events.push({
          organizationId: account.organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'message.created',
          payload: { ticketId: ticket.id, messageId, direction: 'inbound', deliveryStatus: null },
        });
        await recordEvents(manager, events);
        return {
          duplicate: false, messageId, ticketId: ticket.id, ticketReference: ticket.reference, contactId: contact.contactId,
          ticketCreated: !existing, contactCreated: contact.created,
        };
      });
    } catch (error) {
      // The same message delivered twice at the same moment: the other delivery won; answer with its result.
      if (isUniqueViolation(error, 'messages_external')) {
        const first = await this.findDuplicate(this.dataSource.manager, message);
        if (first) return first;
      }
      throw error;
    }
  }

  private normalizeSender(message: InboundMessage): Identity[] {
    if (!message.externalId?.trim()) throw new InvalidError('externalId', 'externalId is required');
    const identities = message.sender.identities.map((identity, index) =>
      normalizeIdentity(identity.kind, identity.value, `sender.identities.${index}.value`),
    );
    if (identities.length === 0) throw new InvalidError('sender.identities', 'At least one sender identity is required');
    return identities;
  }

  private async account(id: string): Promise<AccountInfo> {
    const cached = this.accounts.get(id);
    if (cached) return cached;
    const [row] = await this.dataSource.query(`SELECT organization_id, branch_id FROM channel_accounts WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('channel account');
    const info = { organizationId: row.organization_id, branchId: row.branch_id };
    // An account never changes organization; its branch may, so the cache stays small and short-lived.
    this.accounts.set(id, info);
    setTimeout(() => this.accounts.delete(id), 30_000).unref();
    return info;
  }

  private async findDuplicate(manager: EntityManager, message: InboundMessage): Promise<IngestResult | null> {
    const [row] = await manager.query(
      `SELECT m.id, m.ticket_id, m.sender_contact_id, t.reference FROM messages m JOIN tickets t ON t.id = m.ticket_id
       WHERE m.channel_account_id = $1 AND m.external_id = $2`,
      [message.channelAccountId, message.externalId],
    );
    if (!row) return null;
    return {
      duplicate: true, messageId: row.id, ticketId: row.ticket_id, ticketReference: row.reference, contactId: row.sender_contact_id,
      ticketCreated: false, contactCreated: false,
    };
  }

  private async pickTicket(manager: EntityManager, organizationId: string, message: InboundMessage, contactId: string): Promise<TicketRow | null> {
    const hints = message.threadHints ?? {};
    if (hints.replyToExternalIds?.length) {
      const [byReply] = await manager.query(
        `SELECT ${TICKET_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ')} FROM messages m JOIN tickets t ON t.id = m.ticket_id
         WHERE m.organization_id = $1 AND m.external_id = ANY($2) AND t.status <> 'closed'
         ORDER BY m.created_at DESC LIMIT 1`,
        [organizationId, hints.replyToExternalIds],
      );
      if (byReply) return byReply;
    }
    if (hints.ticketReference) {
      const [byReference] = await manager.query(
        `SELECT ${TICKET_COLUMNS} FROM tickets WHERE organization_id = $1 AND reference = upper($2) AND status <> 'closed'`,
        [organizationId, hints.ticketReference],
      );
      if (byReference) return byReference;
    }
    // Serialises ticket choice per contact, so a burst of first messages opens one ticket, not several.
    await manager.query(`SELECT 1 FROM contacts WHERE id = $1 FOR UPDATE`, [contactId]);
    const [open] = await manager.query(
      `SELECT ${TICKET_COLUMNS} FROM tickets
       WHERE contact_id = $1 AND channel_account_id = $2 AND status IN ('new', 'open', 'pending', 'resolved')
       ORDER BY last_activity_at DESC LIMIT 1`,
      [contactId, message.channelAccountId],
    );
    return open ?? null;
  }

  private async touchTicket(manager: EntityManager, ticket: TicketRow, text: string, at: Date): Promise<TicketRow> {
    const [rows] = await manager.query(
      `UPDATE tickets SET
         last_activity_at = greatest(last_activity_at, $2),
         last_message_preview = CASE WHEN $3 = '' THEN last_message_preview ELSE $3 END,
         status = CASE WHEN status = 'resolved' THEN 'open' ELSE status END,
         resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END,
         updated_at = now()
       WHERE id = $1 RETURNING ${TICKET_COLUMNS}`,
      [ticket.id, at, firstLine(text, PREVIEW_LENGTH)],
    );
    return rows[0];
  }

  private async createTicket(
    manager: EntityManager,
    input: { message: InboundMessage; contact: ResolvedContact; account: AccountInfo; profile: OrganizationProfile; receivedAt: Date; sequence: string; year: number },
  ): Promise<TicketRow> {
    const { message, contact, account, profile, receivedAt } = input;
    const type = message.typeHint ?? 'inquiry';
    const text = message.text ?? '';
    const decision = route(
      { channel: message.channelKind, type, gender: contact.gender, branchId: contact.branchId ?? account.branchId, text: `${message.subject ?? ''} ${text}` },
      profile.rules,
      profile.teams,
    );
    const deadlines = deadlinesFor(profile, type, receivedAt);
    const reference = await this.references.next(manager, input.sequence, input.year);
    const [ticket] = await manager.query(
      `INSERT INTO tickets (organization_id, reference, subject, type, status, priority, channel_kind, channel_account_id, contact_id,
         team_id, branch_id, confidential, first_response_due_at, resolution_due_at, decision_due_at, last_activity_at, last_message_preview, created_at)
       VALUES ($1, $2, $3, $4, 'new', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $15)
       RETURNING ${TICKET_COLUMNS}`,
      [
        account.organizationId, reference, firstLine(message.subject || text, SUBJECT_LENGTH), type, decision.priority, message.channelKind,
        message.channelAccountId, contact.contactId, decision.teamId, contact.branchId ?? account.branchId, type === 'complaint',
        deadlines.firstResponseDueAt, deadlines.resolutionDueAt, deadlines.decisionDueAt, receivedAt, firstLine(text, PREVIEW_LENGTH),
      ],
    );
    return ticket;
  }

  private async insertMessage(
    manager: EntityManager, organizationId: string, ticketId: string, contactId: string, message: InboundMessage, receivedAt: Date,
  ): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO messages (organization_id, ticket_id, direction, channel_account_id, external_id, sender_contact_id, sender_name,
         body, html, attachments, metadata, sent_at, created_at)
       VALUES ($1, $2, 'inbound', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        organizationId, ticketId, message.channelAccountId, message.externalId, contactId, message.sender.name ?? null,
        message.text ?? '', message.html ?? null, JSON.stringify(message.attachments ?? []),
        JSON.stringify({ ...(message.metadata ?? {}), ...(message.subject ? { subject: message.subject } : {}) }),
        message.sentAt ?? null, receivedAt,
      ],
    );
    return row.id;
  }

  private ticketEvent(type: 'ticket.created' | 'ticket.updated', organizationId: string, ticket: TicketRow, changes: string[] = []): RecordedEvent {
    const payload = {
      ticketId: ticket.id, reference: ticket.reference, status: ticket.status, priority: ticket.priority, teamId: ticket.team_id, assigneeId: ticket.assignee_id,
    };
    return {
      organizationId, ticketId: ticket.id, confidential: ticket.confidential, type,
      payload: type === 'ticket.updated' ? { ...payload, changes } : payload,
    } as RecordedEvent;
  }
}
