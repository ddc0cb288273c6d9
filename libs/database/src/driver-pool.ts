import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * The pg pool under TypeORM's data source, for the few hot statements sent as
 * named prepared statements (parsed and planned once per connection) rather
 * than through TypeORM's query runner.
 */
export function driverPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}
