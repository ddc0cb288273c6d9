import { randomUUID } from 'node:crypto';

/**
 * Raw emails as real clients send them, built byte by byte so each charset
 * and transfer encoding is really on the wire (a mail library would
 * re-encode everything as UTF-8). Used by the unit specs and the Dovecot
 * end-to-end suites.
 */

/** Bytes of `text` in a legacy charset, by inverting the platform's decoder (every Arabic letter is in both charsets). */
export function encodeLegacy(text: string, charset: 'windows-1256' | 'iso-8859-6'): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(Uint8Array.of(byte)), byte);
  return Buffer.from([...text].map((char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${char} has no ${charset} byte`);
    return byte;
  }));
}

/** Quoted-printable (RFC 2045) of bytes, soft line breaks at 76. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split('\n')) {
    let out = '';
    let width = 0;
    for (const char of line.replace(/\r$/, '')) {
      const code = char.charCodeAt(0);
      const token = (code >= 33 && code <= 126 && char !== '=') || char === ' ' ? char : `=${code.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + token.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += token;
      width += token.length;
    }
    lines.push(out.replace(/ $/, '=20'));
  }
  return lines.join('\r\n');
}

/** RFC 2047 encoded-words. */
export const encodedWordB = (text: string, charset = 'UTF-8', bytes: Buffer = Buffer.from(text, 'utf8')) => `=?${charset}?B?${bytes.toString('base64')}?=`;
export const encodedWordQ = (bytes: Buffer, charset: string) =>
  `=?${charset}?Q?${[...bytes].map((b) => (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}?=`;

export const messageId = (domain = 'outside.test') => `<${randomUUID()}@${domain}>`;

export interface MailOptions {
  from?: string;
  to?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  date?: Date;
}

function head(options: MailOptions, contentHeaders: string[]): string {
  const lines = [
    ...(options.from === '' ? [] : [`From: ${options.from ?? '"Sender" <sender@outside.test>'}`]),
    `To: ${options.to ?? 'info@assoc.test'}`,
    `Subject: ${options.subject ?? 'Hello'}`,
    `Date: ${(options.date ?? new Date()).toUTCString()}`,
    ...(options.messageId === null ? [] : [`Message-ID: ${options.messageId ?? messageId()}`]),
    ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`] : []),
    ...(options.references ? [`References: ${options.references}`] : []),
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    ...contentHeaders,
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** text/plain in UTF-8, base64 (Gmail's choice for Arabic). */
export function utf8Base64Mail(text: string, options: MailOptions = {}): Buffer {
  const body = Buffer.from(text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(head(options, ['Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: base64']) + body + '\r\n');
}

/** text/plain in UTF-8, quoted-printable (Outlook's choice). */
export function utf8QuotedPrintableMail(text: string, options: MailOptions = {}): Buffer {
  return Buffer.from(head(options, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable']) + quotedPrintable(Buffer.from(text, 'utf8')) + '\r\n');
}

/** text/plain in a legacy Arabic charset: windows-1256 as 8bit bytes, ISO-8859-6 as quoted-printable. */
export function legacyMail(text: string, charset: 'windows-1256' | 'iso-8859-6', options: MailOptions = {}): Buffer {
  const bytes = encodeLegacy(text, charset);
  if (charset === 'windows-1256') {
    return Buffer.concat([Buffer.from(head(options, [`Content-Type: text/plain; charset=windows-1256`, 'Content-Transfer-Encoding: 8bit'])), bytes, Buffer.from('\r\n')]);
  }
  return Buffer.from(head(options, [`Content-Type: text/plain; charset=ISO-8859-6`, 'Content-Transfer-Encoding: quoted-printable']) + quotedPrintable(bytes) + '\r\n');
}

export interface FixtureAttachment {
  /** The Content-Disposition / Content-Type lines naming the file, as the sender's client wrote them. */
  nameHeaders: string[];
  contentType: string;
  content: Buffer;
  contentId?: string;
  inline?: boolean;
}

/** multipart/mixed (or related, for inline images): a text part, an optional HTML part, attachments in base64. */
export function multipartMail(parts: { text?: string; html?: string; attachments?: FixtureAttachment[] }, options: MailOptions = {}): Buffer {
  const boundary = `b-${randomUUID()}`;
  const related = parts.attachments?.some((a) => a.inline);
  const sections: string[] = [];
  const alternative = `a-${randomUUID()}`;
  const bodyPart = parts.html
    ? [`Content-Type: multipart/alternative; boundary="${alternative}"`, '',
      `--${alternative}`, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(parts.text ?? '', 'utf8').toString('base64'),
      `--${alternative}`, 'Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(parts.html, 'utf8').toString('base64'),
      `--${alternative}--`].join('\r\n')
    : ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', Buffer.from(parts.text ?? '', 'utf8').toString('base64')].join('\r\n');
  sections.push(bodyPart);
  for (const attachment of parts.attachments ?? []) {
    sections.push([
      ...attachment.nameHeaders.length ? attachment.nameHeaders : [`Content-Type: ${attachment.contentType}`],
      ...(attachment.contentId ? [`Content-ID: <${attachment.contentId}>`] : []),
      'Content-Transfer-Encoding: base64', '',
      attachment.content.toString('base64').replace(/.{76}/g, '$&\r\n'),
    ].join('\r\n'));
  }
  const type = related ? `multipart/related; boundary="${boundary}"` : `multipart/mixed; boundary="${boundary}"`;
  return Buffer.from(head(options, [`Content-Type: ${type}`]) + sections.map((section) => `--${boundary}\r\n${section}\r\n`).join('') + `--${boundary}--\r\n`);
}

/** A delivery status notification (RFC 3464) for a mail we sent, as Postfix writes it. */
export function bounceMail(originalMessageId: string, failedRecipient: string, options: MailOptions = {}): Buffer {
  const boundary = `r-${randomUUID()}`;
  const parts = [
    ['Content-Type: text/plain; charset=us-ascii', '', 'This is the mail system at host mx.outside.test.', '', "I'm sorry to have to inform you that your message could not", 'be delivered to one or more recipients.'].join('\r\n'),
    ['Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.outside.test', '', `Final-Recipient: rfc822; ${failedRecipient}`, `Original-Recipient: rfc822;${failedRecipient}`,
      'Action: failed', 'Status: 5.1.1', `Diagnostic-Code: smtp; 550 5.1.1 <${failedRecipient}>: Recipient address rejected: User unknown`].join('\r\n'),
    ['Content-Type: text/rfc822-headers', '', `From: info@assoc.test`, `To: ${failedRecipient}`, `Subject: Re: something`, `Message-ID: ${originalMessageId}`].join('\r\n'),
  ];
  return Buffer.from(head({ from: 'MAILER-DAEMON@mx.outside.test (Mail Delivery System)', subject: 'Undelivered Mail Returned to Sender', ...options, headers: { 'Auto-Submitted': 'auto-replied', ...(options.headers ?? {}) } },
    [`Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`])
    + parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--\r\n`);
}
