import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { Clock, ForbiddenError, InvalidError, NotFoundError } from '@inbox/core';
import { returnedRows } from '@inbox/database';
import { recordEvents } from '@inbox/realtime';
import { Actor, Role, seesConfidential } from '@inbox/tenancy';
import { Ticket, TicketsService } from '@inbox/tickets';
import { DEFAULT_NOTICES, NoticeFacts, NoticeKind, noticeLocale, NoticeLocale, renderNotice } from './notice';

export const ComplaintDecision = { Upheld: 'upheld', PartiallyUpheld: 'partially_upheld', NotUpheld: 'not_upheld', Withdrawn: 'withdrawn' } as const;
export type ComplaintDecision = (typeof ComplaintDecision)[keyof typeof ComplaintDecision];

export interface ComplaintCase {
  ticketId: string;
  reference: string;
  status: string;
  trackingCode: string;
  parties: { id: string; userId: string | null; name: string; role: string | null }[];
  participants: { userId: string; name: string; addedAt: Date }[];
  findings: string | null;
  actionTaken: string | null;
  decision: ComplaintDecision | null;
  decidedAt: Date | null;
  acknowledgedAt: Date | null;
  closureNotice: string | null;
  closureNoticeSentAt: Date | null;
  erasedAt: Date | null;
}

export interface PartyInput {
  userId?: string;
  name?: string;
  role?: string;
}

export interface Tracking {
  reference: string;
  status: 'open' | 'closed';
  openedAt: Date;
  closedAt: Date | null;
  notice: string | null;
}

const ERASED = '[erased]';

/**
 * The confidential case behind a complaint ticket. Who may open it is the
 * ticket's own visibility (officers and participants, minus those named);
 * officers run it: participants, parties, findings, decision, closure. The
 * notices sent out are composed from `NoticeFacts` only (see notice.ts).
 */
@Injectable()
export class ComplaintCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, ticketId: string): Promise<ComplaintCase> {
    const ticket = await this.openCase(actor, ticketId);
    await this.record(actor, ticketId, 'complaint.viewed');
    return this.read(this.dataSource.manager, ticket);
  }

  async addParticipant(actor: Actor, ticketId: string, userId: string): Promise<ComplaintCase> {
    return this.change(actor, ticketId, 'complaint.participant_added', { userId }, async (manager, ticket) => {
      const [user] = await manager.query(
        `SELECT id FROM users WHERE id = $1 AND organization_id = $2 AND active
           AND NOT EXISTS (SELECT 1 FROM complaint_exclusions WHERE ticket_id = $3 AND user_id = $1)`,
        [userId, actor.organizationId, ticketId],
      );
      if (!user) throw new InvalidError('userId', 'Only an active colleague the complaint does not name can be added');
      await manager.query(
        `INSERT INTO complaint_participants (ticket_id, user_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [ticketId, userId, actor.userId],
      );
      await recordEvents(manager, [{
        organizationId: actor.organizationId, ticketId, confidential: true, type: 'notification',
        payload: { kind: 'added_to_case', recipientId: userId, actorId: actor.userId, ticketId, reference: ticket.reference },
      }]);
    });
  }

  async removeParticipant(actor: Actor, ticketId: string, userId: string): Promise<ComplaintCase> {
    return this.change(actor, ticketId, 'complaint.participant_removed', { userId }, async (manager) => {
      await manager.query(`DELETE FROM complaint_participants WHERE ticket_id = $1 AND user_id = $2`, [ticketId, userId]);
    });
  }

  /** Names a party. A named colleague (and, when the organization says so, the supervisors of their teams) loses all access at once. */
  async addParty(actor: Actor, ticketId: string, input: PartyInput): Promise<ComplaintCase> {
    return this.change(actor, ticketId, 'complaint.party_named', { userId: input.userId ?? null }, async (manager, ticket) => {
      let name = input.name?.trim() ?? '';
      if (input.userId) {
        const [user] = await manager.query(`SELECT name FROM users WHERE id = $1 AND organization_id = $2`, [input.userId, actor.organizationId]);
        if (!user) throw new NotFoundError('user');
        name ||= user.name;
      }
      if (!name) throw new InvalidError('name', 'Name the party, or choose a colleague');
      if (input.userId === actor.userId) throw new InvalidError('userId', 'You cannot name yourself; ask another complaints officer to take the case');
      await manager.query(`INSERT INTO complaint_parties (ticket_id, user_id, name, role) VALUES ($1, $2, $3, $4)`, [ticketId, input.userId ?? null, name, input.role ?? null]);
      await this.recomputeExclusions(manager, ticket);
    });
  }

  async removeParty(actor: Actor, ticketId: string, partyId: string): Promise<ComplaintCase> {
    return this.change(actor, ticketId, 'complaint.party_removed', { partyId }, async (manager, ticket) => {
      const removed = returnedRows(await manager.query(`DELETE FROM complaint_parties WHERE id = $1 AND ticket_id = $2 RETURNING id`, [partyId, ticketId]));
      if (removed.length === 0) throw new NotFoundError('party');
      await this.recomputeExclusions(manager, ticket);
    });
  }

  /** Findings and action taken: internal only, kept apart from everything that can be sent. The audit says that they changed, not what they say. */
  async updateFindings(actor: Actor, ticketId: string, input: { findings?: string; actionTaken?: string }): Promise<ComplaintCase> {
    return this.change(actor, ticketId, 'complaint.findings_recorded', { fields: Object.keys(input) }, async (manager) => {
      await manager.query(
        `UPDATE complaint_cases SET findings = coalesce($2, findings), action_taken = coalesce($3, action_taken), updated_at = now() WHERE ticket_id = $1`,
        [ticketId, input.findings ?? null, input.actionTaken ?? null],
      );
    }, { participantsToo: true });
  }

  /** Decides and closes the case, then tells the complainant it was handled, on their own channel (and on the tracking page). */
  async close(actor: Actor, ticketId: string, decision: ComplaintDecision): Promise<ComplaintCase> {
    await this.change(actor, ticketId, 'complaint.closed', { decision }, async (manager, ticket) => {
      if (ticket.status === 'closed') throw new InvalidError('status', 'This complaint is already closed');
      await manager.query(`UPDATE complaint_cases SET decision = $2, decided_at = now(), updated_at = now() WHERE ticket_id = $1`, [ticketId, decision]);
    });
    await this.tickets.update(actor, ticketId, { status: 'closed' });
    await this.sendNotice(ticketId, 'closure');
    return this.read(this.dataSource.manager, await this.openCase(actor, ticketId));
  }

  async accessLog(actor: Actor, ticketId: string) {
    await this.openCase(actor, ticketId, { officersOnly: true });
    return this.dataSource.query(
      `SELECT a.id::text AS id, a.action, a.actor_user_id AS "actorUserId", u.name AS "actorName", a.created_at AS "at"
       FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
       WHERE a.organization_id = $1 AND a.entity_type = 'ticket' AND a.entity_id = $2
       ORDER BY a.id DESC LIMIT 500`,
      [actor.organizationId, ticketId],
    );
  }

  /** What the public tracking page shows for a code: the reference, open or closed, and the closure notice. Nothing else. */
  async track(code: string): Promise<Tracking> {
    const [row] = await this.dataSource.query(
      `SELECT t.reference, t.status, t.created_at, t.closed_at, c.closure_notice
       FROM complaint_cases c JOIN tickets t ON t.id = c.ticket_id WHERE c.tracking_code = $1 AND c.erased_at IS NULL`,
      [code.trim().toUpperCase()],
    );
    if (!row) throw new NotFoundError('complaint');
    return { reference: row.reference, status: row.status === 'closed' ? 'closed' : 'open', openedAt: row.created_at, closedAt: row.closed_at, notice: row.closure_notice };
  }

  /** Sends the acknowledgement of every new complaint that has none yet (the worker runs this every minute). */
  async acknowledgePending(limit = 100): Promise<number> {
    const rows: { ticket_id: string }[] = await this.dataSource.query(
      `SELECT ticket_id FROM complaint_cases WHERE acknowledged_at IS NULL AND erased_at IS NULL ORDER BY created_at LIMIT $1`, [limit],
    );
    for (const row of rows) await this.sendNotice(row.ticket_id, 'acknowledgement');
    return rows.length;
  }

  /** Erases the personal data of complaints closed longer ago than their organization keeps them; the counts stay. */
  async eraseExpired(limit = 100): Promise<number> {
    const rows: { ticket_id: string; contact_id: string }[] = await this.dataSource.query(
      `SELECT c.ticket_id, t.contact_id FROM complaint_cases c JOIN tickets t ON t.id = c.ticket_id JOIN organizations o ON o.id = c.organization_id
       WHERE c.erased_at IS NULL AND t.status = 'closed' AND t.closed_at < now() - make_interval(days => o.complaint_retention_days)
       ORDER BY t.closed_at LIMIT $1`,
      [limit],
    );
    for (const row of rows) {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE messages SET body = '${ERASED}', html = NULL, attachments = '[]', sender_name = NULL, metadata = '{}' WHERE ticket_id = $1`, [row.ticket_id],
        );
        await manager.query(
          `UPDATE tickets SET subject = '${ERASED}', last_message_preview = '', search_document = '' WHERE id = $1`, [row.ticket_id],
        );
        await manager.query(
          `UPDATE complaint_cases SET findings = NULL, action_taken = NULL, closure_notice = NULL, erased_at = now(), updated_at = now() WHERE ticket_id = $1`,
          [row.ticket_id],
        );
        await manager.query(`UPDATE complaint_parties SET name = '${ERASED}', role = NULL WHERE ticket_id = $1`, [row.ticket_id]);
        // The complainant's contact goes too unless they have other tickets.
        await manager.query(
          `UPDATE contacts SET name = NULL, updated_at = now() WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM tickets WHERE contact_id = $1 AND id <> $2)`,
          [row.contact_id, row.ticket_id],
        );
        await manager.query(
          `DELETE FROM contact_identities WHERE contact_id = $1 AND NOT EXISTS (SELECT 1 FROM tickets WHERE contact_id = $1 AND id <> $2)`,
          [row.contact_id, row.ticket_id],
        );
      });
    }
    return rows.length;
  }

  /**
   * Composes and sends a notice. The facts are read by a query that selects
   * the reference, dates, tracking code and organization name and nothing
   * else; the findings and action taken are not in reach.
   */
  private async sendNotice(ticketId: string, kind: NoticeKind): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        `SELECT t.organization_id, t.reference, t.created_at, t.closed_at, o.name_ar, o.name_en, o.time_zone, c.tracking_code,
                (SELECT body FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'inbound' ORDER BY m.created_at LIMIT 1) AS first_text
         FROM complaint_cases c JOIN tickets t ON t.id = c.ticket_id JOIN organizations o ON o.id = t.organization_id
         WHERE c.ticket_id = $1 FOR UPDATE OF c`,
        [ticketId],
      );
      if (!row) return;
      const facts: NoticeFacts = {
        reference: row.reference, trackingCode: row.tracking_code, openedAt: row.created_at, closedAt: row.closed_at,
        organizationName: { ar: row.name_ar, en: row.name_en }, timeZone: row.time_zone,
      };
      const locale = noticeLocale(row.first_text);
      const text = renderNotice(await this.template(manager, row.organization_id, kind, locale), facts, locale);
      const sent = await this.tickets.sendSystemMessage(manager, ticketId, text, `complaint.${kind}`);
      if (kind === 'acknowledgement') {
        await manager.query(`UPDATE complaint_cases SET acknowledged_at = now() WHERE ticket_id = $1`, [ticketId]);
      } else {
        await manager.query(
          `UPDATE complaint_cases SET closure_notice = $2, closure_notice_sent_at = CASE WHEN $3 THEN now() END, updated_at = now() WHERE ticket_id = $1`,
          [ticketId, text, sent !== null],
        );
      }
    });
  }

  private async template(manager: EntityManager, organizationId: string, kind: NoticeKind, locale: NoticeLocale): Promise<string> {
    const [row] = await manager.query(
      `SELECT body FROM closure_notice_templates WHERE organization_id = $1 AND kind = $2 AND locale = $3`, [organizationId, kind, locale],
    );
    return row?.body ?? DEFAULT_NOTICES[kind][locale];
  }

  /** The ticket of a case the actor may open: its own visibility, and (for changes) a complaints officer's role. */
  private async openCase(actor: Actor, ticketId: string, options: { officersOnly?: boolean } = {}, manager?: EntityManager): Promise<Ticket> {
    const ticket = await this.tickets.visibleTicket(actor, ticketId, manager, Boolean(manager));
    if (!ticket.confidential) throw new NotFoundError('complaint');
    if (options.officersOnly && !seesConfidential(actor)) throw new ForbiddenError('Only complaints officers can do this');
    return ticket;
  }

  private async change(
    actor: Actor,
    ticketId: string,
    action: string,
    data: Record<string, unknown>,
    work: (manager: EntityManager, ticket: Ticket) => Promise<void>,
    options: { participantsToo?: boolean } = {},
  ): Promise<ComplaintCase> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.openCase(actor, ticketId, { officersOnly: !options.participantsToo }, manager);
      await work(manager, ticket);
      await this.record(actor, ticketId, action, data, manager);
      return this.read(manager, ticket);
    });
  }

  private async recomputeExclusions(manager: EntityManager, ticket: Ticket): Promise<void> {
    await manager.query(`DELETE FROM complaint_exclusions WHERE ticket_id = $1`, [ticket.id]);
    await manager.query(
      `INSERT INTO complaint_exclusions (ticket_id, user_id, reason)
       SELECT DISTINCT $1::uuid, p.user_id, 'named' FROM complaint_parties p WHERE p.ticket_id = $1 AND p.user_id IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [ticket.id],
    );
    await manager.query(
      `INSERT INTO complaint_exclusions (ticket_id, user_id, reason)
       SELECT DISTINCT $1::uuid, s.id, 'supervisor_of_named'
       FROM complaint_parties p
       JOIN team_memberships named ON named.user_id = p.user_id
       JOIN team_memberships peer ON peer.team_id = named.team_id
       JOIN users s ON s.id = peer.user_id AND '${Role.Supervisor}' = ANY(s.roles)
       JOIN organizations o ON o.id = $2 AND o.complaints_exclude_party_supervisors
       WHERE p.ticket_id = $1 AND p.user_id IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [ticket.id, ticket.organizationId],
    );
    // Whoever is now excluded leaves the case: no participation, no assignment.
    await manager.query(`DELETE FROM complaint_participants p USING complaint_exclusions x WHERE x.ticket_id = $1 AND p.ticket_id = $1 AND p.user_id = x.user_id`, [ticket.id]);
    await manager.query(
      `UPDATE tickets SET assignee_id = NULL, updated_at = now() WHERE id = $1 AND assignee_id IN (SELECT user_id FROM complaint_exclusions WHERE ticket_id = $1)`,
      [ticket.id],
    );
  }

  private async read(manager: EntityManager, ticket: Ticket): Promise<ComplaintCase> {
    const [[row], parties, participants] = await Promise.all([
      manager.query(`SELECT * FROM complaint_cases WHERE ticket_id = $1`, [ticket.id]),
      manager.query(`SELECT id, user_id AS "userId", name, role FROM complaint_parties WHERE ticket_id = $1 ORDER BY added_at`, [ticket.id]),
      manager.query(
        `SELECT p.user_id AS "userId", u.name, p.added_at AS "addedAt" FROM complaint_participants p JOIN users u ON u.id = p.user_id WHERE p.ticket_id = $1 ORDER BY p.added_at`,
        [ticket.id],
      ),
    ]);
    const [current] = await manager.query(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]);
    return {
      ticketId: ticket.id, reference: ticket.reference, status: current.status, trackingCode: row.tracking_code, parties, participants,
      findings: row.findings, actionTaken: row.action_taken, decision: row.decision, decidedAt: row.decided_at,
      acknowledgedAt: row.acknowledged_at, closureNotice: row.closure_notice, closureNoticeSentAt: row.closure_notice_sent_at, erasedAt: row.erased_at,
    };
  }

  private record(actor: Actor, ticketId: string, action: string, data: Record<string, unknown> = {}, manager?: EntityManager): Promise<void> {
    return this.audit.record({ organizationId: actor.organizationId, actorUserId: actor.userId, action, entityType: 'ticket', entityId: ticketId, data }, manager);
  }
}
