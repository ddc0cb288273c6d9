import { Pool, PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The smallest thing hot paths need to run SQL: rows back, and optionally a
 * statement name so PostgreSQL parses and plans it once per connection.
 */
export interface Sql {
  rows<T = Record<string, any>>(text: string, values?: unknown[], name?: string): Promise<T[]>;
}

/** An Sql over a TypeORM transaction (names are ignored there). */
export function sqlOf(manager: EntityManager): Sql {
  return {
    async rows<T>(text: string, values: unknown[] = []): Promise<T[]> {
      const result = await manager.query(text, values);
      // UPDATE and DELETE answer [rows, count] through TypeORM.
      return (Array.isArray(result) && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[0] : result) as T[];
    },
  };
}

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * One transaction on a raw pg connection from TypeORM's own pool, with named
 * (prepared) statements: the ingest hot path saves a parse and a plan per
 * statement. Retries the whole unit on serialization failures and deadlocks.
 */
export async function inPreparedTransaction<T>(dataSource: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  for (let attempt = 1; ; attempt++) {
    const client: PoolClient = await pool.connect();
    const sql: Sql = {
      rows: async <R>(text: string, values: unknown[] = [], name?: string) =>
        (await client.query(name ? { name, text, values } : { text, values })).rows as R[],
    };
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(sql);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
      throw error;
    } finally {
      // A connection whose rollback failed is not given back to the pool for reuse.
      client.release(broken);
    }
  }
}
