import { DomainError, ErrorCode } from '@inbox/core';
import { AttachmentStorage } from '@inbox/storage';
import { EmailSettings } from './email-settings';
import { DroppedAttachment, externalIdOf, StoredMailAttachment, toInboundMessage } from './inbound-mail.mapper';
import { Classification, classifyMail } from './mail-classifier';
import { parseMail, ParsedEmail, UnreadableMailError } from './mail-parser';
import { MailboxSink } from './mailbox-sink';
import { MailboxStore } from './mailbox.store';
import { replyToIds } from './threading';

export interface FetchedMail {
  uid: number;
  raw: Buffer;
  internalDate: Date | null;
}

/** A fetched mail, parsed and classified (or with the reason it could not be). */
export interface PreparedMail extends FetchedMail {
  parsed: ParsedEmail | null;
  classification: Classification | null;
  externalId: string | null;
  /** Message-IDs it answers, to wait for those fetched in the same batch. */
  answers: string[];
  unreadable: string | null;
}

export interface MailboxContext {
  account: { id: string; organizationId: string };
  folder: string;
  uidValidity: string;
  settings: EmailSettings;
  /** The installation's attachment limit (ATTACHMENT_MAX_BYTES); the account may set a lower one. */
  attachmentLimit: number;
}

export type MailOutcome = 'ingested' | 'duplicate' | 'bounce' | 'own' | 'ignored' | 'parked';

/** A failure that the same mail would meet again: park it and go on. */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof UnreadableMailError) return true;
  if (error instanceof DomainError) return error.code === ErrorCode.Invalid;
  // PostgreSQL data exceptions (class 22: bad encoding, value too long) come back for the same input every time.
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/**
 * One mail, from bytes to its effect: parked when unreadable, marks our
 * outbound message failed when it is a bounce, skipped when it is our own,
 * otherwise attachments stored (within the size limit) and the message
 * handed to ingest. Throws only what may pass on a later try (database or
 * storage down), so the connector retries the batch instead of parking.
 */
export class MailProcessor {
  constructor(private readonly storage: AttachmentStorage, private readonly store: MailboxStore, private readonly sink: MailboxSink) {}

  async prepare(mail: FetchedMail, context: MailboxContext): Promise<PreparedMail> {
    try {
      const parsed = await parseMail(mail.raw);
      return {
        ...mail, parsed, classification: classifyMail(parsed, context.settings), externalId: externalIdOf(parsed, mail.raw),
        answers: replyToIds(parsed.references, parsed.inReplyTo), unreadable: null,
      };
    } catch (error) {
      const reason = error instanceof UnreadableMailError ? error.message : `The message could not be read: ${(error as Error).message}`;
      return { ...mail, parsed: null, classification: null, externalId: null, answers: [], unreadable: reason };
    }
  }

  async handle(mail: PreparedMail, context: MailboxContext): Promise<MailOutcome> {
    if (!mail.parsed || !mail.classification || !mail.externalId) {
      await this.park(mail, context, mail.unreadable ?? 'The message could not be read');
      return 'parked';
    }
    const { parsed, classification } = mail;
    if (classification.kind === 'own') return 'own';
    if (classification.kind === 'bounce') {
      const report = classification.bounce!;
      if (!report.failed) return 'ignored';
      // A failure report for mail not sent from the inbox (a mail client, another system) is left for admins to see, never filed on a ticket.
      if (!(await this.sink.bounced(context.account.id, report.originalMessageIds, report.reason))) {
        await this.park(mail, context, `A delivery failure report for a mail not sent from the inbox: ${report.reason}`);
        return 'parked';
      }
      return 'bounce';
    }
    if ((await this.sink.known(context.account.id, [mail.externalId])).has(mail.externalId)) return 'duplicate';
    try {
      const { stored, dropped } = await this.storeAttachments(parsed, context);
      const message = toInboundMessage(parsed, classification, {
        channelAccountId: context.account.id, mailboxAddress: context.settings.address, folder: context.folder, uid: mail.uid, raw: mail.raw, attachments: stored, dropped,
      });
      const result = await this.sink.ingest(message);
      return result.duplicate ? 'duplicate' : 'ingested';
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
      await this.park(mail, context, (error as Error).message);
      return 'parked';
    }
  }

  /** Mail the connector gives up on (unreadable, too large, failing again and again), recorded for admins. */
  async park(mail: FetchedMail & { parsed?: ParsedEmail | null }, context: MailboxContext, error: string, facts: { size?: number; from?: string | null; subject?: string | null } = {}): Promise<void> {
    await this.store.park({
      organizationId: context.account.organizationId, channelAccountId: context.account.id, folder: context.folder, uidValidity: context.uidValidity,
      uid: mail.uid, messageId: mail.parsed?.messageId ?? null, sender: mail.parsed?.from?.address ?? facts.from ?? null,
      subject: mail.parsed?.subject ?? facts.subject ?? null, size: facts.size ?? mail.raw.length, error, raw: mail.raw.length ? mail.raw : null,
      receivedAt: mail.internalDate,
    });
  }

  private async storeAttachments(parsed: ParsedEmail, context: MailboxContext): Promise<{ stored: StoredMailAttachment[]; dropped: DroppedAttachment[] }> {
    const limit = Math.min(context.attachmentLimit, context.settings.maxAttachmentBytes ?? Number.POSITIVE_INFINITY);
    const stored: StoredMailAttachment[] = [];
    const dropped: DroppedAttachment[] = [];
    for (const attachment of parsed.attachments) {
      if (attachment.size > limit) {
        dropped.push({ fileName: attachment.fileName, contentType: attachment.contentType, size: attachment.size, reason: `larger than ${limit} bytes` });
        continue;
      }
      const storageKey = await this.storage.put(attachment.content, attachment.contentType);
      stored.push({
        storageKey, fileName: attachment.fileName, contentType: attachment.contentType, size: attachment.size,
        ...(attachment.contentId ? { contentId: attachment.contentId } : {}), ...(attachment.inline ? { inline: true } : {}),
      });
    }
    return { stored, dropped };
  }
}
