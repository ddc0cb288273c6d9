/**
 * The rows of an UPDATE or DELETE ... RETURNING. TypeORM's PostgreSQL driver
 * answers those with `[rows, affectedCount]` (an INSERT or SELECT answers the
 * rows alone), so `const [row] = await manager.query('UPDATE ... RETURNING')`
 * would be the array of rows, always truthy.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
