import { Pool } from 'pg';

/** inbox_ingest()'s arguments by name: one element of inbox_ingest_batch(). */
export interface IngestElement {
  org: string;
  account: string;
  channel_kind: string;
  external_id: string;
  identity_kinds: string[];
  identity_values: string[];
  name: string | null;
  gender: string | null;
  branch: string | null;
  reply_to: string[] | null;
  ticket_reference: string | null;
  /** Thread by reply-to ids and reference only; never join the contact's open ticket. */
  explicit_only: boolean;
  /** An auto-reply: appended without reopening the ticket or becoming its preview. */
  automatic: boolean;
  message_id: string;
  body: string;
  html: string | null;
  attachments: unknown;
  metadata: unknown;
  sent_at: Date | null;
  received_at: Date;
  preview: string;
  new_ticket_id: string;
  reference_prefix: string;
  sequence: string;
  subject: string;
  type: string;
  /** The channel said what the message is (a form's or an integrator's type), rather than the default. */
  type_explicit: boolean;
  confidential: boolean;
  routes: unknown;
  first_response_due: Date | null;
  resolution_due: Date | null;
  decision_due: Date | null;
}

export interface IngestRow {
  outcome: 'appended' | 'opened' | 'duplicate' | 'needs_routing';
  message_id: string;
  ticket_id: string;
  reference: string;
  contact_id: string;
  contact_created: boolean;
  contact_gender: 'male' | 'female' | null;
  contact_branch: string | null;
}

interface BatchRow extends Partial<IngestRow> {
  idx: number;
  error_code: string | null;
  error_constraint: string | null;
  error_message: string | null;
}

/** One element's own failure inside a batch, shaped like the pg driver's error (code, constraint) so callers test it the same way. */
export class IngestElementError extends Error {
  constructor(message: string, readonly code: string, readonly constraint: string | undefined) {
    super(message);
    this.name = 'IngestElementError';
  }
}

export interface IngestBatcherOptions {
  /** Most elements in one batch. Each holds a subtransaction id until commit; PostgreSQL caches 64 per backend before snapshots slow down. */
  maxSize: number;
  /** Batches running at once, each on its own connection. Elements arriving meanwhile wait and leave together when one finishes. */
  maxRunning: number;
  /** Attempts for an element that lost a deadlock or a serialisation conflict. */
  maxAttempts: number;
}

interface Pending {
  element: IngestElement;
  attempts: number;
  /** Sent in a batch of its own: its batch failed as a whole on bad data, so each element is tried apart. */
  alone: boolean;
  resolve(row: IngestRow): void;
  reject(error: unknown): void;
}

const BATCH = { name: 'inbox_ingest_batch', text: 'SELECT * FROM inbox_ingest_batch($1::jsonb)' };
/** deadlock_detected, serialization_failure: nothing was written for the element, trying again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);

/**
 * Gathers the inbound messages that arrive together and writes them with one
 * inbox_ingest_batch() call: one round trip and one commit for the lot. Each
 * commit that records events also takes PostgreSQL's NOTIFY queue lock, which
 * serialises commits (about 600 a second here), so one commit per message caps
 * ingest below the target while one per batch does not.
 *
 * A batch leaves as soon as a slot is free (at most maxRunning run at once),
 * taking every message queued so far up to maxSize. So a lone message is sent
 * at once, and under load messages queue behind the running batches and leave
 * together: batches grow with the load instead of waiting on a timer. Each
 * caller's promise settles with its own element's row or error.
 */
export class IngestBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private running = 0;

  constructor(private readonly pool: () => Pool, private readonly options: IngestBatcherOptions) {}

  submit(element: IngestElement): Promise<IngestRow> {
    return new Promise<IngestRow>((resolve, reject) => {
      this.queue.push({ element, attempts: 0, alone: false, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Dispatches after the current event-loop turn, so messages made ready together (one HTTP read, one batch's
   * answers) leave together. What is queued is shared evenly among the free slots, so both cores work on
   * batches at once instead of one large batch at a time.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const { maxRunning, maxSize } = this.options;
      while (this.queue.length > 0 && this.running < maxRunning) {
        void this.run(this.take(Math.min(maxSize, Math.ceil(this.queue.length / (maxRunning - this.running)))));
      }
    });
  }

  private take(count: number): Pending[] {
    if (this.queue[0]!.alone) return this.queue.splice(0, 1);
    const end = this.queue.findIndex((pending, index) => index >= count || pending.alone);
    return this.queue.splice(0, end === -1 ? count : end);
  }

  private async run(batch: Pending[]): Promise<void> {
    this.running++;
    const again: Pending[] = [];
    const retryable = (pending: Pending) => ++pending.attempts < this.options.maxAttempts;
    try {
      const rows = (await this.pool().query({ ...BATCH, values: [JSON.stringify(batch.map((p) => p.element))] })).rows as BatchRow[];
      const answered = new Set<number>();
      for (const row of rows) {
        const pending = batch[row.idx]!;
        answered.add(row.idx);
        if (!row.error_code) pending.resolve(row as IngestRow);
        else if (RETRYABLE.has(row.error_code) && retryable(pending)) again.push(pending);
        else pending.reject(new IngestElementError(row.error_message ?? 'ingest failed', row.error_code, row.error_constraint ?? undefined));
      }
      batch.forEach((pending, idx) => {
        if (!answered.has(idx)) pending.reject(new Error(`inbox_ingest_batch() returned no row for element ${idx}`));
      });
    } catch (error) {
      // The whole statement failed. A deadlock outside every element's block: the batch goes again. Bad data
      // (class 22, e.g. a NUL character, which jsonb refuses for the whole array): each element goes again
      // alone, so only the bad one fails. Anything else (connection lost, server shutting down) fails every caller.
      const code = (error as { code?: string }).code ?? '';
      for (const pending of batch) {
        if (RETRYABLE.has(code) ? retryable(pending) : code.startsWith('22') && batch.length > 1) {
          pending.alone ||= !RETRYABLE.has(code);
          again.push(pending);
        } else {
          pending.reject(error);
        }
      }
    } finally {
      this.running--;
      // Elements going again go first: they have waited already.
      this.queue = [...again, ...this.queue];
      this.schedule();
    }
  }
}
