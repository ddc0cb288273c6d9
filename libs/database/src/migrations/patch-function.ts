import { QueryRunner } from 'typeorm';

/**
 * Changes one passage of a stored function in place: its definition is read
 * back, the passage (which must occur exactly once) replaced, and the
 * function created again. Migrations patch the long ingest functions this
 * way rather than restating them whole. (Migration 1733250000000 carries its
 * own copy of this, as it was written; applied migrations are not edited.)
 */
export async function patchFunction(db: QueryRunner, signature: string, from: string, to: string): Promise<void> {
  const [{ definition }] = await db.query(`SELECT pg_get_functiondef($1::regprocedure) AS definition`, [signature]);
  const occurrences = (definition as string).split(from).length - 1;
  if (occurrences !== 1) throw new Error(`${signature}: expected the passage to change once, found it ${occurrences} times`);
  await db.query((definition as string).replace(from, to));
}
