import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, ConflictError, hijriYear, InvalidError, NotFoundError } from '@inbox/core';
import { ChannelKind, SenderIdentityKind } from '@inbox/channels/contract';
import { normalizeEmail, normalizeNationalId, normalizePhone } from '@inbox/contacts';
import { IngestService } from '@inbox/ingest';
import { AttachmentStorage } from '@inbox/storage';
import { Actor } from '@inbox/tenancy';
import { TicketsService } from '@inbox/tickets';
import { LetterAccounts } from './letter-accounts';
import { letterDates, LetterLocale, localDate, middayOf } from './letter-dates';
import { letterHtml } from './letter-html';
import { LetterPdfRenderer } from './letter-pdf.renderer';
import { LetterDirection, nextLetterNumber } from './letter-register';
import { LetterSettings, LetterSettingsService } from './letter-settings.service';
import { fillTemplate, LetterFacts } from './letter-template';
import { scanContentType, sniffScan } from './scan-sniffer';
import { LetterAttachment, TicketLetterMessages } from './ticket-letter-messages';

export interface IncomingLetterInput {
  branchId?: string | null;
  /** The date written on the letter (YYYY-MM-DD); today by default. */
  letterDate?: string;
  sender: string;
  senderReference?: string | null;
  subject: string;
  attachmentsCount: number;
  /** Who the letter is from, as a contact: an existing one, or by phone, email or national id. */
  contactId?: string;
  contactName?: string;
  phone?: string;
  email?: string;
  nationalId?: string;
  ticketId?: string;
  notes?: string;
  pages: { fileName: string; bytes: Buffer }[];
}

export interface OutgoingLetterInput {
  ticketId: string;
  templateId?: string;
  locale?: LetterLocale;
  subject?: string;
  body?: string;
  recipient?: { name?: string; address?: string };
  attachmentsCount?: number;
  branchId?: string | null;
  senderTitle?: string;
}

export interface DispatchInput {
  method: 'hand' | 'post' | 'email';
  at?: Date;
  /** For email: which of the contact's addresses (their first by default). */
  identityId?: string;
}

export interface Letter {
  id: string;
  direction: LetterDirection;
  number: string;
  displayNumber: string;
  branchId: string | null;
  letterDate: string;
  hijriDate: string;
  correspondent: string;
  correspondentReference: string | null;
  subject: string;
  attachmentsCount: number;
  pages: LetterAttachment[];
  contactId: string | null;
  ticketId: string | null;
  messageId: string | null;
  locale: LetterLocale | null;
  pdf: LetterAttachment | null;
  dispatchMethod: string | null;
  dispatchedAt: Date | null;
  emailedMessageId: string | null;
  createdAt: Date;
}

const columns = (l: string) => `${l}.id, ${l}.direction, ${l}.number, ${l}.branch_id AS "branchId", to_char(${l}.letter_date, 'YYYY-MM-DD') AS "letterDate",
  ${l}.hijri_date AS "hijriDate", ${l}.correspondent, ${l}.correspondent_reference AS "correspondentReference", ${l}.subject,
  ${l}.attachments_count AS "attachmentsCount", ${l}.pages, ${l}.contact_id AS "contactId", ${l}.ticket_id AS "ticketId", ${l}.message_id AS "messageId",
  ${l}.locale, ${l}.pdf, ${l}.dispatch_method AS "dispatchMethod", ${l}.dispatched_at AS "dispatchedAt", ${l}.emailed_message_id AS "emailedMessageId",
  ${l}.created_at AS "createdAt"`;
const PAGES = { count: 20, bytes: 10 * 1024 * 1024 };

/**
 * The correspondence register. Incoming letters are numbered, their scanned
 * pages stored, and they reach the ticket stream through ingest like any
 * message. Outgoing letters are written from a template, numbered, printed
 * to PDF by Chromium on the letterhead, and put on their ticket; then
 * dispatched by hand, post or email.
 */
@Injectable()
export class LettersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: LetterSettingsService,
    private readonly accounts: LetterAccounts,
    private readonly messages: TicketLetterMessages,
    private readonly renderer: LetterPdfRenderer,
    private readonly ingest: IngestService,
    private readonly tickets: TicketsService,
    private readonly storage: AttachmentStorage,
    private readonly clock: Clock,
  ) {}

  async registerIncoming(actor: Actor, input: IncomingLetterInput): Promise<Letter> {
    const sender = await this.senderOf(actor, input);
    const ticket = input.ticketId ? await this.tickets.visibleTicket(actor, input.ticketId) : null;
    const pages = await this.storePages(input.pages);
    const org = await this.organization(actor.organizationId);
    const now = this.clock.now();
    const date = input.letterDate ?? localDate(now, org.timeZone);
    const id = randomUUID();
    const registered = await this.dataSource.transaction(async (manager) => {
      const branchId = await this.branchOf(manager, actor, input.branchId);
      const settings = await this.settings.get(actor.organizationId);
      const { scope, year, sequence, number } = await this.number(manager, actor.organizationId, settings, branchId, 'incoming', now, org.timeZone);
      const hijri = letterDates(middayOf(date), 'ar', org.timeZone).hijri;
      await manager.query(
        `INSERT INTO letters (id, organization_id, branch_id, direction, scope, year, sequence, number, letter_date, hijri_date, correspondent, correspondent_reference,
           subject, attachments_count, pages, created_by)
         VALUES ($1, $2, $3, 'incoming', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [id, actor.organizationId, branchId, scope, year, sequence, number, date, hijri, input.sender, input.senderReference ?? null, input.subject,
          input.attachmentsCount, JSON.stringify(pages), actor.userId],
      );
      return { branchId, number, hijri, account: await this.accounts.accountFor(manager, actor.organizationId, branchId), prefix: settings.incomingPrefix };
    });
    const lines = [
      `خطاب وارد رقم ${registered.number} بتاريخ ${registered.hijri} من ${input.sender}${input.senderReference ? ` (مرجعهم ${input.senderReference})` : ''}`,
      `الموضوع: ${input.subject}`, `عدد المرفقات: ${input.attachmentsCount}`, ...(input.notes?.trim() ? ['', input.notes.trim()] : []),
    ];
    const result = await this.ingest.ingest({
      channelKind: ChannelKind.Letter, channelAccountId: registered.account, externalId: `letter:${id}`,
      sender: { name: sender.name, identities: sender.identities }, subject: input.subject, text: lines.join('\n'), attachments: pages, sentAt: middayOf(date),
      threadHints: ticket ? { ticketReference: ticket.reference } : undefined,
      metadata: {
        letter: {
          id, direction: 'incoming', number: registered.number, prefix: registered.prefix, date, hijriDate: registered.hijri, sender: input.sender,
          senderReference: input.senderReference ?? null, attachmentsCount: input.attachmentsCount, pages: pages.length,
        },
      },
    });
    await this.dataSource.query(
      `UPDATE letters SET ticket_id = $2, message_id = $3, contact_id = $4, updated_at = now() WHERE id = $1`, [id, result.ticketId, result.messageId, result.contactId],
    );
    return this.get(actor, id);
  }

  async issueOutgoing(actor: Actor, input: OutgoingLetterInput): Promise<Letter> {
    const visible = await this.tickets.visibleTicket(actor, input.ticketId);
    const template = input.templateId ? await this.settings.template(actor.organizationId, input.templateId) : null;
    const locale: LetterLocale = input.locale ?? template?.locale ?? 'ar';
    const subjectText = input.subject ?? template?.subject;
    const bodyText = input.body ?? template?.body;
    if (!subjectText?.trim()) throw new InvalidError('subject', 'A letter needs a subject (or a template that has one)');
    if (!bodyText?.trim()) throw new InvalidError('body', 'A letter needs a body (or a template that has one)');
    const [contact] = await this.dataSource.query(`SELECT id, name FROM contacts WHERE id = $1`, [visible.contactId]);
    const recipientName = input.recipient?.name?.trim() || contact?.name?.trim();
    if (!recipientName) throw new InvalidError('recipient.name', 'Name the recipient: the contact has no name');
    const org = await this.organization(actor.organizationId);
    const settings = await this.settings.get(actor.organizationId);
    const logo = await this.settings.logoDataUrl(settings);
    const [author] = await this.dataSource.query(`SELECT name FROM users WHERE id = $1`, [actor.userId]);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.messages.lockTicket(manager, actor.organizationId, visible.id);
      if (!ticket) throw new NotFoundError('ticket');
      const now = this.clock.now();
      const branchId = input.branchId !== undefined ? await this.branchOf(manager, actor, input.branchId) : (visible.branchId ?? await this.branchOf(manager, actor, undefined));
      const { scope, year, sequence, number } = await this.number(manager, actor.organizationId, settings, branchId, 'outgoing', now, org.timeZone);
      const date = localDate(now, org.timeZone);
      const dates = letterDates(middayOf(date), locale, org.timeZone);
      const attachmentsCount = input.attachmentsCount ?? 0;
      const facts: LetterFacts = {
        recipient: { name: recipientName }, contact: { name: contact?.name ?? recipientName }, ticket: { reference: ticket.reference },
        letter: { number, date: dates.hijri, gregorianDate: dates.gregorian, attachments: String(attachmentsCount) },
        organization: { name: locale === 'ar' ? org.nameAr : org.nameEn }, sender: { name: author?.name ?? '' },
      };
      const subject = fillTemplate(subjectText, facts);
      const body = fillTemplate(bodyText, facts);
      const pdfBytes = await this.renderer.render(letterHtml({
        locale, organization: { nameAr: org.nameAr, nameEn: org.nameEn },
        letterhead: { lines: settings.letterheadLines, footer: settings.footer, logoDataUrl: logo },
        number: `${settings.outgoingPrefix} ${number}`, dates, attachmentsCount, recipient: { name: recipientName, address: input.recipient?.address ?? null },
        subject, body, sender: { name: author?.name ?? '', title: input.senderTitle ?? null },
      }));
      const pdf: LetterAttachment = {
        storageKey: await this.storage.put(pdfBytes, 'application/pdf'), fileName: `letter-${number.replace('/', '-')}.pdf`, contentType: 'application/pdf', size: pdfBytes.length,
      };
      const account = await this.accounts.accountFor(manager, actor.organizationId, branchId);
      await manager.query(
        `INSERT INTO letters (id, organization_id, branch_id, direction, scope, year, sequence, number, letter_date, hijri_date, correspondent, subject,
           attachments_count, contact_id, ticket_id, template_id, locale, body, pdf, created_by)
         VALUES ($1, $2, $3, 'outgoing', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
        [id, actor.organizationId, branchId, scope, year, sequence, number, date, letterDates(middayOf(date), 'ar', org.timeZone).hijri, recipientName, subject,
          attachmentsCount, contact?.id ?? null, ticket.id, template?.id ?? null, locale, body, pdf, actor.userId],
      );
      const messageId = await this.messages.append(manager, ticket, {
        channelAccountId: account, author: { id: actor.userId, name: author?.name ?? '' }, body: `${subject}\n\n${body}`, attachments: [pdf], queue: false,
        metadata: { letter: { id, direction: 'outgoing', number, prefix: settings.outgoingPrefix, date, hijriDate: dates.hijri, attachmentsCount } },
      }, now);
      await manager.query(`UPDATE letters SET message_id = $2 WHERE id = $1`, [id, messageId]);
    });
    return this.get(actor, id);
  }

  async dispatch(actor: Actor, id: string, input: DispatchInput): Promise<Letter> {
    const letter = await this.get(actor, id);
    if (letter.direction !== 'outgoing' || !letter.ticketId || !letter.messageId || !letter.pdf) throw new InvalidError('id', 'Only an outgoing letter is dispatched');
    if (letter.dispatchedAt) throw new ConflictError(`This letter was dispatched (${letter.dispatchMethod}) already`);
    const at = input.at ?? this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.messages.lockTicket(manager, actor.organizationId, letter.ticketId!);
      if (!ticket) throw new NotFoundError('ticket');
      let emailed: string | null = null;
      if (input.method === 'email') {
        const route = await this.emailRoute(manager, actor.organizationId, letter.contactId, input.identityId);
        const [author] = await manager.query(`SELECT name FROM users WHERE id = $1`, [actor.userId]);
        emailed = await this.messages.append(manager, ticket, {
          channelAccountId: route.accountId, author: { id: actor.userId, name: author?.name ?? '' }, attachments: [letter.pdf!], queue: true,
          body: `${letter.locale === 'en' ? 'Please find attached our letter' : 'تجدون مرفقًا خطابنا رقم'} ${letter.number}: ${letter.subject}`,
          metadata: { toIdentityId: route.identityId, letter: { id: letter.id, number: letter.number } },
        }, at);
      }
      await this.messages.markDispatched(manager, ticket, letter.messageId!, at, input.method);
      await manager.query(
        `UPDATE letters SET dispatch_method = $2, dispatched_at = $3, emailed_message_id = $4, updated_at = now() WHERE id = $1`, [id, input.method, at, emailed],
      );
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, query: { direction?: LetterDirection; year?: number; limit: number }): Promise<Letter[]> {
    const rows: (Letter & { t_confidential: boolean | null; t_team: string | null; t_assignee: string | null })[] = await this.dataSource.query(
      `SELECT ${columns('l')}, t.confidential AS t_confidential, t.team_id AS t_team, t.assignee_id AS t_assignee
       FROM letters l LEFT JOIN tickets t ON t.id = l.ticket_id
       WHERE l.organization_id = $1 AND ($2::text IS NULL OR l.direction = $2) AND ($3::int IS NULL OR l.year = $3)
       ORDER BY l.created_at DESC, l.id DESC LIMIT $4`,
      [actor.organizationId, query.direction ?? null, query.year ?? null, query.limit * 2],
    );
    const visible = await Promise.all(rows.map((r) => !r.ticketId || this.tickets.canSee(actor, { id: r.ticketId, confidential: Boolean(r.t_confidential), teamId: r.t_team, assigneeId: r.t_assignee })));
    const settings = await this.settings.get(actor.organizationId);
    return rows.filter((_, i) => visible[i]).slice(0, query.limit).map(({ t_confidential: _c, t_team: _t, t_assignee: _a, ...letter }) => this.display(letter, settings));
  }

  async get(actor: Actor, id: string): Promise<Letter> {
    const [row] = await this.dataSource.query(`SELECT ${columns('letters')} FROM letters WHERE id = $1 AND organization_id = $2`, [id, actor.organizationId]);
    if (!row) throw new NotFoundError('letter');
    if (row.ticketId) await this.tickets.visibleTicket(actor, row.ticketId).catch(() => { throw new NotFoundError('letter'); });
    return this.display(row, await this.settings.get(actor.organizationId));
  }

  async pdf(actor: Actor, id: string): Promise<{ bytes: Buffer; fileName: string }> {
    const letter = await this.get(actor, id);
    if (!letter.pdf) throw new NotFoundError('letter PDF');
    return { bytes: await this.storage.get(letter.pdf.storageKey), fileName: letter.pdf.fileName };
  }

  private display(letter: Omit<Letter, 'displayNumber'> & { displayNumber?: string }, settings: LetterSettings): Letter {
    return { ...letter, displayNumber: `${letter.direction === 'incoming' ? settings.incomingPrefix : settings.outgoingPrefix} ${letter.number}` };
  }

  private async number(manager: EntityManager, organizationId: string, settings: LetterSettings, branchId: string | null, direction: LetterDirection, now: Date, timeZone: string) {
    const scope = settings.numberPerBranch && branchId ? branchId : organizationId;
    const year = hijriYear(now, timeZone);
    return { scope, year, ...(await nextLetterNumber(manager, organizationId, scope, direction, year)) };
  }

  /** The letter's branch: the one given (of this organization), else the user's own. */
  private async branchOf(manager: EntityManager, actor: Actor, given: string | null | undefined): Promise<string | null> {
    if (given) {
      const [branch] = await manager.query(`SELECT id FROM branches WHERE id = $1 AND organization_id = $2`, [given, actor.organizationId]);
      if (!branch) throw new InvalidError('branchId', 'No such branch');
      return branch.id;
    }
    if (given === null) return null;
    const [user] = await manager.query(`SELECT branch_id FROM users WHERE id = $1`, [actor.userId]);
    return user?.branch_id ?? null;
  }

  private async senderOf(actor: Actor, input: IncomingLetterInput): Promise<{ name: string | null; identities: { kind: SenderIdentityKind; value: string }[] }> {
    if (input.contactId) {
      const identities = await this.dataSource.query(
        `SELECT i.kind, i.value FROM contact_identities i JOIN contacts c ON c.id = i.contact_id WHERE c.id = $1 AND c.organization_id = $2 ORDER BY i.created_at LIMIT 1`,
        [input.contactId, actor.organizationId],
      );
      if (!identities.length) throw new InvalidError('contactId', 'No such contact, or it has no phone, email or id to file the letter under');
      return { name: input.contactName ?? null, identities };
    }
    const identities: { kind: SenderIdentityKind; value: string }[] = [];
    if (input.phone) identities.push({ kind: 'phone', value: normalizePhone(input.phone, 'phone') });
    if (input.email) identities.push({ kind: 'email', value: normalizeEmail(input.email, 'email') });
    if (input.nationalId) identities.push({ kind: 'national_id', value: normalizeNationalId(input.nationalId, 'nationalId') });
    if (!identities.length) throw new InvalidError('contactId', 'Say who the letter is from: a contact, or their phone, email or national id');
    return { name: input.contactName?.trim() || input.sender, identities };
  }

  private async storePages(pages: IncomingLetterInput['pages']): Promise<LetterAttachment[]> {
    if (pages.length > PAGES.count) throw new InvalidError('pages', `At most ${PAGES.count} scanned files`);
    const checked = pages.map((page, index) => {
      const kind = sniffScan(page.bytes);
      if (!kind) throw new InvalidError(`pages.${index}`, `${page.fileName} is not a PDF, JPEG or PNG`);
      if (page.bytes.length > PAGES.bytes) throw new InvalidError(`pages.${index}`, `${page.fileName} is larger than ${PAGES.bytes / 1024 / 1024} MB`);
      return { page, kind };
    });
    return Promise.all(checked.map(async ({ page, kind }) => ({
      storageKey: await this.storage.put(page.bytes, scanContentType(kind)), fileName: page.fileName.split(/[\\/]/).pop()!.slice(0, 120) || `page.${kind}`,
      contentType: scanContentType(kind), size: page.bytes.length,
    })));
  }

  private async emailRoute(manager: EntityManager, organizationId: string, contactId: string | null, identityId?: string): Promise<{ accountId: string; identityId: string }> {
    const [identity] = await manager.query(
      `SELECT id FROM contact_identities WHERE contact_id = $1 AND kind = 'email' AND ($2::uuid IS NULL OR id = $2) ORDER BY created_at LIMIT 1`,
      [contactId, identityId ?? null],
    );
    if (!identity) throw new InvalidError('identityId', 'The contact has no email address to send the letter to');
    const [account] = await manager.query(
      `SELECT id FROM channel_accounts WHERE organization_id = $1 AND kind = 'email' AND enabled ORDER BY created_at LIMIT 1`, [organizationId],
    );
    if (!account) throw new InvalidError('method', 'The association has no email channel to send letters from');
    return { accountId: account.id, identityId: identity.id };
  }

  private async organization(id: string): Promise<{ nameAr: string; nameEn: string; timeZone: string }> {
    const [org] = await this.dataSource.query(`SELECT name_ar, name_en, time_zone FROM organizations WHERE id = $1`, [id]);
    return { nameAr: org.name_ar, nameEn: org.name_en, timeZone: org.time_zone };
  }
}
