import { Logger } from '@nestjs/common';
import { FetchMessageObject, ImapFlow } from 'imapflow';
import { FetchedMail, MailboxContext, MailProcessor, PreparedMail } from './mail.processor';

/** UIDs asked about at once: sizes and dates first, then the sources that fit. */
const CHUNK = 200;
/** Sources fetched at once, in bytes, so a run of big mails never sits in memory together. */
const GROUP_BYTES = 24 * 1024 * 1024;
/** A mail bigger than this is parked without being downloaded. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;
/** Mails handled at once: ingest gathers them into batches of its own. */
const CONCURRENCY = 16;
/** Tries at a mail whose failure does not look like its own fault before it is parked anyway. */
const ATTEMPTS = 3;

/**
 * Fetches and handles a list of UIDs in order, in chunks. Within a chunk,
 * mails are handled concurrently except that a reply waits for the mail it
 * answers when both arrived together, so threading never depends on timing.
 * After each chunk the mark moves to its last UID: a crash loses at most one
 * chunk's progress, which the next run sees again and ingest dedupes.
 */
export class MailboxBatch {
  constructor(
    private readonly client: ImapFlow,
    private readonly processor: MailProcessor,
    private readonly context: MailboxContext,
    private readonly failures: Map<number, number>,
    private readonly logger: Logger,
  ) {}

  /** Answers the internal date of the last mail handled. */
  async process(uids: number[], mark: (lastUid: number, lastSeenAt: Date | null) => Promise<void>): Promise<Date | null> {
    let lastSeenAt: Date | null = null;
    for (let start = 0; start < uids.length; start += CHUNK) {
      const chunk = uids.slice(start, start + CHUNK);
      const facts = (await this.client.fetchAll(chunk.join(','), { uid: true, size: true, internalDate: true, envelope: true }, { uid: true }))
        .sort((a, b) => a.uid - b.uid);
      for (const message of facts.filter((m) => (m.size ?? 0) > MAX_MESSAGE_BYTES)) await this.parkTooLarge(message);
      for (const group of byBytes(facts.filter((m) => (m.size ?? 0) <= MAX_MESSAGE_BYTES))) {
        const fetched = await this.client.fetchAll(group.map((m) => m.uid).join(','), { uid: true, source: true, internalDate: true }, { uid: true });
        await this.handle(fetched.filter((m) => m.source).sort((a, b) => a.uid - b.uid).map(toFetched));
      }
      for (const message of facts) lastSeenAt = later(lastSeenAt, dateOf(message.internalDate));
      await mark(chunk[chunk.length - 1]!, lastSeenAt);
    }
    return lastSeenAt;
  }

  private async handle(mails: FetchedMail[]): Promise<void> {
    const prepared: PreparedMail[] = [];
    // Parsing is CPU work: one after the other; the waiting on the database below is what runs side by side.
    for (const mail of mails) prepared.push(await this.processor.prepare(mail, this.context));
    const handled = new Map<string, Promise<unknown>>();
    const errors: unknown[] = [];
    let next = 0;
    const lane = async () => {
      while (next < prepared.length && errors.length === 0) {
        const mail = prepared[next++]!;
        // Every earlier mail has been picked up already (lanes take them in order), so its promise is there to wait for.
        const answered = mail.answers.map((id) => handled.get(id)).filter((p): p is Promise<unknown> => Boolean(p));
        const task = Promise.allSettled(answered).then(() => this.handleOne(mail));
        if (mail.parsed?.messageId && !handled.has(mail.parsed.messageId)) handled.set(mail.parsed.messageId, task);
        try {
          await task;
        } catch (error) {
          errors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, prepared.length) }, lane));
    if (errors.length) throw errors[0];
  }

  private async handleOne(mail: PreparedMail): Promise<void> {
    try {
      await this.processor.handle(mail, this.context);
      this.failures.delete(mail.uid);
    } catch (error) {
      const attempts = (this.failures.get(mail.uid) ?? 0) + 1;
      this.failures.set(mail.uid, attempts);
      if (attempts < ATTEMPTS) throw error;
      this.logger.error(`UID ${mail.uid} failed ${attempts} times, parking it: ${(error as Error).message}`);
      await this.processor.park(mail, this.context, `Failed ${attempts} times: ${(error as Error).message}`);
      this.failures.delete(mail.uid);
    }
  }

  private async parkTooLarge(message: FetchMessageObject): Promise<void> {
    const from = message.envelope?.from?.[0]?.address ?? null;
    await this.processor.park(
      { uid: message.uid, raw: Buffer.alloc(0), internalDate: dateOf(message.internalDate) },
      this.context,
      `The message is ${message.size} bytes, more than the ${MAX_MESSAGE_BYTES} bytes a mail may have here`,
      { size: message.size, from, subject: message.envelope?.subject ?? null },
    );
  }
}

function byBytes(messages: FetchMessageObject[]): FetchMessageObject[][] {
  const groups: FetchMessageObject[][] = [];
  let current: FetchMessageObject[] = [];
  let bytes = 0;
  for (const message of messages) {
    if (current.length && bytes + (message.size ?? 0) > GROUP_BYTES) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += message.size ?? 0;
  }
  if (current.length) groups.push(current);
  return groups;
}

const dateOf = (value: Date | string | undefined): Date | null => (value ? new Date(value) : null);
const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);
const toFetched = (message: FetchMessageObject): FetchedMail => ({ uid: message.uid, raw: message.source!, internalDate: dateOf(message.internalDate) });
