import { MailAttachment, ParsedEmail } from './mail-parser';
import { isOurMessageId, messageIdList, normalizeMessageId } from './threading';

/**
 * What kind of mail this is, for loop and noise protection:
 * - `own`: sent from the mailbox's own address (a copy of our reply, a rule forwarding to itself): not ingested.
 * - `bounce`: a delivery failure report: marks the outbound message it reports on, not ingested.
 * - `automatic`: an auto-reply, out-of-office, list or bulk mail: ingested, flagged so nothing ever answers it automatically.
 * - `person`: a person wrote.
 */
export type MailKind = 'own' | 'bounce' | 'automatic' | 'person';

export interface BounceReport {
  /** Action: failed (or a failure notice without a report). A delay notice is a bounce that fails nothing. */
  failed: boolean;
  /** Message-IDs of the mail that could not be delivered, ours first. */
  originalMessageIds: string[];
  recipient: string | null;
  /** Plain words for the agent: the status and the remote server's answer. */
  reason: string;
}

export interface Classification {
  kind: MailKind;
  bounce?: BounceReport;
  /** Why it was taken for automatic, e.g. `Auto-Submitted: auto-replied`. */
  automaticBecause?: string;
}

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const FAILURE_SUBJECT = /(undeliver|not delivered|delivery (status notification|failure|has failed)|returned mail|failure notice|mail delivery failed|delivery failure|رسالة غير مسلمة|تعذر التسليم|لم يتم تسليم|فشل التسليم)/i;
const AUTO_SUBJECT = /^((auto(matic)?[ -]?(reply|response)|out of (the )?office|absence)\b|رد تلقائي|الرد التلقائي|خارج المكتب)/i;

export function classifyMail(mail: ParsedEmail, mailbox: { address: string }): Classification {
  const from = mail.from?.address.toLowerCase() ?? null;
  if (from && from === mailbox.address.toLowerCase()) return { kind: 'own' };
  if (isOurMessageId(mail.messageId) && from === null) return { kind: 'own' };

  const contentType = (mail.header('content-type') ?? '').toLowerCase();
  const isReport = contentType.startsWith('multipart/report') || mail.attachments.some((a) => a.contentType === 'message/delivery-status');
  const fromDaemon = Boolean(from && DAEMON.test(from));
  if (isReport && mail.attachments.some((a) => a.contentType === 'message/delivery-status')) return { kind: 'bounce', bounce: readReport(mail) };
  if ((fromDaemon && FAILURE_SUBJECT.test(mail.subject)) || mail.header('x-failed-recipients')) return { kind: 'bounce', bounce: readNotice(mail) };

  const autoSubmitted = mail.header('auto-submitted');
  if (autoSubmitted && autoSubmitted.trim().toLowerCase() !== 'no') return { kind: 'automatic', automaticBecause: `Auto-Submitted: ${autoSubmitted.trim()}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    if (mail.header(name) !== null) return { kind: 'automatic', automaticBecause: name };
  }
  const precedence = mail.header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return { kind: 'automatic', automaticBecause: `Precedence: ${precedence}` };
  if (mail.header('list-id') !== null) return { kind: 'automatic', automaticBecause: 'List-Id' };
  if (AUTO_SUBJECT.test(mail.subject)) return { kind: 'automatic', automaticBecause: 'subject' };
  if (fromDaemon) return { kind: 'automatic', automaticBecause: 'mailer daemon' };
  return { kind: 'person' };
}

/** RFC 3464: one or more per-recipient blocks with Action, Status and Diagnostic-Code. */
function readReport(mail: ParsedEmail): BounceReport {
  const status = mail.attachments.filter((a) => a.contentType === 'message/delivery-status').map((a) => a.content.toString('utf8')).join('\n\n');
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, 'im').exec(status)?.[1]?.replace(/\s+/g, ' ').trim() ?? null;
  const action = field('Action')?.toLowerCase() ?? null;
  const code = field('Status');
  const diagnostic = field('Diagnostic-Code')?.replace(/^smtp;\s*/i, '') ?? null;
  const recipient = field('Final-Recipient')?.replace(/^rfc822;\s*/i, '') ?? field('Original-Recipient')?.replace(/^rfc822;\s*/i, '') ?? null;
  const failed = action ? action.startsWith('failed') : Boolean(code && code.startsWith('5'));
  return { failed, originalMessageIds: originals(mail), recipient, reason: describe(recipient, code, diagnostic) };
}

/** A failure notice without a machine-readable report (qmail, older Exim): the text is all there is. */
function readNotice(mail: ParsedEmail): BounceReport {
  const recipient = mail.header('x-failed-recipients')?.split(',')[0]?.trim() ?? null;
  const remote = /\b([45]\d\d[ -][45]\.\d{1,3}\.\d{1,3}\b.{0,200}|[45]\d\d .{5,200})/.exec(mail.text)?.[1]?.trim() ?? null;
  return { failed: true, originalMessageIds: originals(mail), recipient, reason: describe(recipient, null, remote) };
}

function describe(recipient: string | null, code: string | null, diagnostic: string | null): string {
  const who = recipient ? `to ${recipient} ` : '';
  const answer = diagnostic ?? (code ? `status ${code}` : 'no reason given');
  return `The email ${who}could not be delivered: ${answer}`.slice(0, 1000);
}

const OUR_ID_IN_TEXT = /<?(inbox\.[0-9a-f-]{36}@[^\s<>]+?)>?(?=[\s>]|$)/gi;

/** The returned mail's Message-ID: from the attached original or its headers, else any of our ids quoted in the text. */
function originals(mail: ParsedEmail): string[] {
  const ids: string[] = [];
  for (const part of mail.attachments.filter(isOriginal)) {
    const headers = part.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
    const match = /^message-id:\s*(.+(?:\r?\n[ \t].+)*)/im.exec(headers);
    const id = normalizeMessageId(match?.[1]);
    if (id) ids.push(id);
  }
  for (const match of mail.text.matchAll(OUR_ID_IN_TEXT)) ids.push(match[1]!);
  ids.push(...mail.references, ...messageIdList(mail.inReplyTo));
  const unique = [...new Set(ids)];
  return [...unique.filter(isOurMessageId), ...unique.filter((id) => !isOurMessageId(id))];
}

const isOriginal = (part: MailAttachment) => part.contentType === 'message/rfc822' || part.contentType === 'text/rfc822-headers';
