import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '@inbox/core';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { EmailConnectorFactory, ImapMailboxConnector } from '@inbox/channels/email';
import { EmailMailboxSink } from './email-mailbox.sink';
import { emailWorkerOptions } from './email-worker.options';

interface Owned {
  connector: ImapMailboxConnector | null;
  /** The account row's updated_at when its connector started: a change (settings, password) restarts it. */
  version: string;
}

interface AccountRow {
  id: string;
  organization_id: string;
  name: string;
  settings: Record<string, unknown>;
  version: string;
}

const LOCK_PREFIX = 'inbox:email-mailbox:';
const UNUSABLE_RETRY_MS = 5 * 60_000;
/** Shown in pg_stat_activity: which machine and process holds which mailbox locks. */
export const LOCK_SESSION_NAME = `inbox-email-owner ${hostname().slice(0, 30)} ${process.pid}`;

/**
 * Runs the IMAP connectors of the email accounts this worker owns. Each
 * mailbox is owned by one worker at a time through a session-level Postgres
 * advisory lock, held on a connection of its own: when the owner dies, its
 * session ends, the lock is freed, and another worker's next check (every
 * EMAIL_OWNERSHIP_CHECK_SECONDS) takes the mailbox over and catches up from
 * the remembered UID. When the lock connection itself is lost, every
 * connector stops at once, since another worker may already hold them.
 */
@Injectable()
export class EmailConnectorsSupervisor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EmailConnectors');
  private readonly options = emailWorkerOptions();
  private readonly owned = new Map<string, Owned>();
  /** Accounts this worker could not start, by the version it tried, until when it leaves them alone. */
  private readonly unusable = new Map<string, { version: string; until: number }>();
  private session: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly factory: EmailConnectorFactory,
    private readonly accounts: ChannelAccountsService,
    private readonly sink: EmailMailboxSink,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.enabled) return;
    this.timer = setInterval(() => void this.checkNow(), this.options.checkSeconds * 1000);
    void this.checkNow();
  }

  /** Before the database closes, so mail being handled is finished and the locks are given back cleanly. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.releaseAll();
    await this.session?.end().catch(() => undefined);
    this.session = null;
  }

  /** Takes up new, changed and orphaned mailboxes now rather than at the next periodic check. */
  checkNow(): Promise<void> {
    if (!this.options.enabled || this.stopping) return Promise.resolve();
    this.checking ??= this.check()
      .catch((error) => this.logger.error(`ownership check failed: ${(error as Error).message}`))
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  private async check(): Promise<void> {
    const session = await this.lockSession();
    const rows: AccountRow[] = await this.dataSource.query(
      `SELECT id, organization_id, name, settings, updated_at::text AS version FROM channel_accounts WHERE kind = 'email' AND enabled ORDER BY created_at`,
    );
    const wanted = new Map(rows.map((row) => [row.id, row]));
    for (const [id, owned] of [...this.owned]) {
      const row = wanted.get(id);
      if (!row || row.version !== owned.version) await this.release(id, session);
    }
    for (const row of rows) {
      if (this.owned.has(row.id) || this.stopping) continue;
      const unusable = this.unusable.get(row.id);
      if (unusable && unusable.version === row.version && Date.now() < unusable.until) continue;
      const { rows: [lock] } = await session.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken`, [LOCK_PREFIX + row.id]);
      if (!lock.taken) continue;
      const owned: Owned = { connector: null, version: row.version };
      this.owned.set(row.id, owned);
      try {
        owned.connector = this.factory.create(
          { id: row.id, organizationId: row.organization_id, name: row.name, settings: row.settings }, await this.accounts.secretsOf(row.id), this.sink,
        );
        owned.connector.start();
        this.unusable.delete(row.id);
        this.logger.log(`running mailbox ${row.name} (${row.id})`);
      } catch (error) {
        // Given back, for a worker that can run it (one with the right SECRETS_KEY during a key change, say); this one
        // tries again when the account changes or after a while, and says why on the account once.
        this.logger.warn(`mailbox ${row.name} (${row.id}) cannot start: ${(error as Error).message}`);
        this.unusable.set(row.id, { version: row.version, until: Date.now() + UNUSABLE_RETRY_MS });
        await this.release(row.id, session);
        await this.factory.reportUnusable(row.id, (error as Error).message);
      }
    }
  }

  /** The connection that holds the locks; a broken one means every mailbox may be someone else's by now. */
  private async lockSession(): Promise<Client> {
    if (this.session) {
      try {
        await this.session.query('SELECT 1');
        return this.session;
      } catch (error) {
        await this.lost(error as Error);
      }
    }
    const client = new Client({ connectionString: this.config.DATABASE_URL, keepAlive: true, application_name: LOCK_SESSION_NAME });
    client.on('error', (error) => void this.lost(error));
    await client.connect();
    // The server notices a vanished owner (machine gone, not just the process) within about half a minute.
    await client.query(`SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3`);
    this.session = client;
    return client;
  }

  private async lost(error: Error): Promise<void> {
    if (!this.session) return;
    this.logger.error(`lost the mailbox lock connection (${error.message}); stopping every mailbox`);
    const session = this.session;
    this.session = null;
    await this.releaseAll();
    // Ending a broken connection may fail; it is gone either way.
    await session.end().catch(() => undefined);
  }

  private async release(id: string, session: Client | null): Promise<void> {
    const owned = this.owned.get(id);
    if (!owned) return;
    await owned.connector?.stop();
    this.owned.delete(id);
    if (session) await session.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [LOCK_PREFIX + id]);
  }

  private async releaseAll(): Promise<void> {
    const session = this.session;
    await Promise.all([...this.owned.keys()].map((id) => this.release(id, session).catch((error) => {
      this.logger.warn(`releasing mailbox ${id}: ${(error as Error).message}`);
    })));
  }
}
