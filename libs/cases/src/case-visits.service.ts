import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidError, NotFoundError } from '@inbox/core';
import { FieldEntriesService, FieldEntryInput, FieldEntryResult } from '@inbox/channels/field';
import { recordEvents } from '@inbox/realtime';
import { Actor, Role } from '@inbox/tenancy';
import { TicketsService } from '@inbox/tickets';
import { caseTypeFor } from './case-types';
import { CaseTypesService } from './case-types.service';

export interface CaseVisit {
  id: string;
  ticketId: string;
  assigneeId: string;
  assigneeName: string | null;
  assignedBy: string | null;
  dueOn: string | null;
  instructions: string | null;
  status: 'assigned' | 'reported' | 'cancelled';
  reportMessageId: string | null;
  reportedAt: string | null;
  createdAt: string;
}

/** A visit as the visitor's phone page shows it: whom to see, where to reach them, what to look at. */
export interface AssignedVisit {
  id: string;
  ticketId: string;
  reference: string;
  caseType: string;
  caseLabel: { ar: string; en: string };
  contactId: string;
  contactName: string | null;
  identities: { kind: string; value: string }[];
  branch: { ar: string; en: string } | null;
  dueOn: string | null;
  instructions: string | null;
  assignedByName: string | null;
  createdAt: string;
}

const VISITORS: Role[] = [Role.Delegate, Role.Researcher];

const visitOf = (row: Record<string, any>): CaseVisit => ({
  id: row.id, ticketId: row.ticket_id, assigneeId: row.assignee_id, assigneeName: row.assignee_name ?? null, assignedBy: row.assigned_by,
  dueOn: row.due_on, instructions: row.instructions, status: row.status, reportMessageId: row.report_message_id,
  reportedAt: row.reported_at ? new Date(row.reported_at).toISOString() : null, createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Field visits that verify a case: staff who can see the request send a
 * delegate or researcher to the applicant; the visit waits on the visitor's
 * phone page (who, where, what to look at), and the report they write there
 * (notes, photos, time, place) comes back onto the case's ticket as a field
 * entry, synced once however often the phone sends it. The visitor needs no
 * access to the ticket itself: being sent is what lets them report on it.
 */
@Injectable()
export class CaseVisitsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly entries: FieldEntriesService,
    private readonly types: CaseTypesService,
  ) {}

  /** The visits of a case, newest first (for the case panel; the caller has checked the ticket is visible). */
  async forTicket(ticketId: string, manager: EntityManager = this.dataSource.manager): Promise<CaseVisit[]> {
    const rows = await manager.query(
      `SELECT v.*, v.due_on::text AS due_on, u.name AS assignee_name FROM case_visits v JOIN users u ON u.id = v.assignee_id
       WHERE v.ticket_id = $1 ORDER BY v.created_at DESC`,
      [ticketId],
    );
    return rows.map(visitOf);
  }

  async assign(actor: Actor, ticketId: string, input: { assigneeId: string; dueOn?: string | null; instructions?: string | null }): Promise<CaseVisit> {
    const id = await this.dataSource.transaction(async (manager) => {
      const ticket = await this.caseTicket(actor, ticketId, manager);
      const [visitor] = await manager.query(
        `SELECT id, name FROM users WHERE id = $1 AND organization_id = $2 AND active AND roles && $3::text[]`,
        [input.assigneeId, actor.organizationId, VISITORS],
      );
      if (!visitor) throw new InvalidError('assigneeId', 'A visit goes to an active delegate or researcher of this association');
      const [row] = await manager.query(
        `INSERT INTO case_visits (organization_id, ticket_id, assignee_id, assigned_by, due_on, instructions) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [actor.organizationId, ticketId, visitor.id, actor.userId, input.dueOn ?? null, input.instructions?.trim() || null],
      );
      await this.event(manager, actor.organizationId, ticketId, actor.userId, 'visit_assigned', input.instructions?.trim() || null);
      await this.tickets.addNoteIn(manager, actor, ticketId, input.instructions?.trim() ?? '', {
        case: { kind: 'visit_assigned', visitId: row.id, assigneeId: visitor.id, assigneeName: visitor.name, dueOn: input.dueOn ?? null },
      });
      await recordEvents(manager, [{
        organizationId: actor.organizationId, ticketId, confidential: false, type: 'notification',
        payload: { kind: 'visit_assigned', recipientId: visitor.id, actorId: actor.userId, ticketId, reference: ticket.reference },
      }]);
      return row.id as string;
    });
    return (await this.forTicket(ticketId)).find((visit) => visit.id === id)!;
  }

  async cancel(actor: Actor, ticketId: string, visitId: string): Promise<CaseVisit> {
    await this.dataSource.transaction(async (manager) => {
      await this.caseTicket(actor, ticketId, manager);
      const [changed] = await manager.query(
        `UPDATE case_visits SET status = 'cancelled' WHERE id = $1 AND ticket_id = $2 AND status = 'assigned' RETURNING id`, [visitId, ticketId],
      );
      if (!changed) {
        const [exists] = await manager.query(`SELECT status FROM case_visits WHERE id = $1 AND ticket_id = $2`, [visitId, ticketId]);
        if (!exists) throw new NotFoundError('visit');
        throw new ConflictError(`The visit is already ${exists.status}`);
      }
      await this.event(manager, actor.organizationId, ticketId, actor.userId, 'visit_cancelled', null);
    });
    return (await this.forTicket(ticketId)).find((visit) => visit.id === visitId)!;
  }

  /** The visits waiting on this user, the soonest due first. */
  async assignedTo(actor: Actor): Promise<AssignedVisit[]> {
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT v.id, v.ticket_id, t.reference, c.case_type, t.type, co.id AS contact_id, co.name AS contact_name, b.name_ar AS branch_ar, b.name_en AS branch_en,
              v.due_on::text AS due_on, v.instructions, u.name AS assigned_by_name, v.created_at,
              (SELECT coalesce(json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.created_at), '[]')
                 FROM contact_identities i WHERE i.contact_id = co.id AND i.kind IN ('phone', 'whatsapp', 'national_id')) AS identities
       FROM case_visits v JOIN tickets t ON t.id = v.ticket_id JOIN contacts co ON co.id = t.contact_id
       LEFT JOIN cases c ON c.ticket_id = v.ticket_id LEFT JOIN branches b ON b.id = co.branch_id LEFT JOIN users u ON u.id = v.assigned_by
       WHERE v.assignee_id = $1 AND v.organization_id = $2 AND v.status = 'assigned' AND NOT t.confidential
       ORDER BY v.due_on NULLS LAST, v.created_at LIMIT 100`,
      [actor.userId, actor.organizationId],
    );
    const types = await this.types.list(actor.organizationId);
    return rows.map((row) => ({
      id: row.id, ticketId: row.ticket_id, reference: row.reference, caseType: row.case_type ?? row.type,
      caseLabel: caseTypeFor(row.type, types)?.label ?? { ar: row.type, en: row.type },
      contactId: row.contact_id, contactName: row.contact_name, identities: row.identities, branch: row.branch_ar ? { ar: row.branch_ar, en: row.branch_en } : null,
      dueOn: row.due_on, instructions: row.instructions, assignedByName: row.assigned_by_name, createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  /**
   * The visitor's report: a field entry on the case's ticket (through ingest,
   * like every field entry), and the visit closed with it. Sent again (an
   * offline phone retrying), it is the same entry and the visit stays as it is.
   */
  async report(actor: Actor, visitId: string, entry: Omit<FieldEntryInput, 'visit' | 'contactId' | 'person' | 'ticketId' | 'newTicket'>): Promise<FieldEntryResult> {
    const [visit] = await this.dataSource.query(
      `SELECT v.id, v.ticket_id, v.status, t.reference, t.contact_id, t.organization_id FROM case_visits v JOIN tickets t ON t.id = v.ticket_id
       WHERE v.id = $1 AND v.assignee_id = $2 AND v.organization_id = $3 AND NOT t.confidential`,
      [visitId, actor.userId, actor.organizationId],
    );
    if (!visit) throw new NotFoundError('visit');
    const [already] = await this.dataSource.query(`SELECT 1 FROM field_entries WHERE user_id = $1 AND client_key = $2`, [actor.userId, entry.clientKey]);
    if (visit.status !== 'assigned' && !already) throw new ConflictError(`This visit is ${visit.status}; write a new field entry instead`);
    const result = await this.entries.log(actor, { ...entry, contactId: visit.contact_id, visit: { id: visit.id, ticketReference: visit.reference } });
    await this.dataSource.transaction(async (manager) => {
      const [closed] = await manager.query(
        `UPDATE case_visits SET status = 'reported', report_entry_id = $2, report_message_id = $3, reported_at = now()
         WHERE id = $1 AND status = 'assigned' RETURNING id`,
        [visit.id, result.entryId, result.messageId],
      );
      if (closed) await this.event(manager, visit.organization_id, visit.ticket_id, actor.userId, 'visit_reported', null);
    });
    return result;
  }

  /** A request ticket the actor may see (404 otherwise, or for a ticket that is no case). */
  private async caseTicket(actor: Actor, ticketId: string, manager: EntityManager) {
    const ticket = await this.tickets.visibleTicket(actor, ticketId, manager, true);
    if (ticket.confidential || !(await this.types.forTicketType(actor.organizationId, ticket.type))) throw new NotFoundError('case');
    return ticket;
  }

  private async event(manager: EntityManager, organizationId: string, ticketId: string, actorId: string, kind: string, note: string | null): Promise<void> {
    await manager.query(
      `INSERT INTO case_events (organization_id, ticket_id, kind, note, actor_user_id) VALUES ($1, $2, $3, $4, $5)`,
      [organizationId, ticketId, kind, note, actorId],
    );
  }
}
