import { Logger } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { describeImapError } from './connection-errors';
import { EmailSecrets, EmailSettings } from './email-settings';
import { MailboxBatch } from './mailbox-batch';
import { MailboxContext, MailProcessor } from './mail.processor';
import { MailboxStore } from './mailbox.store';

export interface ConnectorTiming {
  /** First wait after a failed connection; doubles up to maxBackoffMs. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** A catch-up even without any IDLE notice, in case one was lost. */
  safetySyncMs: number;
}

export const DEFAULT_TIMING: ConnectorTiming = { initialBackoffMs: 1_000, maxBackoffMs: 60_000, safetySyncMs: 5 * 60_000 };

export interface ConnectorOptions {
  account: { id: string; organizationId: string; name: string };
  settings: EmailSettings;
  secrets: EmailSecrets;
  processor: MailProcessor;
  store: MailboxStore;
  attachmentLimit: number;
  timing?: Partial<ConnectorTiming>;
}

const DAY_MS = 24 * 3600_000;

/**
 * One mailbox folder, kept in step with the ticket stream. Connects, catches
 * up on everything after the remembered UID (or, the first time and after a
 * UIDVALIDITY change, on mail since a date), then waits in IDLE: each new
 * message notice starts another catch-up. When the connection drops (server
 * restart, network), it reconnects with exponential backoff and catches up
 * again, so nothing is skipped; the UID mark is saved only after the mail up
 * to it is committed, so nothing is handled twice either (ingest's dedupe on
 * the Message-ID covers the mail of a batch that was cut short).
 */
export class ImapMailboxConnector {
  private readonly logger: Logger;
  private readonly timing: ConnectorTiming;
  private client: ImapFlow | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private pendingSync = false;
  private signal: (() => void) | null = null;
  private sleeper: { timer: NodeJS.Timeout; done: () => void } | null = null;
  /** Failures per UID that were not the mail's fault (so far): after a few, the mail is parked so the mailbox goes on. */
  private readonly failures = new Map<number, number>();

  constructor(private readonly options: ConnectorOptions) {
    this.logger = new Logger(`EmailConnector ${options.account.name}`);
    this.timing = { ...DEFAULT_TIMING, ...(options.timing ?? {}) };
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    if (this.sleeper) {
      clearTimeout(this.sleeper.timer);
      this.sleeper.done();
    }
    this.client?.close();
    await this.running;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const started = Date.now();
      try {
        await this.session();
      } catch (error) {
        if (this.stopped) break;
        const detail = describeImapError(error, { ...this.options.settings.imap });
        this.logger.warn(`${detail}; reconnecting`);
        // Best effort: the database may be what failed; the warning above is logged either way.
        await this.options.store.health(this.options.account.id, 'error', detail).catch(() => undefined);
      } finally {
        this.client?.close();
        this.client = null;
      }
      if (this.stopped) break;
      // A session that lasted is a fresh start: the next drop waits the shortest time again.
      failures = Date.now() - started > this.timing.maxBackoffMs ? 1 : failures + 1;
      const backoff = Math.min(this.timing.maxBackoffMs, this.timing.initialBackoffMs * 2 ** (failures - 1));
      await this.sleep(backoff * (0.8 + Math.random() * 0.4));
    }
  }

  /** One connection: open the folder, catch up, then catch up again on every notice until the connection closes. */
  private async session(): Promise<void> {
    const { settings, secrets } = this.options;
    const client = new ImapFlow({
      host: settings.imap.host, port: settings.imap.port, secure: settings.imap.tls, auth: { user: settings.imap.user, pass: secrets.imapPassword },
      logger: false, connectionTimeout: 30_000, greetingTimeout: 15_000, socketTimeout: 10 * 60_000,
      // IDLE starts right after the last command (the server announces new mail only while idling); renewed every few minutes for NATs.
      autoIdleDelay: 150, maxIdleTime: 4 * 60_000,
    });
    this.client = client;
    let closed = false;
    let failure: unknown = null;
    client.on('error', (error: Error) => {
      failure = error;
    });
    client.on('close', () => {
      closed = true;
      this.wake();
    });
    client.on('exists', () => this.requestSync());
    await client.connect();
    const mailbox = await client.mailboxOpen(settings.imap.folder);
    const context: MailboxContext = {
      account: this.options.account, folder: settings.imap.folder, uidValidity: mailbox.uidValidity.toString(), settings,
      attachmentLimit: this.options.attachmentLimit,
    };
    const batch = new MailboxBatch(client, this.options.processor, context, this.failures, this.logger);
    await this.catchUp(client, batch, context, mailbox.uidNext);
    await this.options.store.health(this.options.account.id, 'ok', null);
    const safety = setInterval(() => this.requestSync(), this.timing.safetySyncMs);
    try {
      while (!closed && !this.stopped) {
        if (!this.pendingSync) await new Promise<void>((resolve) => (this.signal = resolve));
        this.signal = null;
        if (closed || this.stopped) break;
        this.pendingSync = false;
        await this.catchUp(client, batch, context, mailbox.uidNext);
      }
    } finally {
      clearInterval(safety);
    }
    if (failure && !this.stopped) throw failure;
    if (!this.stopped) throw Object.assign(new Error('the connection was closed (server restart or network)'), { code: 'SessionClosed' });
  }

  /** Everything after the remembered UID; the first time (or on a new UIDVALIDITY) mail since a date instead. */
  private async catchUp(client: ImapFlow, batch: MailboxBatch, context: MailboxContext, uidNextAtOpen: number): Promise<void> {
    const { account, folder, uidValidity } = context;
    const save = (lastUid: number, lastSeenAt: Date | null) =>
      this.options.store.saveState(account.organizationId, account.id, folder, { uidValidity, lastUid, lastSeenAt });
    let state = await this.options.store.state(account.id, folder);
    if (!state || state.uidValidity !== uidValidity) {
      const since = state?.lastSeenAt
        ? new Date(state.lastSeenAt.getTime() - DAY_MS)
        : new Date(Date.now() - this.options.settings.importDays * DAY_MS);
      if (state) this.logger.warn(`UIDVALIDITY of ${folder} changed (${state.uidValidity} -> ${uidValidity}); rescanning mail since ${since.toISOString()}`);
      const uids = ((await client.search({ since }, { uid: true })) || []).sort((a, b) => a - b);
      // No mark until the scan is through: cut short, it starts over (and ingest's dedupe absorbs the repeats).
      const lastSeenAt = await batch.process(uids, async () => undefined);
      // Mail older than `since` is left alone on purpose: the mark starts after whatever the folder held at opening.
      await save(Math.max(uids[uids.length - 1] ?? 0, uidNextAtOpen - 1), lastSeenAt ?? state?.lastSeenAt ?? null);
      state = await this.options.store.state(account.id, folder);
    }
    for (;;) {
      const after = state!.lastUid;
      const found = (await client.search({ uid: `${after + 1}:*` }, { uid: true })) || [];
      // `n:*` always answers the highest UID, even below n.
      const uids = found.filter((uid) => uid > after).sort((a, b) => a - b);
      if (uids.length === 0) return;
      await batch.process(uids, save);
      state = await this.options.store.state(account.id, folder);
    }
  }

  private requestSync(): void {
    this.pendingSync = true;
    this.wake();
  }

  private wake(): void {
    this.signal?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleeper = { timer: setTimeout(resolve, ms), done: resolve };
    });
  }
}
