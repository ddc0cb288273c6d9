/**
 * Email threading, as pure functions. Inbound, the Message-IDs a mail answers
 * (References, then In-Reply-To) and the ticket reference in its subject
 * become the InboundMessage's thread hints; ingest looks them up against the
 * Message-IDs stored on messages (ours and theirs) in that order. Subjects are
 * never compared: two people writing "استفسار" are two conversations.
 */

/** Angle brackets and spaces off, so `<a@b>` and `a@b` are the same stored external id. Case is kept: the local part is case-sensitive. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /<([^<>\s]+)>/.exec(value);
  const id = (match ? match[1]! : value).trim().replace(/^<|>$/g, '');
  return id && id.length <= 500 && !/\s/.test(id) ? id : null;
}

/** Every id in a References or In-Reply-To header, in order (mailparser gives a string or a list). */
export function messageIdList(value: string | string[] | null | undefined): string[] {
  const raw = Array.isArray(value) ? value.join(' ') : value ?? '';
  const bracketed = raw.match(/<[^<>\s]+>/g);
  const ids = bracketed ? bracketed.map(normalizeMessageId) : raw.split(/\s+/).map(normalizeMessageId);
  return ids.filter((id): id is string => Boolean(id && id.includes('@')));
}

/**
 * The ids a mail answers, for ingest to find its ticket. References first,
 * most recent last as the header lists them, then In-Reply-To; duplicates
 * dropped. Ingest takes the newest stored message among them, so the order
 * only matters for the cap: a long References list keeps its first id (the
 * thread's root) and its most recent ones.
 */
export function replyToIds(references: string | string[] | null | undefined, inReplyTo: string | null | undefined, cap = 50): string[] {
  const ids = [...messageIdList(references), ...messageIdList(inReplyTo)];
  const unique = [...new Set(ids)];
  return unique.length <= cap ? unique : [unique[0]!, ...unique.slice(unique.length - cap + 1)];
}

const REFERENCE_IN_SUBJECT = /\[#\s*(T-\d{4}-\d{4,})\s*\]/i;

/** `[#T-1446-0012]` in a subject, as people and their clients keep it when replying. */
export function ticketReferenceInSubject(subject: string | null | undefined): string | null {
  const match = subject ? REFERENCE_IN_SUBJECT.exec(subject) : null;
  return match ? match[1]!.toUpperCase() : null;
}

/** Re:, Fwd:, their Arabic forms and repeats, as clients stack them. */
const PREFIX = /^\s*((re|fw|fwd|aw|sv|tr|رد|إعادة توجيه|اعادة توجيه|تحويل|توجيه)\s*(\[\d+\])?\s*[:：]\s*)+/i;

export function isForwardSubject(subject: string | null | undefined): boolean {
  const match = subject ? PREFIX.exec(subject) : null;
  return Boolean(match && /(fw|fwd|tr|توجيه|تحويل)/i.test(match[0]));
}

/** The subject of our reply: `Re: <ticket subject> [#<reference>]`, the reference never doubled. */
export function replySubject(ticketSubject: string, reference: string): string {
  const bare = ticketSubject.replace(/\s*\[#\s*T-\d{4}-\d{4,}\s*\]\s*/gi, ' ').replace(PREFIX, '').replace(/\s+/g, ' ').trim();
  return `Re: ${bare ? `${bare} ` : ''}[#${reference}]`;
}

/**
 * In-Reply-To and References for our reply from the conversation's stored
 * external ids (oldest first). Ids of other channels (WhatsApp, API) are not
 * Message-IDs and are left out; References keeps the root and the last 19,
 * as RFC 5322 suggests trimming long chains.
 */
export function replyHeaders(thread: { inReplyTo: string | null; references: string[] }): { inReplyTo: string | null; references: string[] } {
  const ids = thread.references.filter((id) => id.includes('@') && !/\s/.test(id));
  const references = ids.length <= 20 ? ids : [ids[0]!, ...ids.slice(-19)];
  const inReplyTo = thread.inReplyTo && thread.inReplyTo.includes('@') ? thread.inReplyTo : references[references.length - 1] ?? null;
  return { inReplyTo, references };
}

/** Our Message-ID for an outbound message: one per message, the same on every retry, under the mailbox's domain. */
export function outboundMessageId(messageId: string, domain: string): string {
  return `inbox.${messageId}@${domain}`;
}

const OURS = /^inbox\.[0-9a-f-]{36}@/i;

export const isOurMessageId = (id: string | null | undefined): boolean => Boolean(id && OURS.test(id));
