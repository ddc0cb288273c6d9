import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { inPreparedTransaction, isUniqueViolation, Sql } from '@inbox/database';
import { InboundMessage } from '@inbox/channels/contract';
import { Identity, normalizeIdentity, resolveContact, ResolvedContact } from '@inbox/contacts';
import { RecordedEvent } from '@inbox/realtime';
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

/** Thrown inside the transaction when the message turns out to be a redelivery: roll back, answer with the first. */
class DuplicateDelivery extends Error {}

const PREVIEW_LENGTH = 160;
const SUBJECT_LENGTH = 120;
const TICKET_COLUMNS = 'id, reference, status, priority, team_id, assignee_id, confidential';

const firstLine = (text: string, length: number) => text.replace(/\s+/g, ' ').trim().slice(0, length);

const INSERT_MESSAGE = `
  INSERT INTO messages (id, organization_id, ticket_id, direction, channel_account_id, external_id, sender_contact_id, sender_name,
    body, html, attachments, metadata, sent_at, created_at)
  VALUES ($1, $2, $3, 'inbound', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (channel_account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
  RETURNING id`;

const INSERT_EVENTS = `
  INSERT INTO events (organization_id, ticket_id, confidential, type, payload)
  SELECT $2, $3, e.confidential, e.type, e.payload FROM m, unnest($14::boolean[], $15::text[], $16::jsonb[]) AS e(confidential, type, payload)`;

/** Existing ticket: append the message, move the ticket's activity (reopening it if resolved), record events. One round trip. */
const APPEND_TO_TICKET = `
  WITH m AS (${INSERT_MESSAGE}),
  t AS (
    UPDATE tickets SET
      last_activity_at = greatest(last_activity_at, $13),
      last_message_preview = CASE WHEN $17 = '' THEN last_message_preview ELSE $17 END,
      status = CASE WHEN status = 'resolved' THEN 'open' ELSE status END,
      resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END,
      updated_at = now()
    WHERE id = $3 AND EXISTS (SELECT 1 FROM m)
    RETURNING id),
  e AS (${INSERT_EVENTS})
  SELECT id FROM m`;

/** New ticket: insert it with its next reference, then the message and the events (which learn the reference here). One round trip. */
const OPEN_TICKET = `
  WITH t AS (
    INSERT INTO tickets (id, organization_id, reference, subject, type, status, priority, channel_kind, channel_account_id, contact_id,
      team_id, branch_id, confidential, first_response_due_at, resolution_due_at, decision_due_at, last_activity_at, last_message_preview, created_at)
    VALUES ($3, $2, $18 || lpad(nextval($19::regclass)::text, 4, '0'), $20, $21, 'new', $22, $23, $4, $6,
      $24, $25, $26, $27, $28, $29, $13, $17, $13)
    RETURNING reference),
  m AS (
    INSERT INTO messages (id, organization_id, ticket_id, direction, channel_account_id, external_id, sender_contact_id, sender_name,
      body, html, attachments, metadata, sent_at, created_at)
    SELECT $1, $2, $3, 'inbound', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM t
    ON CONFLICT (channel_account_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
    RETURNING id),
  e AS (
    INSERT INTO events (organization_id, ticket_id, confidential, type, payload)
    SELECT $2, $3, e.confidential, e.type,
      CASE WHEN e.type LIKE 'ticket.%' THEN e.payload || jsonb_build_object('reference', t.reference) ELSE e.payload END
    FROM m, t, unnest($14::boolean[], $15::text[], $16::jsonb[]) AS e(confidential, type, payload))
  SELECT m.id, t.reference FROM m, t`;

/**
 * The one writer of inbound messages. In one transaction: find or create the
 * contact (and lock it, so one person's burst opens one ticket), pick the
 * ticket (thread hints, then the contact's open ticket on the same channel
 * account, else a new routed ticket with deadlines and a reference), append
 * the message, reopen a resolved ticket and record events. A redelivered
 * message loses on the unique (channel account, external id) index, the
 * transaction rolls back, and the first delivery's result is returned.
 * Statements are prepared and merged so the usual case costs four round trips.
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
      return await inPreparedTransaction(this.dataSource, async (sql) => {
        const contact = await resolveContact(sql, account.organizationId, identities, {
          name: message.sender.name?.trim() || null,
          gender: message.sender.gender ?? null,
          branchId: account.branchId,
        });
        const existing = await this.pickTicket(sql, account.organizationId, message, contact.contactId);
        const messageId = randomUUID();
        const common = [
          messageId, account.organizationId, existing?.id ?? randomUUID(), message.channelAccountId, message.externalId, contact.contactId,
          message.sender.name ?? null, text, message.html ?? null, JSON.stringify(message.attachments ?? []),
          JSON.stringify({ ...(message.metadata ?? {}), ...(message.subject ? { subject: message.subject } : {}) }),
          message.sentAt ?? null, receivedAt,
        ];
        const preview = firstLine(text, PREVIEW_LENGTH);
        if (existing) {
          const events = [this.messageEvent(account.organizationId, existing, messageId)];
          if (existing.status === 'resolved') events.push(this.ticketEvent('ticket.updated', account.organizationId, { ...existing, status: 'open' }, ['status']));
          const rows = await sql.rows(APPEND_TO_TICKET, [...common, ...this.eventColumns(events), preview], 'ingest.append');
          if (rows.length === 0) throw new DuplicateDelivery();
          return this.result(messageId, existing, contact, false);
        }
        const ticket = this.newTicket(common[2] as string, message, contact, account, profile);
        const deadlines = deadlinesFor(profile, ticket.type, receivedAt);
        const events = [this.ticketEvent('ticket.created', account.organizationId, ticket), this.messageEvent(account.organizationId, ticket, messageId)];
        const rows = await sql.rows<{ reference: string }>(OPEN_TICKET, [
          ...common, ...this.eventColumns(events), preview,
          `T-${year}-`, sequence, firstLine(message.subject || text, SUBJECT_LENGTH), ticket.type, ticket.priority, message.channelKind,
          ticket.team_id, contact.branchId ?? account.branchId, ticket.confidential,
          deadlines.firstResponseDueAt, deadlines.resolutionDueAt, deadlines.decisionDueAt,
        ], 'ingest.open');
        if (rows.length === 0) throw new DuplicateDelivery();
        return this.result(messageId, { ...ticket, reference: rows[0]!.reference }, contact, true);
      });
    } catch (error) {
      // Delivered before (or at the same moment by another request): answer with the first delivery's result.
      if (error instanceof DuplicateDelivery || isUniqueViolation(error)) {
        const first = await this.findDuplicate(message);
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

  private async findDuplicate(message: InboundMessage): Promise<IngestResult | null> {
    const [row] = await this.dataSource.query(
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

  /** Runs after the contact is locked, so it sees any ticket a concurrent message from the same person has just opened. */
  private async pickTicket(sql: Sql, organizationId: string, message: InboundMessage, contactId: string): Promise<TicketRow | null> {
    const hints = message.threadHints ?? {};
    if (hints.replyToExternalIds?.length) {
      const [byReply] = await sql.rows<TicketRow>(
        `SELECT ${TICKET_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ')} FROM messages m JOIN tickets t ON t.id = m.ticket_id
         WHERE m.organization_id = $1 AND m.external_id = ANY($2) AND t.status <> 'closed'
         ORDER BY m.created_at DESC LIMIT 1`,
        [organizationId, hints.replyToExternalIds],
        'ingest.ticket_by_reply',
      );
      if (byReply) return byReply;
    }
    if (hints.ticketReference) {
      const [byReference] = await sql.rows<TicketRow>(
        `SELECT ${TICKET_COLUMNS} FROM tickets WHERE organization_id = $1 AND reference = upper($2) AND status <> 'closed'`,
        [organizationId, hints.ticketReference],
        'ingest.ticket_by_reference',
      );
      if (byReference) return byReference;
    }
    const [open] = await sql.rows<TicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM tickets
       WHERE contact_id = $1 AND channel_account_id = $2 AND status IN ('new', 'open', 'pending', 'resolved')
       ORDER BY last_activity_at DESC LIMIT 1`,
      [contactId, message.channelAccountId],
      'ingest.open_ticket',
    );
    return open ?? null;
  }

  private newTicket(id: string, message: InboundMessage, contact: ResolvedContact, account: AccountInfo, profile: OrganizationProfile): TicketRow & { type: string } {
    const type = message.typeHint ?? 'inquiry';
    const decision = route(
      { channel: message.channelKind, type, gender: contact.gender, branchId: contact.branchId ?? account.branchId, text: `${message.subject ?? ''} ${message.text ?? ''}` },
      profile.rules,
      profile.teams,
    );
    return { id, reference: '', status: 'new', priority: decision.priority, team_id: decision.teamId, assignee_id: null, confidential: type === 'complaint', type };
  }

  private result(messageId: string, ticket: TicketRow, contact: ResolvedContact, ticketCreated: boolean): IngestResult {
    return {
      duplicate: false, messageId, ticketId: ticket.id, ticketReference: ticket.reference, contactId: contact.contactId,
      ticketCreated, contactCreated: contact.created,
    };
  }

  private eventColumns(events: RecordedEvent[]): [boolean[], string[], string[]] {
    return [events.map((e) => e.confidential), events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload))];
  }

  private messageEvent(organizationId: string, ticket: TicketRow, messageId: string): RecordedEvent {
    return {
      organizationId, ticketId: ticket.id, confidential: ticket.confidential, type: 'message.created',
      payload: { ticketId: ticket.id, messageId, direction: 'inbound', deliveryStatus: null },
    };
  }

  /** Ticket events of a new ticket carry no reference yet (it is numbered in the same statement); readers load the ticket. */
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
