import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    // Serialises concurrent starters (two replicas, parallel test workers) on the same database.
    await dataSource.query(`SELECT pg_advisory_lock(727001)`);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.query(`SELECT pg_advisory_unlock(727001)`).catch(() => undefined);
    await dataSource.destroy();
  }
}
