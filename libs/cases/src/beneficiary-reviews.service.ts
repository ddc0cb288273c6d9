import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@inbox/audit';
import { ChannelAdapterRegistry, ChannelKind } from '@inbox/channels/contract';
import { FieldAccounts } from '@inbox/channels/field';
import { Clock, InvalidError, NotFoundError } from '@inbox/core';
import { IngestService } from '@inbox/ingest';
import { recordEvents } from '@inbox/realtime';
import { Actor } from '@inbox/tenancy';
import { TicketsService } from '@inbox/tickets';
import { researchTeamFor } from './research-team';

export interface BeneficiaryStatus {
  contactId: string;
  permanent: boolean;
  reviewEveryMonths: number | null;
  nextReviewOn: string | null;
}

export type ReviewLocale = 'ar' | 'en';

/** What a review ticket says to the staff who take it. */
export const REVIEW_NOTE = 'مراجعة دورية لملف مستفيد دائم: تأكدوا من أن وضع المستفيد لم يتغير (الدخل، الأسرة، السكن، بيانات التواصل) وحدّثوا الملف.';

/** The beneficiary is asked, in their language, to confirm nothing changed, quoting the review's reference. */
export function reviewRequestMessage(reference: string, locale: ReviewLocale): string {
  return locale === 'ar'
    ? `السلام عليكم، حان موعد المراجعة الدورية لملفكم لدى الجمعية (رقم ${reference}). نرجو تأكيد أن وضعكم لم يتغير منذ آخر تحديث، أو إبلاغنا بما تغيّر (الدخل، عدد أفراد الأسرة، السكن، رقم التواصل) بالرد على هذه الرسالة.`
    : `Hello, your file with the association is due for its periodic review (${reference}). Please reply to confirm that your situation has not changed since the last update, or tell us what has (income, household, housing, contact number).`;
}

/** A date plus whole months, as the calendar counts them (31 January + 1 month = 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export const dateIn = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

interface DueRow {
  id: string;
  organization_id: string;
  branch_id: string | null;
  next_review_on: string;
  review_every_months: number;
}

/**
 * Permanent beneficiaries' files are reviewed periodically. A contact marked
 * permanent (by hand, or when a registration completes) gets a review date;
 * when it comes (in the organization's own time zone), a durable job opens a
 * review ticket for the social-research team of the contact's section and
 * asks the beneficiary, on the channel they last wrote from, to confirm that
 * their situation has not changed. One review per contact and date, however
 * many workers run the job; the next date follows by the contact's interval.
 */
@Injectable()
export class BeneficiaryReviewsService {
  private readonly logger = new Logger(BeneficiaryReviewsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingest: IngestService,
    private readonly tickets: TicketsService,
    private readonly fieldAccounts: FieldAccounts,
    private readonly adapters: ChannelAdapterRegistry,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(actor: Actor, contactId: string): Promise<BeneficiaryStatus> {
    const [row] = await this.dataSource.query(
      `SELECT id, permanent_beneficiary, review_every_months, next_review_on::text AS next_review_on FROM contacts WHERE id = $1 AND organization_id = $2`,
      [contactId, actor.organizationId],
    );
    if (!row) throw new NotFoundError('contact');
    return { contactId: row.id, permanent: row.permanent_beneficiary, reviewEveryMonths: row.review_every_months, nextReviewOn: row.next_review_on };
  }

  /** Marks a contact a permanent beneficiary (with the interval and the first review date), or no longer one. */
  async mark(actor: Actor, contactId: string, input: { permanent: boolean; reviewEveryMonths?: number; nextReviewOn?: string }): Promise<BeneficiaryStatus> {
    await this.dataSource.transaction(async (manager) => {
      const [contact] = await manager.query(
        `SELECT c.id, o.time_zone FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1 AND c.organization_id = $2 FOR UPDATE OF c`,
        [contactId, actor.organizationId],
      );
      if (!contact) throw new NotFoundError('contact');
      if (!input.permanent) {
        await manager.query(`UPDATE contacts SET permanent_beneficiary = false, next_review_on = NULL, updated_at = now() WHERE id = $1`, [contactId]);
      } else {
        const every = input.reviewEveryMonths ?? 12;
        const today = dateIn(this.clock.now(), contact.time_zone);
        const next = input.nextReviewOn ?? addMonths(today, every);
        if (next < today) throw new InvalidError('nextReviewOn', 'The next review cannot be in the past');
        await manager.query(
          `UPDATE contacts SET permanent_beneficiary = true, review_every_months = $2, next_review_on = $3, updated_at = now() WHERE id = $1`,
          [contactId, every, next],
        );
      }
      await this.audit.record({
        organizationId: actor.organizationId, actorUserId: actor.userId, action: 'contact.beneficiary_status', entityType: 'contact', entityId: contactId,
        data: input,
      }, manager);
    });
    return this.status(actor, contactId);
  }

  /** A registration completed: the applicant becomes a permanent beneficiary, unless they already are (their dates stay). */
  async register(manager: EntityManager, actor: Actor, contactId: string, everyMonths: number, source: string): Promise<void> {
    const [contact] = await manager.query(
      `SELECT c.permanent_beneficiary, o.time_zone FROM contacts c JOIN organizations o ON o.id = c.organization_id WHERE c.id = $1 FOR UPDATE OF c`, [contactId],
    );
    if (!contact || contact.permanent_beneficiary) return;
    const next = addMonths(dateIn(this.clock.now(), contact.time_zone), everyMonths);
    await manager.query(
      `UPDATE contacts SET permanent_beneficiary = true, review_every_months = $2, next_review_on = $3, updated_at = now() WHERE id = $1`, [contactId, everyMonths, next],
    );
    await this.audit.record({
      organizationId: actor.organizationId, actorUserId: actor.userId, action: 'contact.beneficiary_status', entityType: 'contact', entityId: contactId,
      data: { permanent: true, reviewEveryMonths: everyMonths, nextReviewOn: next, source },
    }, manager);
  }

  /** Opens every review due by `now` (each organization's own date). Returns how many this call opened. */
  async openDue(now: Date = this.clock.now(), organizationId?: string): Promise<number> {
    const due: DueRow[] = await this.dataSource.query(
      `SELECT c.id, c.organization_id, c.branch_id, c.next_review_on::text AS next_review_on, coalesce(c.review_every_months, 12) AS review_every_months
       FROM contacts c JOIN organizations o ON o.id = c.organization_id
       WHERE c.permanent_beneficiary AND c.next_review_on <= ($1::timestamptz AT TIME ZONE o.time_zone)::date AND ($2::uuid IS NULL OR c.organization_id = $2)
       ORDER BY c.next_review_on LIMIT 500`,
      [now, organizationId ?? null],
    );
    let opened = 0;
    for (const contact of due) {
      try {
        if (await this.open(contact)) opened++;
      } catch (error) {
        // One contact that cannot be reviewed (no identity left, say) must not hold up the others; the next run tries again.
        this.logger.warn(`review of contact ${contact.id} due ${contact.next_review_on}: ${(error as Error).message}`);
      }
    }
    return opened;
  }

  private async open(contact: DueRow): Promise<boolean> {
    const identities: { kind: 'phone' | 'email' | 'whatsapp' | 'national_id'; value: string }[] = await this.dataSource.query(
      `SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY created_at`, [contact.id],
    );
    if (!identities.length) throw new Error('the contact has no identity to open a ticket for');
    // The channel they last wrote from, when messages can go out on it; else their branch's field account (staff call or visit).
    const [last] = await this.dataSource.query(
      `SELECT m.channel_account_id, a.kind, m.body FROM messages m JOIN channel_accounts a ON a.id = m.channel_account_id AND a.enabled
       JOIN tickets t ON t.id = m.ticket_id AND NOT t.confidential
       WHERE m.sender_contact_id = $1 AND m.direction = 'inbound' AND a.kind = ANY($2::text[]) ORDER BY m.created_at DESC LIMIT 1`,
      [contact.id, Object.values(ChannelKind).filter((kind) => kind !== ChannelKind.WebForm && this.adapters.has(kind))],
    );
    const accountId: string = last?.channel_account_id ?? (await this.fieldAccounts.accountFor(contact.organization_id, contact.branch_id));
    const kind: ChannelKind = last?.kind ?? ChannelKind.Field;
    const result = await this.ingest.ingest({
      channelKind: kind, channelAccountId: accountId, externalId: `review:${contact.id}:${contact.next_review_on}`,
      sender: { name: null, identities }, text: REVIEW_NOTE, threadHints: { explicitOnly: true }, typeHint: 'review',
      subject: `مراجعة دورية — ${contact.next_review_on}`,
      metadata: { review: { dueOn: contact.next_review_on, everyMonths: contact.review_every_months } },
    });
    return this.dataSource.transaction(async (manager) => {
      const [inserted] = await manager.query(
        `INSERT INTO beneficiary_reviews (organization_id, contact_id, due_on, ticket_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (contact_id, due_on) DO NOTHING RETURNING id`,
        [contact.organization_id, contact.id, contact.next_review_on, result.ticketId],
      );
      if (!inserted) return false;
      await manager.query(
        `UPDATE contacts SET next_review_on = $3, updated_at = now() WHERE id = $1 AND next_review_on = $2`,
        [contact.id, contact.next_review_on, addMonths(contact.next_review_on, contact.review_every_months)],
      );
      await this.toResearch(manager, result.ticketId);
      // WhatsApp Cloud takes only approved templates this long after the person last wrote: staff send one from the composer.
      if (last && last.kind !== ChannelKind.WhatsAppCloud) {
        const locale: ReviewLocale = /[A-Za-z]/.test(last.body ?? '') && !/[\u0600-\u06FF]/.test(last.body ?? '') ? 'en' : 'ar';
        await this.tickets.sendSystemMessage(manager, result.ticketId, reviewRequestMessage(result.ticketReference, locale), 'review.request', { reachable: true });
      }
      return true;
    });
  }

  /** The review goes to the social-research team of the section the ticket was routed to, when the association has one. */
  private async toResearch(manager: EntityManager, ticketId: string): Promise<void> {
    const [ticket] = await manager.query(
      `SELECT organization_id, reference, status, priority, team_id, assignee_id FROM tickets WHERE id = $1 FOR UPDATE`, [ticketId],
    );
    const team = await researchTeamFor(manager, ticket.organization_id, ticket.team_id);
    if (!team || team === ticket.team_id) return;
    // Whoever the assigner picked in the first team hands over: the research team's own assignment takes it from here.
    await manager.query(`UPDATE tickets SET team_id = $2, assignee_id = NULL, updated_at = now() WHERE id = $1`, [ticketId, team]);
    await recordEvents(manager, [{
      organizationId: ticket.organization_id, ticketId, confidential: false, type: 'ticket.updated',
      payload: {
        ticketId, reference: ticket.reference, status: ticket.status, priority: ticket.priority, teamId: team, assigneeId: null,
        changes: ['teamId', 'assigneeId'], previous: { teamId: ticket.team_id, assigneeId: ticket.assignee_id },
      },
    }]);
  }
}
