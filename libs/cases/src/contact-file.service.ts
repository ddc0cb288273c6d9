import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@inbox/core';
import { Actor, confidentialAccessSql } from '@inbox/tenancy';
import { CaseTypesService } from './case-types.service';

type Label = { ar: string; en: string };

export interface ContactFile {
  contact: {
    id: string; name: string | null; gender: string | null; kind: string; branch: Label | null; notes: string | null; createdAt: string;
    identities: { id: string; kind: string; value: string }[];
    beneficiary: { permanent: boolean; reviewEveryMonths: number | null; nextReviewOn: string | null };
  };
  /** Requests followed as cases: where each stands, and the committee's decision once taken. */
  requests: {
    ticketId: string; reference: string; subject: string; type: string; typeLabel: Label; stage: string; stageLabel: Label; openedAt: string;
    decision: { stage: string; label: Label; at: string; by: string | null } | null;
  }[];
  visits: { id: string; ticketId: string; reference: string; assigneeName: string | null; dueOn: string | null; status: string; reportedAt: string | null; reportMessageId: string | null }[];
  reviews: { dueOn: string; ticketId: string | null; reference: string | null; status: string | null; openedAt: string }[];
  /** Every conversation on every channel, newest first; confidential complaints only for those who may open them. */
  conversations: {
    id: string; reference: string; subject: string; type: string; status: string; channelKind: string | null; confidential: boolean;
    createdAt: string; lastActivityAt: string; messages: number;
  }[];
}

const iso = (value: Date | string | null) => (value ? new Date(value).toISOString() : null);

/**
 * A person's whole file in one read: who they are and how to reach them,
 * whether they are a permanent beneficiary and when their next review is,
 * their requests with the decisions, the visits made and the reviews
 * opened, and every conversation on every channel. A confidential complaint
 * appears only to complaints officers and the colleagues on its case, like
 * everywhere else; the requests, visits and reviews never include one.
 */
@Injectable()
export class ContactFileService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly types: CaseTypesService) {}

  async file(actor: Actor, contactId: string): Promise<ContactFile> {
    const [contact] = await this.dataSource.query(
      `SELECT c.id, c.name, c.gender, c.kind, c.notes, c.created_at, c.permanent_beneficiary, c.review_every_months, c.next_review_on::text AS next_review_on,
              b.name_ar, b.name_en
       FROM contacts c LEFT JOIN branches b ON b.id = c.branch_id WHERE c.id = $1 AND c.organization_id = $2`,
      [contactId, actor.organizationId],
    );
    if (!contact) throw new NotFoundError('contact');
    const [identities, cases, decisions, visits, reviews, conversations, types] = await Promise.all([
      this.dataSource.query(`SELECT id, kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`, [contactId]),
      this.dataSource.query(
        `SELECT t.id, t.reference, t.subject, t.type, c.stage, c.created_at FROM cases c JOIN tickets t ON t.id = c.ticket_id
         WHERE t.contact_id = $1 AND NOT t.confidential ORDER BY c.created_at DESC LIMIT 200`,
        [contactId],
      ),
      this.dataSource.query(
        `SELECT e.ticket_id, e.to_stage, e.created_at, u.name AS by_name
         FROM case_events e JOIN tickets t ON t.id = e.ticket_id LEFT JOIN users u ON u.id = e.actor_user_id
         WHERE t.contact_id = $1 AND NOT t.confidential AND e.kind = 'stage' ORDER BY e.id`,
        [contactId],
      ),
      this.dataSource.query(
        `SELECT v.id, v.ticket_id, t.reference, u.name AS assignee_name, v.due_on::text AS due_on, v.status, v.reported_at, v.report_message_id
         FROM case_visits v JOIN tickets t ON t.id = v.ticket_id JOIN users u ON u.id = v.assignee_id
         WHERE t.contact_id = $1 AND NOT t.confidential ORDER BY v.created_at DESC LIMIT 200`,
        [contactId],
      ),
      this.dataSource.query(
        `SELECT r.due_on::text AS due_on, r.ticket_id, t.reference, t.status, r.created_at FROM beneficiary_reviews r LEFT JOIN tickets t ON t.id = r.ticket_id AND NOT t.confidential
         WHERE r.contact_id = $1 ORDER BY r.due_on DESC LIMIT 100`,
        [contactId],
      ),
      this.dataSource.query(
        `SELECT t.id, t.reference, t.subject, t.type, t.status, t.channel_kind, t.confidential, t.created_at, t.last_activity_at,
                (SELECT count(*)::int FROM messages m WHERE m.ticket_id = t.id AND m.direction <> 'note') AS messages
         FROM tickets t WHERE t.organization_id = $1 AND t.contact_id = $2 AND ${confidentialAccessSql(actor, 't', '$3')}
         ORDER BY t.last_activity_at DESC LIMIT 500`,
        [actor.organizationId, contactId, actor.userId],
      ),
      this.types.list(actor.organizationId),
    ]);
    return {
      contact: {
        id: contact.id, name: contact.name, gender: contact.gender, kind: contact.kind, notes: contact.notes, createdAt: iso(contact.created_at)!,
        branch: contact.name_ar ? { ar: contact.name_ar, en: contact.name_en } : null, identities,
        beneficiary: { permanent: contact.permanent_beneficiary, reviewEveryMonths: contact.review_every_months, nextReviewOn: contact.next_review_on },
      },
      requests: cases.map((row: Record<string, any>) => {
        const type = types.find((t) => t.ticketType === row.type);
        const label = (key: string): Label => type?.stages.find((s) => s.key === key)?.label ?? { ar: key, en: key };
        // The decision is the last move into a stage the applicant is told of (accepted, rejected).
        const decision = decisions.filter((d: Record<string, any>) => d.ticket_id === row.id && type?.stages.find((s) => s.key === d.to_stage)?.notify).pop();
        return {
          ticketId: row.id, reference: row.reference, subject: row.subject, type: row.type, typeLabel: type?.label ?? { ar: row.type, en: row.type },
          stage: row.stage, stageLabel: label(row.stage), openedAt: iso(row.created_at)!,
          decision: decision ? { stage: decision.to_stage, label: label(decision.to_stage), at: iso(decision.created_at)!, by: decision.by_name } : null,
        };
      }),
      visits: visits.map((v: Record<string, any>) => ({
        id: v.id, ticketId: v.ticket_id, reference: v.reference, assigneeName: v.assignee_name, dueOn: v.due_on, status: v.status,
        reportedAt: iso(v.reported_at), reportMessageId: v.report_message_id,
      })),
      reviews: reviews.map((r: Record<string, any>) => ({ dueOn: r.due_on, ticketId: r.ticket_id, reference: r.reference, status: r.status, openedAt: iso(r.created_at)! })),
      conversations: conversations.map((c: Record<string, any>) => ({
        id: c.id, reference: c.reference, subject: c.subject, type: c.type, status: c.status, channelKind: c.channel_kind, confidential: c.confidential,
        createdAt: iso(c.created_at)!, lastActivityAt: iso(c.last_activity_at)!, messages: c.messages,
      })),
    };
  }
}
