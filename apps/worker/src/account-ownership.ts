import { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** A running connection to one channel account's provider (an IMAP mailbox, a WhatsApp Web session). */
export interface AccountConnector {
  start(): void;
  stop(): Promise<void>;
}

export interface OwnedAccount {
  id: string;
  organization_id: string;
  name: string;
  settings: Record<string, unknown>;
  version: string;
}

/** What an ownership needs to know of its kind of account. */
export interface OwnershipKind {
  /** channel_accounts.kind */
  kind: string;
  /** Names the advisory locks, one per account. */
  lockPrefix: string;
  /** Shown in pg_stat_activity for the lock connection. */
  sessionName: string;
  checkSeconds: number;
  create(account: OwnedAccount): Promise<AccountConnector>;
  /** Says on the account, once, why this worker could not start it. */
  reportUnusable(accountId: string, reason: string): Promise<void>;
}

interface Owned {
  connector: AccountConnector | null;
  /** The account row's updated_at when its connector started: a change (settings, password) restarts it. */
  version: string;
}

const UNUSABLE_RETRY_MS = 5 * 60_000;

/** `inbox-<what>-owner <host> <pid>`: which machine and process holds which account locks. */
export function lockSessionName(what: string): string {
  return `inbox-${what}-owner ${hostname().slice(0, 30)} ${process.pid}`;
}

/**
 * Runs the connectors of the channel accounts of one kind this worker owns.
 * Each account is owned by one worker at a time through a session-level
 * Postgres advisory lock, held on a connection of its own: when the owner
 * dies, its session ends, the lock is freed, and another worker's next check
 * takes the account over. When the lock connection itself is lost, every
 * connector stops at once, since another worker may already hold them.
 */
export class AccountOwnership {
  private readonly logger: Logger;
  private readonly owned = new Map<string, Owned>();
  /** Accounts this worker could not start, by the version it tried, until when it leaves them alone. */
  private readonly unusable = new Map<string, { version: string; until: number }>();
  private session: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly dataSource: DataSource, private readonly databaseUrl: string, private readonly kind: OwnershipKind, loggerName: string) {
    this.logger = new Logger(loggerName);
  }

  start(): void {
    this.timer = setInterval(() => void this.checkNow(), this.kind.checkSeconds * 1000);
    void this.checkNow();
  }

  /** Before the database closes, so work under way is finished and the locks are given back cleanly. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.releaseAll();
    await this.session?.end().catch(() => undefined);
    this.session = null;
  }

  /** The connector this worker runs for an account, if it owns it. */
  connector(accountId: string): AccountConnector | null {
    return this.owned.get(accountId)?.connector ?? null;
  }

  /** Takes up new, changed and orphaned accounts now rather than at the next periodic check. */
  checkNow(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.checking ??= this.check()
      .catch((error) => this.logger.error(`ownership check failed: ${(error as Error).message}`))
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  /**
   * Takes one account now, when nobody else holds it, without looking at the
   * others (an admin's action on that number; tests, where each runs its own).
   */
  async take(accountId: string): Promise<void> {
    await this.checking;
    if (!this.stopping) await this.check(accountId);
  }

  private async check(only?: string): Promise<void> {
    const session = await this.lockSession();
    const rows: OwnedAccount[] = await this.dataSource.query(
      `SELECT id, organization_id, name, settings, updated_at::text AS version FROM channel_accounts
       WHERE kind = $1 AND enabled AND ($2::uuid IS NULL OR id = $2::uuid) ORDER BY created_at`, [this.kind.kind, only ?? null],
    );
    const wanted = new Map(rows.map((row) => [row.id, row]));
    for (const [id, owned] of [...this.owned]) {
      if (only && id !== only) continue;
      const row = wanted.get(id);
      if (!row || row.version !== owned.version) await this.release(id, session);
    }
    for (const row of rows) {
      if (this.owned.has(row.id) || this.stopping) continue;
      const unusable = this.unusable.get(row.id);
      if (unusable && unusable.version === row.version && Date.now() < unusable.until) continue;
      const { rows: [lock] } = await session.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken`, [this.kind.lockPrefix + row.id]);
      if (!lock.taken) continue;
      const owned: Owned = { connector: null, version: row.version };
      this.owned.set(row.id, owned);
      try {
        owned.connector = await this.kind.create(row);
        owned.connector.start();
        this.unusable.delete(row.id);
        this.logger.log(`running ${this.kind.kind} account ${row.name} (${row.id})`);
      } catch (error) {
        // Given back, for a worker that can run it (one with the right SECRETS_KEY during a key change, say); this one
        // tries again when the account changes or after a while, and says why on the account once.
        this.logger.warn(`${this.kind.kind} account ${row.name} (${row.id}) cannot start: ${(error as Error).message}`);
        this.unusable.set(row.id, { version: row.version, until: Date.now() + UNUSABLE_RETRY_MS });
        await this.release(row.id, session);
        await this.kind.reportUnusable(row.id, (error as Error).message);
      }
    }
  }

  /** The connection that holds the locks; a broken one means every account may be someone else's by now. */
  private async lockSession(): Promise<Client> {
    if (this.session) {
      try {
        await this.session.query('SELECT 1');
        return this.session;
      } catch (error) {
        await this.lost(error as Error);
      }
    }
    const client = new Client({ connectionString: this.databaseUrl, keepAlive: true, application_name: this.kind.sessionName });
    client.on('error', (error) => void this.lost(error));
    await client.connect();
    // The server notices a vanished owner (machine gone, not just the process) within about half a minute.
    await client.query(`SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3`);
    this.session = client;
    return client;
  }

  private async lost(error: Error): Promise<void> {
    if (!this.session) return;
    this.logger.error(`lost the ${this.kind.kind} lock connection (${error.message}); stopping every account`);
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
    if (session) await session.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [this.kind.lockPrefix + id]);
  }

  private async releaseAll(): Promise<void> {
    const session = this.session;
    await Promise.all([...this.owned.keys()].map((id) => this.release(id, session).catch((error) => {
      this.logger.warn(`releasing ${this.kind.kind} account ${id}: ${(error as Error).message}`);
    })));
  }
}
