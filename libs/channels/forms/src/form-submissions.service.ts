import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, NotFoundError } from '@inbox/core';
import { ChannelKind, InboundAttachment, InboundMessage } from '@inbox/channels/contract';
import { IngestService } from '@inbox/ingest';
import { AttachmentStorage } from '@inbox/storage';
import { FormAccounts } from './form-accounts';
import { FormDefinitionsService, PublicForm } from './form-definitions.service';
import { DEFAULT_DECLARATION, Locale } from './form-definition';
import { CheckedSubmission, checkSubmission, SubmissionInput } from './submission-validator';

export interface SubmissionMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface SubmissionReceipt {
  /** The ticket's reference, once the submission has reached the ticket stream (almost always at once). */
  reference: string | null;
  /** What the applicant checks their status with at /track. */
  trackingCode: string;
  status: 'received' | 'ingested';
  anonymous: boolean;
}

/** Codes people type: no 0/O, 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
function trackingCode(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** A recipient that cannot receive anything (RFC 2606 reserves .invalid): an anonymous complainant is a contact nobody can reach or find again. */
const anonymousIdentity = (submissionId: string) => ({ kind: 'email' as const, value: `anonymous-${submissionId}@anonymous.invalid` });

const localDate = (date: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/**
 * A public form submission, from accepted to ticket. Validation first
 * (nothing is written for a refused submission), then the files, then the
 * submission row with the exact message to ingest, committed; only then
 * ingest. If ingest fails the applicant still has their tracking code and
 * the sweep delivers the stored message later: ingest dedupes on the
 * submission id, so a retry never makes a second message.
 */
@Injectable()
export class FormSubmissionsService {
  private readonly logger = new Logger(FormSubmissionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormDefinitionsService,
    private readonly accounts: FormAccounts,
    private readonly ingest: IngestService,
    private readonly storage: AttachmentStorage,
    private readonly clock: Clock,
  ) {}

  /** The form as the public sees it; 404 when it does not exist or is disabled. */
  async publicForm(slug: string): Promise<PublicForm> {
    const found = await this.forms.bySlug(slug);
    if (!found) throw new NotFoundError('form');
    return found;
  }

  async submit(slug: string, input: SubmissionInput, meta: SubmissionMeta): Promise<SubmissionReceipt> {
    const { form, organization, branches } = await this.publicForm(slug);
    const now = this.clock.now();
    const checked = checkSubmission(form, input, branches, localDate(now, organization.timeZone));
    const id = randomUUID();
    const accountId = await this.accounts.accountFor(form, checked.branchId);
    const attachments: InboundAttachment[] = await Promise.all(checked.files.map(async (file) => ({
      storageKey: await this.storage.put(file.bytes, file.contentType), fileName: file.fileName, contentType: file.contentType, size: file.bytes.length,
    })));
    const declarationText = form.declaration[input.locale] || DEFAULT_DECLARATION[input.locale];
    const message = this.compose(id, accountId, { form, organization, branches }, checked, input.locale, attachments, {
      text: declarationText, at: now, ip: checked.anonymous ? null : meta.ip,
    });
    const code = trackingCode();
    await this.dataSource.query(
      `INSERT INTO form_submissions (id, organization_id, form_id, channel_account_id, tracking_code, status, message, anonymous, locale,
         declaration_text, declared_at, declared_ip, user_agent, created_at)
       VALUES ($1, $2, $3, $4, $5, 'received', $6, $7, $8, $9, $10, $11, $12, $10)`,
      [id, organization.id, form.id, accountId, code, JSON.stringify(message), checked.anonymous, input.locale, declarationText, now, meta.ip,
        meta.userAgent?.slice(0, 300) ?? null],
    );
    const delivered = await this.deliver(id, message);
    return { reference: delivered?.reference ?? null, trackingCode: delivered?.caseCode ?? code, status: delivered ? 'ingested' : 'received', anonymous: checked.anonymous };
  }

  /** Delivers accepted submissions that have not reached the ticket stream yet (ingest was down); run every minute. */
  async deliverPending(limit = 100): Promise<number> {
    const rows: { id: string; message: InboundMessage }[] = await this.dataSource.query(
      `SELECT id, message FROM form_submissions WHERE status = 'received' AND created_at < now() - interval '30 seconds' AND attempts < 50
       ORDER BY created_at LIMIT $1`,
      [limit],
    );
    let delivered = 0;
    for (const row of rows) {
      if (await this.deliver(row.id, { ...row.message, sentAt: row.message.sentAt ? new Date(row.message.sentAt) : null })) delivered++;
    }
    return delivered;
  }

  /**
   * Ingests a stored submission and records where it went. Once ingested the
   * stored message is dropped: the ticket holds it now, under the ticket's
   * own rules (a complaint's retention among them).
   */
  private async deliver(id: string, message: InboundMessage): Promise<{ reference: string; caseCode: string | null } | null> {
    try {
      const result = await this.ingest.ingest(message);
      // An UPDATE through TypeORM answers [rows, count].
      const [rows] = await this.dataSource.query(
        `UPDATE form_submissions SET status = 'ingested', ticket_id = $2, message_id = $3, message = NULL, attempts = attempts + 1, last_error = NULL,
           ingested_at = now()
         WHERE id = $1
         RETURNING (SELECT tracking_code FROM complaint_cases WHERE ticket_id = $2) AS case_code`,
        [id, result.ticketId, result.messageId],
      );
      return { reference: result.ticketReference, caseCode: rows[0]?.case_code ?? null };
    } catch (error) {
      this.logger.warn(`form submission ${id} stored, not yet ingested: ${(error as Error).message}`);
      await this.dataSource.query(
        `UPDATE form_submissions SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, (error as Error).message.slice(0, 500)],
      ).catch(() => undefined);
      return null;
    }
  }

  private compose(
    id: string, accountId: string, { form }: PublicForm, checked: CheckedSubmission, locale: Locale, attachments: InboundAttachment[],
    declaration: { text: string; at: Date; ip: string | null },
  ): InboundMessage {
    const title = form.title[locale];
    const lines = checked.answers.filter((a) => a.key !== form.fields.find((f) => f.role === 'message')?.key).map((a) => `${a.label}: ${a.value}`);
    const files = attachments.map((a) => a.fileName);
    const text = [title, ...lines, ...(files.length ? [`${locale === 'ar' ? 'المرفقات' : 'Attachments'}: ${files.join('، ')}`] : []),
      ...(checked.message ? ['', checked.message] : [])].join('\n');
    return {
      channelKind: ChannelKind.WebForm,
      channelAccountId: accountId,
      externalId: id,
      sender: {
        name: checked.anonymous ? null : checked.name,
        gender: checked.gender,
        identities: checked.anonymous ? [anonymousIdentity(id)] : checked.identities,
      },
      subject: checked.subject ? `${title}: ${checked.subject}` : title,
      text,
      attachments,
      sentAt: declaration.at,
      typeHint: form.ticketType,
      metadata: {
        form: { id: form.id, slug: form.slug, preset: form.preset, title: form.title },
        submissionId: id,
        locale,
        anonymous: checked.anonymous,
        answers: checked.answers,
        declaration,
      },
    };
  }
}
