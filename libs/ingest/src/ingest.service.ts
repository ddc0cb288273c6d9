import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { isUniqueViolation } from '@inbox/database';
import { InboundMessage } from '@inbox/channels/contract';
import { Identity, normalizeIdentity } from '@inbox/contacts';
import { deadlinesFor, OrganizationProfile, OrganizationProfileCache, route, RoutingDecision, TicketReferences } from '@inbox/tickets';

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

const PREVIEW_LENGTH = 160;
const SUBJECT_LENGTH = 120;

const firstLine = (text: string, length: number) => text.replace(/\s+/g, ' ').trim().slice(0, length);

interface IngestRow {
  outcome: 'appended' | 'opened' | 'duplicate' | 'needs_routing';
  message_id: string;
  ticket_id: string;
  reference: string;
  contact_id: string;
  contact_created: boolean;
  contact_gender: 'male' | 'female' | null;
  contact_branch: string | null;
}

const INGEST = `SELECT * FROM inbox_ingest(${Array.from({ length: 29 }, (_, i) => `$${i + 1}`).join(', ')})`;

/**
 * The one writer of inbound messages. In one transaction: find or create the
 * contact (and lock it, so one person's burst opens one ticket), pick the
 * ticket (thread hints, then the contact's open ticket on the same channel
 * account, else a new routed ticket with deadlines and a reference), append
 * the message, reopen a resolved ticket and record events. The reads and
 * writes run in the database as one statement, inbox_ingest() (see its
 * migration), so a message costs one round trip; what needs the application
 * (normalised identities, routing for each possible gender, deadlines, the
 * reference sequence) is prepared here first. A redelivered message is
 * answered with the first delivery's result.
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
    const messageId = randomUUID();
    const type = message.typeHint ?? 'inquiry';
    const deadlines = deadlinesFor(profile, type, receivedAt);
    const values = (routes: Record<string, RoutingDecision>) => [
      account.organizationId, message.channelAccountId, message.channelKind, message.externalId,
      identities.map((i) => i.kind), identities.map((i) => i.value), message.sender.name?.trim() || null, message.sender.gender ?? null, account.branchId,
      message.threadHints?.replyToExternalIds ?? null, message.threadHints?.ticketReference ?? null,
      messageId, text, message.html ?? null, JSON.stringify(message.attachments ?? []),
      JSON.stringify({ ...(message.metadata ?? {}), ...(message.subject ? { subject: message.subject } : {}) }), message.sentAt ?? null, receivedAt,
      firstLine(text, PREVIEW_LENGTH), randomUUID(), `T-${year}-`, sequence, firstLine(message.subject || text, SUBJECT_LENGTH), type, type === 'complaint',
      JSON.stringify(routes), deadlines.firstResponseDueAt, deadlines.resolutionDueAt, deadlines.decisionDueAt,
    ];
    try {
      let [row] = await this.run(values(this.routes(message, type, account.branchId, profile)));
      if (row!.outcome === 'needs_routing') {
        // A known contact of another branch opens a ticket: route with the contact's own branch.
        [row] = await this.run(values(this.routes(message, type, row!.contact_branch, profile)));
      }
      const result = row!;
      return {
        duplicate: result.outcome === 'duplicate', messageId: result.message_id, ticketId: result.ticket_id, ticketReference: result.reference,
        contactId: result.contact_id, ticketCreated: result.outcome === 'opened', contactCreated: result.contact_created,
      };
    } catch (error) {
      // Delivered at the same moment by another request, which committed first: answer with that delivery's result.
      if (isUniqueViolation(error, 'messages_external')) {
        const first = await this.findDuplicate(message);
        if (first) return first;
      }
      throw error;
    }
  }

  /** One statement, so one round trip and its own transaction; prepared once per connection. */
  private async run(values: unknown[]): Promise<IngestRow[]> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    return (await pool.query({ name: 'inbox_ingest', text: INGEST, values })).rows as IngestRow[];
  }

  /** The routing decision for each gender the contact may turn out to have; the database picks by the stored one. */
  private routes(message: InboundMessage, type: string, branchId: string | null, profile: OrganizationProfile): Record<string, RoutingDecision> {
    const text = `${message.subject ?? ''} ${message.text ?? ''}`;
    const decide = (gender: 'male' | 'female' | null) => route({ channel: message.channelKind, type, gender, branchId, text }, profile.rules, profile.teams);
    return { male: decide('male'), female: decide('female'), unknown: decide(null) };
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
}
