import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { Actor } from '@inbox/tenancy';
import { TicketsService } from '@inbox/tickets';
import { CallDirection, CallOutcome } from './call-record';
import { CallRecorder, RecordedCall } from './call-recorder';
import { PhoneAccounts } from './phone-accounts';

export interface CallLogInput {
  direction: CallDirection;
  /** The other party's number; or leave it out and name the contact, whose first phone is used. */
  number?: string;
  contactId?: string;
  startedAt?: Date;
  durationSeconds: number;
  outcome: CallOutcome;
  notes?: string;
  /** Add the call to this ticket (one the agent can see) rather than the caller's open phone ticket. */
  ticketId?: string;
  /** Open a new ticket for this call (without ticketId); by default it joins the caller's open phone ticket. */
  newTicket?: boolean;
  /** The client's id for this log, so a double click or a retry logs once. */
  clientKey?: string;
}

export interface FollowUp {
  id: string;
  ticketId: string;
  reference: string;
  contactId: string | null;
  contactName: string | null;
  number: string;
  reason: 'missed' | 'callback_needed';
  dueAt: Date;
  assigneeId: string | null;
  doneAt: Date | null;
}

/** Calls agents log by hand, and the follow-ups (missed calls, callbacks) everyone works from. */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: PhoneAccounts,
    private readonly recorder: CallRecorder,
    private readonly tickets: TicketsService,
    private readonly clock: Clock,
  ) {}

  async log(actor: Actor, input: CallLogInput): Promise<RecordedCall> {
    const ticket = input.ticketId ? await this.tickets.visibleTicket(actor, input.ticketId) : null;
    if (ticket?.status === 'closed') throw new InvalidError('ticketId', 'This ticket is closed; log the call without it to open a new one');
    if (ticket && input.newTicket) throw new InvalidError('newTicket', 'Either add the call to a ticket or open a new one, not both');
    const number = input.number ?? (input.contactId ? await this.phoneOf(actor, input.contactId) : null);
    if (!number) throw new InvalidError('number', 'Give the number, or the contact whose number it is');
    const [author] = await this.dataSource.query(`SELECT name FROM users WHERE id = $1`, [actor.userId]);
    const account = await this.accounts.manual(actor.organizationId);
    return this.recorder.record(account, {
      externalId: `agent:${actor.userId}:${input.clientKey ?? randomUUID()}`,
      source: 'agent',
      direction: input.direction,
      number,
      startedAt: input.startedAt ?? this.clock.now(),
      durationSeconds: input.durationSeconds,
      outcome: input.outcome,
      notes: input.notes,
      agent: { id: actor.userId, name: author?.name ?? '' },
      ticketReference: ticket?.reference ?? null,
      newTicket: input.newTicket ?? false,
    });
  }

  /** Open follow-ups (or all) on tickets the actor may see, soonest due first. */
  async followUps(actor: Actor, query: { open: boolean; mine: boolean; limit: number }): Promise<FollowUp[]> {
    const rows: (FollowUp & { confidential: boolean; teamId: string | null; ticketAssigneeId: string | null })[] = await this.dataSource.query(
      `SELECT f.id, f.ticket_id AS "ticketId", t.reference, f.contact_id AS "contactId", c.name AS "contactName", f.number, f.reason, f.due_at AS "dueAt",
              f.assignee_id AS "assigneeId", f.done_at AS "doneAt", t.confidential, t.team_id AS "teamId", t.assignee_id AS "ticketAssigneeId"
       FROM call_follow_ups f JOIN tickets t ON t.id = f.ticket_id LEFT JOIN contacts c ON c.id = f.contact_id
       WHERE f.organization_id = $1 AND ($2::boolean IS FALSE OR f.done_at IS NULL) AND ($3::uuid IS NULL OR f.assignee_id = $3)
       ORDER BY f.due_at, f.id LIMIT $4`,
      [actor.organizationId, query.open, query.mine ? actor.userId : null, query.limit * 2],
    );
    const visible = await Promise.all(rows.map((r) => this.tickets.canSee(actor, { id: r.ticketId, confidential: r.confidential, teamId: r.teamId, assigneeId: r.ticketAssigneeId })));
    return rows.filter((_, i) => visible[i]).slice(0, query.limit)
      .map(({ confidential: _c, teamId: _t, ticketAssigneeId: _a, ...followUp }) => followUp);
  }

  async complete(actor: Actor, id: string): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT ticket_id FROM call_follow_ups WHERE id = $1 AND organization_id = $2`, [id, actor.organizationId]);
    if (!row) throw new NotFoundError('follow-up');
    await this.tickets.visibleTicket(actor, row.ticket_id).catch(() => {
      throw new NotFoundError('follow-up');
    });
    await this.dataSource.query(`UPDATE call_follow_ups SET done_at = coalesce(done_at, now()), done_by = coalesce(done_by, $2) WHERE id = $1`, [id, actor.userId]);
  }

  private async phoneOf(actor: Actor, contactId: string): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT i.value FROM contact_identities i JOIN contacts c ON c.id = i.contact_id
       WHERE c.id = $1 AND c.organization_id = $2 AND i.kind IN ('phone', 'whatsapp') ORDER BY i.kind = 'phone' DESC, i.created_at LIMIT 1`,
      [contactId, actor.organizationId],
    );
    if (!row) throw new InvalidError('contactId', 'This contact has no phone number; give the number');
    return row.value;
  }
}
