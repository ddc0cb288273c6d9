import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import { messageIdList, normalizeMessageId } from './threading';

export interface MailAddress {
  address: string;
  name: string | null;
}

export interface MailAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
  size: number;
  /** Content-ID without brackets, when the HTML shows it inline as `cid:`. */
  contentId: string | null;
  inline: boolean;
}

/** One email as the channel needs it, decoded whatever its charsets and transfer encodings. */
export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: Date | null;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
  /** A header's first value as text, by lower-case name; null when absent. */
  header(name: string): string | null;
}

/** A mail that cannot be read at all: parked with this message. */
export class UnreadableMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableMailError';
  }
}

const addresses = (value: AddressObject | AddressObject[] | undefined): MailAddress[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((group) => group.value)
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .filter((entry) => entry.address)
    .map((entry) => ({ address: entry.address!.trim(), name: entry.name?.trim() || null }));

function headerText(parsed: ParsedMail, name: string): string | null {
  const value = parsed.headers.get(name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object' && 'value' in value) {
    const inner = (value as { value: unknown }).value;
    return typeof inner === 'string' ? inner : (value as { text?: string }).text ?? null;
  }
  return String(value);
}

/**
 * mailparser (iconv-lite underneath) decodes every charset senders use —
 * UTF-8, windows-1256, ISO-8859-6 — in quoted-printable or base64 bodies and
 * RFC 2047 / RFC 2231 encoded subjects, names and file names. `cid:` links
 * stay as they are (the images are stored as attachments), delivery-status
 * reports stay separate parts so bounces can be read.
 */
export async function parseMail(raw: Buffer): Promise<ParsedEmail> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true, skipTextLinks: true, keepDeliveryStatus: true, maxHtmlLengthToParse: 5_000_000 });
  } catch (error) {
    throw new UnreadableMailError(`The message could not be parsed: ${(error as Error).message}`);
  }
  if (parsed.headers.size === 0) throw new UnreadableMailError('The message has no headers');
  const from = addresses(parsed.from)[0] ?? null;
  return {
    messageId: normalizeMessageId(parsed.messageId),
    inReplyTo: messageIdList(parsed.inReplyTo)[0] ?? null,
    references: messageIdList(parsed.references),
    from,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: (parsed.subject ?? '').replace(/\s+/g, ' ').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' && parsed.html.trim() ? parsed.html : null,
    attachments: parsed.attachments.map((attachment, index) => ({
      fileName: (attachment.filename ?? '').trim() || defaultName(attachment.contentType, index),
      contentType: attachment.contentType || 'application/octet-stream',
      content: attachment.content,
      size: attachment.size ?? attachment.content.length,
      contentId: attachment.cid?.trim() || null,
      inline: Boolean(attachment.related),
    })),
    header: (name) => headerText(parsed, name.toLowerCase()),
  };
}

function defaultName(contentType: string, index: number): string {
  if (contentType === 'message/rfc822') return `message-${index + 1}.eml`;
  if (contentType === 'text/rfc822-headers') return `headers-${index + 1}.txt`;
  if (contentType === 'message/delivery-status') return `delivery-status-${index + 1}.txt`;
  const extension = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `attachment-${index + 1}.${extension}`;
}
