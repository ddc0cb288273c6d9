import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addBusinessMinutes } from '@inbox/core';
import { IngestResult, IngestService } from '@inbox/ingest';
import { OrganizationProfileCache } from '@inbox/tickets';
import { callMessage, CallRecord, needsFollowUp } from './call-record';
import { PhoneAccount } from './phone-accounts';

export interface RecordedCall extends IngestResult {
  followUp: { id: string; dueAt: Date } | null;
}

const DEFAULT_CALLBACK_MINUTES = 120;
const DAY_MS = 86_400_000;

/**
 * Writes a call wherever it came from: the message through ingest (which
 * matches the number to a contact and picks or opens the ticket), then,
 * for a missed call or one that needs calling back, a follow-up due within
 * the account's callback time in business hours. Both are idempotent: the
 * same call again is the same message and the same follow-up.
 */
@Injectable()
export class CallRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingest: IngestService,
    private readonly profiles: OrganizationProfileCache,
  ) {}

  async record(account: PhoneAccount, call: CallRecord): Promise<RecordedCall> {
    const result = await this.ingest.ingest(callMessage(call, account.id));
    if (!needsFollowUp(call.outcome)) return { ...result, followUp: null };
    const profile = await this.profiles.get(account.organizationId);
    // An old call (from an import) is due from now, not from when it rang.
    const base = Date.now() - call.startedAt.getTime() < DAY_MS ? call.startedAt : new Date();
    const dueAt = addBusinessMinutes(base, account.settings.callbackMinutes ?? DEFAULT_CALLBACK_MINUTES, profile.businessHours);
    await this.dataSource.query(
      `INSERT INTO call_follow_ups (organization_id, ticket_id, message_id, contact_id, number, reason, due_at, assignee_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING`,
      [account.organizationId, result.ticketId, result.messageId, result.contactId, call.number, call.outcome, dueAt, call.agent?.id ?? null],
    );
    const [row] = await this.dataSource.query(`SELECT id, due_at FROM call_follow_ups WHERE message_id = $1`, [result.messageId]);
    return { ...result, followUp: { id: row.id, dueAt: row.due_at } };
  }
}
