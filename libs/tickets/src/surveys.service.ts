import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, InvalidError, NotFoundError } from '@inbox/core';
import { returnedRows } from '@inbox/database';
import { recordEvents } from '@inbox/realtime';
import { Actor, hasRole, Role } from '@inbox/tenancy';
import { TicketsService } from './tickets.service';

import type { SurveyLocale } from './survey-schedule';

export type { SurveyLocale } from './survey-schedule';

export interface SurveyPage {
  reference: string;
  organization: { ar: string; en: string };
  locale: SurveyLocale;
  processOnly: boolean;
  status: 'sent' | 'answered' | 'expired' | 'scheduled';
  rating: number | null;
}

export interface SatisfactionGroup {
  key: string | null;
  answered: number;
  average: number | null;
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

export interface SatisfactionQuery {
  from: Date;
  to: Date;
  groupBy: 'team' | 'channel' | 'type' | 'month';
}

/** A rating, in Latin or Arabic-Indic digits, and nothing else. */
const INLINE_RATING = /^\s*([1-5١-٥])\s*$/;
const INLINE_WINDOW_DAYS = 7;

const TEXT = {
  ar: {
    link: (ref: string, url: string) => `نشكر تواصلكم معنا بخصوص الطلب ${ref}. يسعدنا تقييمكم للخدمة عبر الرابط: ${url}`,
    linkProcess: (ref: string, url: string) => `نشكر تواصلكم معنا بخصوص ${ref}. يسعدنا تقييمكم لطريقة التعامل مع شكواكم (لا نتيجتها) عبر الرابط: ${url}`,
    inline: (ref: string) => `نشكر تواصلكم معنا بخصوص الطلب ${ref}. كيف تقيّمون الخدمة من 1 (ضعيفة) إلى 5 (ممتازة)؟ أرسلوا الرقم فقط.`,
    inlineProcess: (ref: string) => `نشكر تواصلكم معنا بخصوص ${ref}. كيف تقيّمون طريقة التعامل مع شكواكم (لا نتيجتها) من 1 إلى 5؟ أرسلوا الرقم فقط.`,
    thanks: 'شكرًا لتقييمكم.',
  },
  en: {
    link: (ref: string, url: string) => `Thank you for contacting us about ${ref}. Please rate our service: ${url}`,
    linkProcess: (ref: string, url: string) => `Thank you for contacting us about ${ref}. Please rate how your complaint was handled (not its outcome): ${url}`,
    inline: (ref: string) => `Thank you for contacting us about ${ref}. How would you rate our service from 1 (poor) to 5 (excellent)? Reply with the number only.`,
    inlineProcess: (ref: string) => `Thank you for contacting us about ${ref}. How would you rate the way your complaint was handled (not its outcome) from 1 to 5? Reply with the number only.`,
    thanks: 'Thank you for your rating.',
  },
};

/**
 * Satisfaction surveys. A resolved ticket schedules one (once per ticket);
 * the worker sends it on the ticket's channel when due. A link is only a
 * page: the rating is saved by the form the person submits, so a mail
 * scanner opening the link never votes. On chat channels the question is
 * asked inline and a reply of 1-5 is the answer. Results are for improving
 * the service: by team, channel, type or month; one agent's own results to
 * that agent and supervisors, never a ranking.
 */
@Injectable()
export class SurveysService {
  private readonly logger = new Logger(SurveysService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly config: AppConfig,
  ) {}

  /** Sends every survey that is due (the worker runs this every minute). */
  async sendDue(limit = 200): Promise<number> {
    const due: { id: string; ticket_id: string; token: string; mode: 'link' | 'inline'; process_only: boolean; locale: SurveyLocale; reference: string }[] =
      await this.dataSource.query(
        `SELECT s.id, s.ticket_id, s.token, s.mode, s.process_only, s.locale, t.reference
         FROM surveys s JOIN tickets t ON t.id = s.ticket_id WHERE s.status = 'scheduled' AND s.scheduled_for <= now()
         ORDER BY s.scheduled_for LIMIT $1`,
        [limit],
      );
    let sent = 0;
    for (const survey of due) {
      await this.dataSource.transaction(async (manager) => {
        const [locked] = await manager.query(`SELECT status FROM surveys WHERE id = $1 FOR UPDATE`, [survey.id]);
        if (locked?.status !== 'scheduled') return;
        const text = TEXT[survey.locale];
        const url = `${this.baseUrl()}/s/${survey.token}`;
        const body = survey.mode === 'inline'
          ? (survey.process_only ? text.inlineProcess : text.inline)(survey.reference)
          : (survey.process_only ? text.linkProcess : text.link)(survey.reference, url);
        const message = await this.tickets.sendSystemMessage(manager, survey.ticket_id, body, 'survey');
        await manager.query(`UPDATE surveys SET status = $2, sent_at = now() WHERE id = $1`, [survey.id, message ? 'sent' : 'expired']);
        if (message) sent += 1;
      });
    }
    return sent;
  }

  /** What the survey page shows. Opening it changes nothing. */
  async page(token: string): Promise<SurveyPage> {
    const [row] = await this.dataSource.query(
      `SELECT s.status, s.rating, s.locale, s.process_only, t.reference, o.name_ar, o.name_en
       FROM surveys s JOIN tickets t ON t.id = s.ticket_id JOIN organizations o ON o.id = s.organization_id WHERE s.token = $1`,
      [token],
    );
    if (!row) throw new NotFoundError('survey');
    return { reference: row.reference, organization: { ar: row.name_ar, en: row.name_en }, locale: row.locale, processOnly: row.process_only, status: row.status, rating: row.rating };
  }

  /** The person's confirmed answer from the page. One answer per survey. */
  async answer(token: string, rating: number, comment: string | null): Promise<SurveyPage> {
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw new InvalidError('rating', 'Choose a rating from 1 to 5');
    await this.record(`token = $1`, [token], rating, comment);
    return this.page(token);
  }

  /**
   * A chat reply on a ticket whose inline survey was sent: a lone digit 1-5
   * is the answer. The reply reopened the resolved ticket on its way in;
   * an answer puts it back, so a rating never becomes new work.
   */
  async inlineReply(ticketId: string, body: string): Promise<boolean> {
    const match = INLINE_RATING.exec(body);
    if (!match) return false;
    const rating = Number('0123456789'.charAt('٠١٢٣٤٥٦٧٨٩'.indexOf(match[1])) || match[1]);
    const answered = await this.record(
      `ticket_id = $1 AND mode = 'inline' AND sent_at > now() - interval '${INLINE_WINDOW_DAYS} days'`, [ticketId], rating, null,
    );
    if (!answered) return false;
    await this.dataSource.transaction(async (manager) => {
      const [ticket] = await manager.query(
        `UPDATE tickets SET status = 'resolved', resolved_at = now(), updated_at = now() WHERE id = $1 AND status = 'open'
         RETURNING id, organization_id, reference, status, priority, team_id, assignee_id, confidential`,
        [ticketId],
      ).then((result: unknown) => returnedRows<{ id: string; organization_id: string; reference: string; status: string; priority: string; team_id: string | null; assignee_id: string | null; confidential: boolean }>(result));
      if (!ticket) return;
      const t = ticket;
      await recordEvents(manager, [{
        organizationId: t.organization_id, ticketId: t.id, confidential: t.confidential, type: 'ticket.updated',
        payload: { ticketId: t.id, reference: t.reference, status: t.status, priority: t.priority, teamId: t.team_id, assigneeId: t.assignee_id, changes: ['status'] },
      }]);
    });
    return true;
  }

  /** Results grouped one way, for a period. Supervisors and admins; complaints are counted in, never listed. */
  async results(actor: Actor, query: SatisfactionQuery): Promise<SatisfactionGroup[]> {
    const key = { team: 's.team_id::text', channel: 's.channel_kind', type: 's.ticket_type', month: `to_char(s.answered_at AT TIME ZONE o.time_zone, 'YYYY-MM')` }[query.groupBy];
    const rows: { key: string | null; answered: number; average: number | null; r1: number; r2: number; r3: number; r4: number; r5: number }[] = await this.dataSource.query(
      `SELECT ${key} AS key, count(*)::int AS answered, round(avg(s.rating), 2)::float AS average,
              ${[1, 2, 3, 4, 5].map((r) => `count(*) FILTER (WHERE s.rating = ${r})::int AS r${r}`).join(', ')}
       FROM surveys s JOIN organizations o ON o.id = s.organization_id
       WHERE s.organization_id = $1 AND s.status = 'answered' AND s.answered_at >= $2 AND s.answered_at < $3
       GROUP BY 1 ORDER BY 1`,
      [actor.organizationId, query.from, query.to],
    );
    return rows.map(toGroup);
  }

  /** One agent's own results: to that agent, and to supervisors and admins. */
  async agentResults(actor: Actor, agentId: string, from: Date, to: Date): Promise<SatisfactionGroup> {
    if (agentId !== actor.userId && !hasRole(actor, Role.Admin, Role.Supervisor)) throw new NotFoundError('agent');
    const [row] = await this.dataSource.query(
      `SELECT NULL AS key, count(*)::int AS answered, round(avg(rating), 2)::float AS average,
              ${[1, 2, 3, 4, 5].map((r) => `count(*) FILTER (WHERE rating = ${r})::int AS r${r}`).join(', ')}
       FROM surveys WHERE organization_id = $1 AND assignee_id = $2 AND status = 'answered' AND answered_at >= $3 AND answered_at < $4`,
      [actor.organizationId, agentId, from, to],
    );
    return toGroup(row);
  }

  thanks(locale: SurveyLocale): string {
    return TEXT[locale].thanks;
  }

  private async record(condition: string, params: unknown[], rating: number, comment: string | null): Promise<boolean> {
    const result = await this.dataSource.query(
      `UPDATE surveys SET status = 'answered', rating = $${params.length + 1}, comment = $${params.length + 2}, answered_at = now()
       WHERE ${condition} AND status = 'sent' RETURNING id`,
      [...params, rating, comment?.trim() || null],
    );
    return returnedRows(result).length > 0;
  }

  private baseUrl(): string {
    return (this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`).replace(/\/$/, '');
  }
}

function toGroup(row: { key: string | null; answered: number; average: number | null; r1: number; r2: number; r3: number; r4: number; r5: number }): SatisfactionGroup {
  return { key: row.key, answered: row.answered, average: row.average, distribution: { 1: row.r1, 2: row.r2, 3: row.r3, 4: row.r4, 5: row.r5 } };
}
