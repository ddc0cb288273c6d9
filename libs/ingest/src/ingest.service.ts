import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { driverPool, isUniqueViolation } from '@inbox/database';
import { InboundMessage } from '@inbox/channels/contract';
import { Identity, normalizeIdentity } from '@inbox/contacts';
import { deadlinesFor, OrganizationProfile, OrganizationProfileCache, route, RoutingDecision, TicketReferences } from '@inbox/tickets';
import { IngestBatcher, IngestElement } from './ingest-batcher';

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

/**
 * See IngestBatcherOptions. Three batches at once rather than two: at 500 msg/s most batches hold one or two
 * messages, and a third slot keeps one slow batch from holding the others up (`npm run bench`, bench/README.md).
 */
const BATCHING = { maxSize: 32, maxRunning: 3, maxAttempts: 3 };

const firstLine = (text: string, length: number) => text.replace(/\s+/g, ' ').trim().slice(0, length);

/**
 * The one writer of inbound messages. In one transaction: find or create the
 * contact (and lock it, so one person's burst opens one ticket), pick the
 * ticket (thread hints, then the contact's open ticket on the same channel
 * account, else a new routed ticket with deadlines and a reference), append
 * the message, reopen a resolved ticket and record events. The reads and
 * writes run in the database as inbox_ingest() (see its migration); what
 * needs the application (normalised identities, routing for each possible
 * gender, deadlines, the reference sequence) is prepared here first. Messages
 * that arrive together are written by one inbox_ingest_batch() call, each
 * under its own savepoint (IngestBatcher), so a burst costs one round trip
 * and one commit while each caller still gets its own answer or error. A
 * redelivered message is answered with the first delivery's result.
 */
@Injectable()
export class IngestService {
  private readonly accounts = new Map<string, AccountInfo>();
  private readonly batcher = new IngestBatcher(() => driverPool(this.dataSource), BATCHING);

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
    const element = (branchId: string | null): IngestElement => ({
      org: account.organizationId, account: message.channelAccountId, channel_kind: message.channelKind, external_id: message.externalId,
      identity_kinds: identities.map((i) => i.kind), identity_values: identities.map((i) => i.value),
      name: message.sender.name?.trim() || null, gender: message.sender.gender ?? null, branch: branchId,
      reply_to: message.threadHints?.replyToExternalIds ?? null, ticket_reference: message.threadHints?.ticketReference ?? null,
      explicit_only: message.threadHints?.explicitOnly ?? false, automatic: message.automatic ?? false,
      message_id: messageId, body: text, html: message.html ?? null, attachments: message.attachments ?? [],
      metadata: { ...(message.metadata ?? {}), ...(message.subject ? { subject: message.subject } : {}) }, sent_at: message.sentAt ?? null, received_at: receivedAt,
      preview: firstLine(text, PREVIEW_LENGTH), new_ticket_id: randomUUID(), reference_prefix: `T-${year}-`, sequence, subject: firstLine(message.subject || text, SUBJECT_LENGTH),
      type, type_explicit: message.typeHint != null, confidential: type === 'complaint', routes: this.routes(message, type, branchId, profile),
      first_response_due: deadlines.firstResponseDueAt, resolution_due: deadlines.resolutionDueAt, decision_due: deadlines.decisionDueAt,
    });
    try {
      let row = await this.batcher.submit(element(account.branchId));
      // A known contact of another branch opens a ticket: route with the contact's own branch, and say so, or the
      // database answers 'needs_routing' again. A second answer means the contact moved branch meanwhile.
      for (let again = 0; row.outcome === 'needs_routing' && again < 2; again++) row = await this.batcher.submit(element(row.contact_branch));
      if (row.outcome === 'needs_routing') throw new Error(`the sender of ${message.externalId} kept changing branch while it was ingested`);
      return {
        duplicate: row.outcome === 'duplicate', messageId: row.message_id, ticketId: row.ticket_id, ticketReference: row.reference,
        contactId: row.contact_id, ticketCreated: row.outcome === 'opened', contactCreated: row.contact_created,
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
