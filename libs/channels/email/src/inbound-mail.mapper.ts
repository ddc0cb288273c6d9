import { createHash } from 'node:crypto';
import { ChannelKind, InboundAttachment, InboundMessage } from '@inbox/channels/contract';
import { sanitizeMailHtml } from './html-sanitizer';
import { Classification } from './mail-classifier';
import { ParsedEmail, UnreadableMailError } from './mail-parser';
import { splitQuotedText } from './quoted-text';
import { isForwardSubject, replyToIds, ticketReferenceInSubject } from './threading';

/** An attachment as stored: the contract's fields, plus the Content-ID an inline image is shown by. */
export interface StoredMailAttachment extends InboundAttachment {
  contentId?: string;
  inline?: boolean;
}

export interface DroppedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  reason: string;
}

export interface MappingContext {
  channelAccountId: string;
  /** The mailbox's own address, never taken for the sender's. */
  mailboxAddress: string;
  folder: string;
  uid: number;
  raw: Buffer;
  attachments: StoredMailAttachment[];
  dropped: DroppedAttachment[];
}

/** Kept in full on the message's metadata, but not without bound. */
const FULL_TEXT_LIMIT = 200_000;

/**
 * The external id ingest dedupes on: the Message-ID, or for a mail without
 * one a digest of its bytes, so a refetch after a crash maps to the same id.
 */
export function externalIdOf(mail: ParsedEmail, raw: Buffer): string {
  return mail.messageId ?? `sha256.${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid`;
}

/** A person's email as an InboundMessage: the new part as text, the full text and headers in metadata, HTML sanitised. */
export function toInboundMessage(mail: ParsedEmail, classification: Classification, context: MappingContext): InboundMessage {
  return withoutNul(mapMessage(mail, classification, context));
}

function mapMessage(mail: ParsedEmail, classification: Classification, context: MappingContext): InboundMessage {
  if (!mail.from) throw new UnreadableMailError('The message has no sender address (From) to reply to');
  // Web forms and shared mailers write From themselves and put the person in Reply-To: replies must reach the person.
  const own = [mail.from.address.toLowerCase(), context.mailboxAddress.toLowerCase()];
  const sender = mail.replyTo.find((address) => !own.includes(address.address.toLowerCase())) ?? mail.from;
  const forward = isForwardSubject(mail.subject);
  const { newText, quoted } = splitQuotedText(mail.text, { forward });
  const sanitized = mail.html ? sanitizeMailHtml(mail.html) : null;
  // Ingest needs some text: a mail that is only a subject (or only pictures) still reads as something.
  const text = newText || mail.text.trim() || mail.subject || (context.attachments.length ? '' : '(empty message)');
  const reference = ticketReferenceInSubject(mail.subject);
  return {
    channelKind: ChannelKind.Email,
    channelAccountId: context.channelAccountId,
    externalId: externalIdOf(mail, context.raw),
    sender: { name: sender.name ?? mail.from.name, identities: [{ kind: 'email', value: sender.address }] },
    subject: mail.subject || null,
    text,
    html: sanitized?.html || null,
    attachments: context.attachments,
    sentAt: mail.date,
    // A mail threads by its headers and the reference in its subject; without them it is a new matter.
    threadHints: { replyToExternalIds: replyToIds(mail.references, mail.inReplyTo), ticketReference: reference, explicitOnly: true },
    automatic: classification.kind === 'automatic',
    metadata: {
      email: {
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo,
        references: mail.references,
        from: mail.from,
        to: mail.to,
        cc: mail.cc,
        replyTo: mail.replyTo,
        date: mail.date?.toISOString() ?? null,
        fullText: mail.text.length > FULL_TEXT_LIMIT ? mail.text.slice(0, FULL_TEXT_LIMIT) : mail.text,
        quotedText: quoted ? quoted.slice(0, FULL_TEXT_LIMIT) : null,
        forwarded: forward,
        // Automatic mail (auto-replies, lists, bulk) is shown but must never be answered automatically.
        automatic: classification.kind === 'automatic',
        automaticBecause: classification.automaticBecause ?? null,
        remoteImagesRemoved: sanitized?.remoteImagesRemoved ?? 0,
        droppedAttachments: context.dropped,
        folder: context.folder,
        uid: context.uid,
      },
    },
  };
}

/** NUL is the one character PostgreSQL text and jsonb refuse; broken mailers do send it. */
function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '') as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withoutNul(inner)])) as T;
  }
  return value;
}
