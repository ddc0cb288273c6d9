import MailComposer from 'nodemailer/lib/mail-composer';
import { OutboundMessage, PermanentSendError } from '@inbox/channels/contract';
import { EmailSettings, mailDomain } from './email-settings';
import { outboundMessageId, replyHeaders, replySubject } from './threading';

export interface ReplyAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

export interface ComposedMail {
  raw: Buffer;
  /** Without brackets: the external id stored on the message, which the customer's reply will quote. */
  messageId: string;
  envelope: { from: string; to: string[] };
}

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const LATIN = /[A-Za-z]/g;

/** Mostly Arabic text reads right to left; a reply with no Arabic keeps the reader's default. */
export function isRightToLeft(text: string): boolean {
  const arabic = (text.match(new RegExp(ARABIC.source, 'g')) ?? []).length;
  return arabic > 0 && arabic >= (text.match(LATIN) ?? []).length / 2;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The agent's text as HTML: paragraphs kept, direction set on the document and every block so every client honours it. */
export function replyHtml(text: string, html: string | null): string {
  const rtl = isRightToLeft(text);
  const dir = rtl ? 'rtl' : 'ltr';
  const align = rtl ? 'right' : 'left';
  const body = html ?? text.replace(/\r\n?/g, '\n').split(/\n{2,}/)
    .map((paragraph) => `<p dir="${dir}" style="margin:0 0 1em 0">${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!DOCTYPE html>\n<html dir="${dir}" lang="${rtl ? 'ar' : 'en'}"><head><meta charset="utf-8"></head>`
    + `<body dir="${dir}" style="direction:${dir};text-align:${align};font-family:Tahoma,Arial,sans-serif;font-size:14px;line-height:1.6">`
    + `<div dir="${dir}" style="direction:${dir};text-align:${align}">\n${body}\n</div></body></html>`;
}

/**
 * An agent's reply as a MIME message: From the mailbox, To the contact's
 * first email identity, our own Message-ID (the same on every retry) and
 * In-Reply-To / References from the conversation so the customer's client
 * threads it, the ticket reference in the subject so a reply that lost its
 * headers still finds the ticket, a plain-text part and an HTML part set
 * right-to-left for Arabic, and the attachments.
 */
export async function composeReply(message: OutboundMessage, settings: EmailSettings, attachments: ReplyAttachment[]): Promise<ComposedMail> {
  const to = message.recipient.identities.find((identity) => identity.kind === 'email');
  if (!to) throw new PermanentSendError('The contact has no email address to reply to');
  const messageId = outboundMessageId(message.messageId, mailDomain(settings));
  const thread = replyHeaders(message.thread);
  const composer = new MailComposer({
    from: { name: settings.displayName ?? '', address: settings.address },
    to: { name: message.recipient.name ?? '', address: to.value },
    subject: replySubject(message.ticket.subject, message.ticket.reference),
    messageId: `<${messageId}>`,
    inReplyTo: thread.inReplyTo ? `<${thread.inReplyTo}>` : undefined,
    references: thread.references.length ? thread.references.map((id) => `<${id}>`).join(' ') : undefined,
    date: new Date(),
    text: message.text,
    html: replyHtml(message.text, message.html),
    textEncoding: 'base64',
    attachments: attachments.map((attachment) => ({ filename: attachment.fileName, contentType: attachment.contentType, content: attachment.content })),
    headers: { 'X-Inbox-Ticket': message.ticket.reference },
  });
  const raw = await composer.compile().build();
  return { raw, messageId, envelope: { from: settings.address, to: [to.value] } };
}
