import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '@inbox/core';
import { Actor, seesWholeOrganization } from '@inbox/tenancy';
import { TicketListQuery, TicketsService } from '@inbox/tickets';
import { CaseType, ChecklistItem, ChecklistState, outstanding, refusal } from './case-types';
import { CaseTypesService } from './case-types.service';
import { researchTeamFor } from './research-team';
import { CaseVisit, CaseVisitsService } from './case-visits.service';
import { BeneficiaryReviewsService } from './beneficiary-reviews.service';

export type CaseLocale = 'ar' | 'en';

export interface CaseView {
  ticketId: string;
  type: { key: string; label: CaseType['label'] };
  stage: string;
  stages: { key: string; label: { ar: string; en: string }; reached: boolean; current: boolean }[];
  /** Where the actor may move the case now, and what is missing for the other next stages. */
  moves: { to: string; label: { ar: string; en: string }; allowed: boolean; reason: 'forbidden' | 'incomplete' | null; missing: string[] }[];
  checklist: (ChecklistItem & { done: boolean; by: string | null; at: string | null; note: string | null })[];
  history: { kind: string; fromStage: string | null; toStage: string | null; item: string | null; note: string | null; actorUserId: string | null; at: string }[];
  decisionDueAt: string | null;
  visits: CaseVisit[];
}

/** Arabic when the applicant wrote Arabic (or nothing yet), English when only Latin script. */
export function applicantLocale(firstText: string | null): CaseLocale {
  if (!firstText) return 'ar';
  return /[\u0600-\u06FF]/.test(firstText) || !/[A-Za-z]/.test(firstText) ? 'ar' : 'en';
}

/** The message asking the applicant for what is missing, in their language, with the reference to quote. */
export function missingItemsMessage(items: ChecklistItem[], reference: string, locale: CaseLocale): string {
  const lines = items.map((item) => `- ${item.ask[locale]}`).join('\n');
  return locale === 'ar'
    ? `نشكر تواصلكم. لإكمال طلبكم رقم ${reference} نحتاج منكم ما يلي:\n${lines}\nيمكنكم الرد على هذه الرسالة بإرسالها.`
    : `Thank you for your request ${reference}. To complete it we need:\n${lines}\nYou can reply to this message with them.`;
}

/** The committee's decision as the applicant reads it: accepted or not, with the reference; never the deliberations. */
export function decisionMessage(type: CaseType, stage: string, reference: string, locale: CaseLocale): string {
  const accepted = stage !== 'rejected';
  const what = type.label[locale];
  if (locale === 'ar') {
    return accepted
      ? `نفيدكم بأنه تمت الموافقة على ${what} رقم ${reference}، وسنتواصل معكم لاستكمال الإجراءات.`
      : `نفيدكم بأنه تعذّرت الموافقة على ${what} رقم ${reference} بعد دراسته من اللجنة. يمكنكم الرد على هذه الرسالة للاستفسار.`;
  }
  return accepted
    ? `Your ${what.toLowerCase()} ${reference} has been accepted; we will contact you for the next steps.`
    : `After review by the committee, your ${what.toLowerCase()} ${reference} could not be accepted. You can reply to this message with any question.`;
}

export interface CaseListItem {
  ticketId: string;
  reference: string;
  subject: string;
  caseType: string;
  stage: string;
  decisionDueAt: string | null;
  teamId: string | null;
  assigneeId: string | null;
  contactName: string | null;
  movedAt: string;
}

interface CaseRow {
  ticket_id: string;
  case_type: string;
  stage: string;
  checklist: ChecklistState;
}

/**
 * A request followed through its stages: opened when a request ticket is
 * first looked at as a case, its checklist ticked by staff, moved by those
 * each stage allows once what the stage requires is there, the applicant
 * asked for what is missing and told the committee's decision on their own
 * channel. Every move and check is kept with who and when, and each move is
 * also a note in the ticket's timeline. Visibility is the ticket's.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly listQuery: TicketListQuery,
    private readonly types: CaseTypesService,
    private readonly visits: CaseVisitsService,
    private readonly reviews: BeneficiaryReviewsService,
  ) {}

  /**
   * Cases at a stage (the committee's agenda: those awaiting decision), the
   * nearest decision deadline first, as far as the user may see their tickets.
   */
  async list(actor: Actor, stage: string, limit = 200): Promise<CaseListItem[]> {
    const where = await this.listQuery.visibility(actor);
    where.add((p) => `c.stage = ${p(stage)}`);
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT t.id, t.reference, t.subject, c.case_type, c.stage, t.decision_due_at, t.team_id, t.assignee_id, co.name AS contact_name, c.updated_at
       FROM cases c JOIN tickets t ON t.id = c.ticket_id LEFT JOIN contacts co ON co.id = t.contact_id
       WHERE ${where.sql.join(' AND ')} AND NOT t.confidential
       ORDER BY t.decision_due_at NULLS LAST, c.updated_at LIMIT ${Math.min(Math.max(1, limit), 500)}`,
      where.params,
    );
    return rows.map((row) => ({
      ticketId: row.id, reference: row.reference, subject: row.subject, caseType: row.case_type, stage: row.stage,
      decisionDueAt: row.decision_due_at ? new Date(row.decision_due_at).toISOString() : null, teamId: row.team_id, assigneeId: row.assignee_id,
      contactName: row.contact_name, movedAt: new Date(row.updated_at).toISOString(),
    }));
  }

  async view(actor: Actor, ticketId: string): Promise<CaseView> {
    const { type, row, ticket } = await this.load(actor, ticketId, this.dataSource.manager);
    const history = await this.dataSource.query(
      `SELECT kind, from_stage, to_stage, item, note, actor_user_id, created_at FROM case_events WHERE ticket_id = $1 ORDER BY id`, [ticketId],
    );
    const reachedKeys = new Set<string>([row.stage, ...history.map((h: { to_stage: string | null }) => h.to_stage).filter(Boolean)]);
    const current = type.stages.find((s) => s.key === row.stage)!;
    return {
      ticketId,
      type: { key: type.key, label: type.label },
      stage: row.stage,
      stages: type.stages.map((s) => ({ key: s.key, label: s.label, reached: reachedKeys.has(s.key), current: s.key === row.stage })),
      moves: current.next.map((to) => {
        const why = refusal(type, row.stage, to, actor.roles, row.checklist);
        return {
          to, label: type.stages.find((s) => s.key === to)!.label, allowed: why === null,
          reason: why?.code === 'forbidden' || why?.code === 'incomplete' ? why.code : null, missing: why?.missing?.map((m) => m.key) ?? [],
        };
      }),
      checklist: type.checklist.map((item) => ({ ...item, ...(row.checklist[item.key] ?? { done: false, by: null, at: null, note: null }) })),
      history: history.map((h: Record<string, any>) => ({
        kind: h.kind, fromStage: h.from_stage, toStage: h.to_stage, item: h.item, note: h.note, actorUserId: h.actor_user_id, at: new Date(h.created_at).toISOString(),
      })),
      decisionDueAt: ticket.decisionDueAt ? new Date(ticket.decisionDueAt).toISOString() : null,
      visits: await this.visits.forTicket(ticketId),
    };
  }

  async check(actor: Actor, ticketId: string, itemKey: string, done: boolean, note: string | null): Promise<CaseView> {
    await this.dataSource.transaction(async (manager) => {
      const { type, row } = await this.load(actor, ticketId, manager, true);
      if (!type.checklist.some((item) => item.key === itemKey)) throw new NotFoundError('checklist item');
      const checklist = { ...row.checklist, [itemKey]: { done, by: actor.userId, at: new Date().toISOString(), note } };
      await manager.query(`UPDATE cases SET checklist = $2, updated_at = now() WHERE ticket_id = $1`, [ticketId, JSON.stringify(checklist)]);
      await this.event(manager, actor, ticketId, { kind: done ? 'checked' : 'unchecked', item: itemKey, note });
    });
    return this.view(actor, ticketId);
  }

  /** Moves the case on. Refused when the stage does not follow, the actor's role may not, or what it requires is missing (named). */
  async move(actor: Actor, ticketId: string, to: string, note: string | null): Promise<CaseView> {
    const researchTeam = await this.dataSource.transaction(async (manager) => {
      const { type, row, ticket } = await this.load(actor, ticketId, manager, true);
      const why = refusal(type, row.stage, to, actor.roles, row.checklist);
      if (why?.code === 'invalid') throw new InvalidError('stage', `A ${type.key} case at ${row.stage} cannot move to ${to}`);
      if (why?.code === 'forbidden') throw new ForbiddenError(`Your role may not move a case to ${to}`);
      if (why?.code === 'incomplete') {
        throw new InvalidError('stage', `Missing before ${to}: ${why.missing!.map((m) => m.key).join(', ')}`, { missing: why.missing!.map((m) => m.key) });
      }
      await manager.query(`UPDATE cases SET stage = $2, updated_at = now() WHERE ticket_id = $1`, [ticketId, to]);
      await this.event(manager, actor, ticketId, { kind: 'stage', from: row.stage, to, note });
      const target = type.stages.find((s) => s.key === to)!;
      await this.tickets.addNoteIn(manager, actor, ticket.id, note ?? '', { case: { kind: 'stage', from: row.stage, to, type: type.key, label: target.label } });
      if (target.notify) {
        const locale = applicantLocale(await this.firstText(manager, ticketId));
        await this.tickets.sendSystemMessage(manager, ticketId, decisionMessage(type, to, ticket.reference, locale), 'case.decision', { reachable: true });
      }
      if (target.registers) {
        await this.reviews.register(manager, actor, ticket.contactId, target.registers.reviewEveryMonths, `${type.key}:${ticket.reference}`);
      }
      if (to !== 'research') return null;
      // Referred: the case goes to the social-research team of the ticket's section (or any research team), so its researchers see it.
      const team = await researchTeamFor(manager, ticket.organizationId, ticket.teamId);
      return team ? { id: team, assigneeId: ticket.assigneeId } : null;
    });
    // The agent who referred it stays (or becomes) its assignee, so they follow it and see the researcher's answer come back.
    if (researchTeam) {
      const follow = researchTeam.assigneeId === null && !seesWholeOrganization(actor) ? { assigneeId: actor.userId } : {};
      await this.tickets.update(actor, ticketId, { teamId: researchTeam.id, ...follow });
    }
    return this.view(actor, ticketId);
  }

  /** Asks the applicant, on their own channel and in their language, for every checklist item not done yet. */
  async requestMissing(actor: Actor, ticketId: string): Promise<CaseView> {
    await this.dataSource.transaction(async (manager) => {
      const { type, row, ticket } = await this.load(actor, ticketId, manager, true);
      const missing = outstanding(type, row.checklist).filter((item) => item.kind !== 'check');
      if (missing.length === 0) throw new ConflictError('Nothing is missing from the applicant');
      const locale = applicantLocale(await this.firstText(manager, ticketId));
      const sent = await this.tickets.sendSystemMessage(manager, ticketId, missingItemsMessage(missing, ticket.reference, locale), 'case.missing', { reachable: true });
      if (!sent) throw new InvalidError('ticket', 'This ticket has no channel to write to the applicant on');
      await this.event(manager, actor, ticketId, { kind: 'missing_requested', note: missing.map((m) => m.key).join(',') });
    });
    return this.view(actor, ticketId);
  }

  /** The ticket (visible to the actor, or 404), its request type, and its case, opened at the first stage on first sight. */
  private async load(actor: Actor, ticketId: string, manager: EntityManager, lock = false) {
    const ticket = await this.tickets.visibleTicket(actor, ticketId, manager, lock);
    const type = ticket.confidential ? null : await this.types.forTicketType(actor.organizationId, ticket.type);
    if (!type) throw new NotFoundError('case');
    await manager.query(
      `INSERT INTO cases (ticket_id, organization_id, case_type, stage) VALUES ($1, $2, $3, $4) ON CONFLICT (ticket_id) DO NOTHING`,
      [ticket.id, ticket.organizationId, type.key, type.stages[0].key],
    );
    const [row] = await manager.query(`SELECT ticket_id, case_type, stage, checklist FROM cases WHERE ticket_id = $1`, [ticket.id]) as CaseRow[];
    if (row.case_type !== type.key) throw new ConflictError(`The ticket is now a ${ticket.type}; its case was a ${row.case_type}`);
    return { ticket, type, row };
  }

  private async firstText(manager: EntityManager, ticketId: string): Promise<string | null> {
    const [first] = await manager.query(`SELECT body FROM messages WHERE ticket_id = $1 AND direction = 'inbound' ORDER BY created_at, id LIMIT 1`, [ticketId]);
    return first?.body ?? null;
  }

  private async event(manager: EntityManager, actor: Actor, ticketId: string, e: { kind: string; from?: string; to?: string; item?: string; note?: string | null }): Promise<void> {
    await manager.query(
      `INSERT INTO case_events (organization_id, ticket_id, kind, from_stage, to_stage, item, note, actor_user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.organizationId, ticketId, e.kind, e.from ?? null, e.to ?? null, e.item ?? null, e.note ?? null, actor.userId],
    );
  }
}
