import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@inbox/core';

export interface QueueDefinition {
  name: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds?: number;
}

export interface JobContext {
  id: string;
  /** The queue the job came from. */
  queue: string;
  retryCount: number;
  retryLimit: number;
}

/**
 * pg-boss on the system's own PostgreSQL. Jobs that belong to a change are
 * inserted inside that change's transaction, so they exist only if it commits
 * and are picked up only after it has.
 */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;

  constructor(private readonly config: AppConfig) {}

  async start(): Promise<PgBoss> {
    this.starting ??= (async () => {
      const boss = new PgBoss({ connectionString: this.config.DATABASE_URL, max: 4, application_name: 'inbox-jobs' });
      boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
      await boss.start();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  /**
   * Creates or updates a queue. Replicas starting together race to create the
   * same queue (pg-boss makes a partition table for it, which can deadlock or
   * hit a unique key); the loser looks again and updates instead.
   */
  async define(queue: QueueDefinition): Promise<void> {
    const boss = await this.start();
    const options = {
      name: queue.name, retryLimit: queue.retryLimit, retryDelay: queue.retryDelaySeconds, retryBackoff: true,
      expireInSeconds: queue.expireInSeconds ?? 300,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        if (await boss.getQueue(queue.name)) await boss.updateQueue(queue.name, options);
        else await boss.createQueue(queue.name, options);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= 5 || (code !== '40P01' && code !== '23505' && code !== '42P07')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      }
    }
  }

  /** Enqueues within the given transaction. */
  async sendInTransaction(manager: EntityManager, queue: string, data: object): Promise<void> {
    const boss = await this.start();
    await boss.send(queue, data, {
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await manager.query(text, values) }) },
    });
  }

  /** Enqueues now, outside any transaction; false when the queue does not exist (nobody has defined it yet). */
  async send(queue: string, data: object): Promise<boolean> {
    const boss = await this.start();
    if (!(await boss.getQueue(queue))) return false;
    return (await boss.send(queue, data)) !== null;
  }

  /** Stops this process's workers of a queue (an account it no longer runs). */
  async stopWorking(queue: string): Promise<void> {
    await this.boss?.offWork(queue).catch(() => undefined);
  }

  /** Runs a queue on a cron schedule (pg-boss keeps one schedule per queue across replicas). */
  async schedule(queue: string, cron: string): Promise<void> {
    const boss = await this.start();
    await boss.schedule(queue, cron);
  }

  async work<T extends object>(queue: string, concurrency: number, handler: (data: T, job: JobContext) => Promise<void>): Promise<void> {
    const boss = await this.start();
    for (let i = 0; i < concurrency; i++) {
      await boss.work<T>(queue, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (!job) return;
        await handler(job.data, { id: job.id, queue, retryCount: job.retryCount, retryLimit: job.retryLimit });
      });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
  }
}
