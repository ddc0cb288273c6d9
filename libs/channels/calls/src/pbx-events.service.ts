import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, NotFoundError, UnauthenticatedError } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { normalizePhone } from '@inbox/contacts';
import { NotificationPayload, recordEvents } from '@inbox/realtime';
import { CallDirection, CallOutcome } from './call-record';
import { CallRecorder } from './call-recorder';
import { PhoneAccount, PhoneSettings } from './phone-accounts';
import { checkPbxSignature } from './pbx-signature';

export type PbxEventKind = 'ringing' | 'answered' | 'ended';

/** A PBX event after the api has read its (form or JSON) body; see PbxEventDto for the names PBXs use. */
export interface PbxEvent {
  event: PbxEventKind;
  callId: string;
  direction: CallDirection;
  /** The caller; for an outgoing call, our extension or trunk. */
  from: string;
  /** The called number or extension. */
  to: string;
  extension?: string | null;
  agentEmail?: string | null;
  callerName?: string | null;
  at?: Date | null;
  durationSeconds?: number | null;
  /** The PBX's disposition (ANSWERED, NO ANSWER, BUSY, FAILED) or ours (answered, missed, callback_needed). */
  disposition?: string | null;
}

export interface PbxOutcome {
  event: PbxEventKind;
  /** Who was shown the caller's card. */
  poppedTo: string | null;
  ticketReference: string | null;
  followUpId: string | null;
}

/** What the answering agent's screen opens: a notification of kind `incoming_call` with the caller's facts. */
export interface IncomingCallPayload {
  callId: string;
  number: string;
  contactId: string | null;
  contactName: string | null;
}

interface PbxCallRow {
  started_at: Date;
  answered_at: Date | null;
  agent_id: string | null;
  extension: string | null;
  reference: string | null;
}

const MISSED = new Set(['no answer', 'noanswer', 'no_answer', 'busy', 'failed', 'congestion', 'missed', 'cancel', 'canceled', 'cancelled']);

/**
 * A PBX (Asterisk, FreePBX, 3CX, anything that can POST) tells us about its
 * calls: ringing, answered (by an extension, mapped to an agent), ended.
 * Every request is signed with the account's secret. An answered call pops
 * the caller's card on the answering agent's screen at once (a notification
 * in the change feed, which the realtime relay sends to that one user); the
 * ended call becomes the call log message, and a follow-up when missed.
 */
@Injectable()
export class PbxEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: CallRecorder,
    private readonly accounts: ChannelAccountsService,
    private readonly clock: Clock,
  ) {}

  /** The PBX account the request names, if the request is signed with its secret. */
  async authenticate(accountId: string, timestamp: string | undefined, signature: string | undefined, rawBody: Buffer): Promise<PhoneAccount> {
    const [row] = await this.dataSource.query(
      `SELECT id, organization_id, settings, sealed_secrets, enabled FROM channel_accounts WHERE id = $1 AND kind = $2`, [accountId, ChannelKind.Phone],
    );
    if (!row?.enabled) throw new NotFoundError('channel');
    const secret = await this.secretOf(row.id);
    const verdict = secret ? checkPbxSignature(secret, timestamp, signature, rawBody) : 'missing';
    if (verdict !== 'ok') throw new UnauthenticatedError(`PBX request refused: signature ${verdict === 'stale' ? 'timestamp too old or too far ahead' : verdict}`);
    return { id: row.id, organizationId: row.organization_id, settings: row.settings as PhoneSettings };
  }

  async handle(account: PhoneAccount, event: PbxEvent): Promise<PbxOutcome> {
    const at = event.at ?? this.clock.now();
    const number = event.direction === 'incoming' ? event.from : event.to;
    const agent = await this.agentFor(account, event);
    if (event.event !== 'ended') {
      await this.dataSource.query(
        `INSERT INTO pbx_calls (channel_account_id, call_id, organization_id, direction, number, extension, agent_id, started_at, answered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9 THEN $8::timestamptz END)
         ON CONFLICT (channel_account_id, call_id) DO UPDATE SET
           extension = coalesce(EXCLUDED.extension, pbx_calls.extension), agent_id = coalesce(EXCLUDED.agent_id, pbx_calls.agent_id),
           answered_at = coalesce(pbx_calls.answered_at, EXCLUDED.answered_at)`,
        [account.id, event.callId, account.organizationId, event.direction, number, event.extension ?? null, agent?.id ?? null, at, event.event === 'answered'],
      );
      if (event.event !== 'answered' || !agent) return { event: event.event, poppedTo: null, ticketReference: null, followUpId: null };
      const card = await this.popCard(account, event, number, agent.id);
      // The call's log will join the ticket the agent was shown.
      if (card.ticket) {
        await this.dataSource.query(`UPDATE pbx_calls SET ticket_id = $3 WHERE channel_account_id = $1 AND call_id = $2`, [account.id, event.callId, card.ticket.id]);
      }
      return { event: event.event, poppedTo: agent.id, ticketReference: card.ticket?.reference ?? null, followUpId: null };
    }
    const [started] = await this.dataSource.query(
      `UPDATE pbx_calls SET ended_at = $3 WHERE channel_account_id = $1 AND call_id = $2
       RETURNING started_at, answered_at, agent_id, extension, (SELECT reference FROM tickets WHERE id = pbx_calls.ticket_id) AS reference`,
      [account.id, event.callId, at],
    ).then(([rows]: [PbxCallRow[]]) => rows); // an UPDATE through TypeORM answers [rows, count]
    const answeredAt: Date | null = started?.answered_at ?? null;
    const outcome = this.outcome(event.disposition, answeredAt !== null, event.durationSeconds ?? null);
    const durationSeconds = event.durationSeconds ?? (answeredAt ? Math.max(0, Math.round((at.getTime() - answeredAt.getTime()) / 1000)) : 0);
    const agentId = agent?.id ?? started?.agent_id ?? null;
    const [named] = agentId ? await this.dataSource.query(`SELECT id, name FROM users WHERE id = $1`, [agentId]) : [];
    const recorded = await this.recorder.record(account, {
      externalId: `pbx:${event.callId}`, source: 'pbx', direction: event.direction, number, callerName: event.callerName,
      startedAt: started?.started_at ?? new Date(at.getTime() - durationSeconds * 1000), durationSeconds: outcome === 'answered' ? durationSeconds : 0,
      outcome, agent: named ? { id: named.id, name: named.name } : null, extension: event.extension ?? started?.extension ?? null,
      ticketReference: started?.reference ?? null,
    });
    await this.dataSource.query(`UPDATE pbx_calls SET ticket_id = $3 WHERE channel_account_id = $1 AND call_id = $2`, [account.id, event.callId, recorded.ticketId]);
    return { event: 'ended', poppedTo: null, ticketReference: recorded.ticketReference, followUpId: recorded.followUp?.id ?? null };
  }

  private outcome(disposition: string | null | undefined, answered: boolean, duration: number | null): CallOutcome {
    const value = disposition?.trim().toLowerCase() ?? '';
    if (value === 'callback_needed') return 'callback_needed';
    if (MISSED.has(value)) return 'missed';
    if (value === 'answered') return 'answered';
    return answered || (duration ?? 0) > 0 ? 'answered' : 'missed';
  }

  /** The agent behind the extension that answered (the account's extension map), or named by email. */
  private async agentFor(account: PhoneAccount, event: PbxEvent): Promise<{ id: string } | null> {
    const email = event.agentEmail ?? (event.extension ? account.settings.extensions?.[event.extension] : undefined);
    if (!email) return null;
    const [user] = await this.dataSource.query(
      `SELECT id FROM users WHERE organization_id = $1 AND lower(email) = lower($2) AND active`, [account.organizationId, email],
    );
    return user ?? null;
  }

  /**
   * The caller's card on the agent's screen: who is calling (the contact the
   * number belongs to) and their latest open ticket that is not confidential
   * (a complaint is never named in a notification).
   */
  private async popCard(account: PhoneAccount, event: PbxEvent, rawNumber: string, agentId: string): Promise<{ ticket: { id: string; reference: string } | null }> {
    let number = rawNumber;
    try {
      number = normalizePhone(rawNumber);
    } catch {
      // An extension or a withheld number: the card shows it as the PBX gave it.
    }
    const [contact] = await this.dataSource.query(
      `SELECT c.id, c.name,
              (SELECT row_to_json(t) FROM (SELECT id, reference FROM tickets WHERE contact_id = c.id AND NOT confidential AND status IN ('new', 'open', 'pending')
                 ORDER BY last_activity_at DESC LIMIT 1) t) AS ticket
       FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
       WHERE i.organization_id = $1 AND i.kind IN ('phone', 'whatsapp') AND i.value = $2 LIMIT 1`,
      [account.organizationId, number],
    );
    const call: IncomingCallPayload = { callId: event.callId, number, contactId: contact?.id ?? null, contactName: contact?.name ?? null };
    // The event map has no incoming-call notification yet (libs/realtime is not ours to change): the shape is the
    // existing notification's, with the kind and the call's facts added; the relay routes it by recipientId alone.
    const payload = {
      recipientId: agentId, kind: 'incoming_call', ticketId: contact?.ticket?.id ?? null, reference: contact?.ticket?.reference ?? null, actorId: null, call,
    } satisfies NotificationPayload;
    await recordEvents(this.dataSource.manager, [{
      organizationId: account.organizationId, ticketId: contact?.ticket?.id ?? null, confidential: false, type: 'notification', payload,
    }]);
    return { ticket: contact?.ticket ?? null };
  }

  private async secretOf(accountId: string): Promise<string | null> {
    const { webhookSecret } = await this.accounts.secretsOf(accountId);
    return webhookSecret || null;
  }
}
