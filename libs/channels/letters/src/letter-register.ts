import { EntityManager } from 'typeorm';

export type LetterDirection = 'incoming' | 'outgoing';

/** Register numbers read `1446/0007`: the Hijri year and the sequence, digits only, so they never reorder inside Arabic text. */
export const formatLetterNumber = (year: number, sequence: number) => `${year}/${String(sequence).padStart(4, '0')}`;

/**
 * The next number of a register (organization or branch, incoming or
 * outgoing, Hijri year). The counter row stays locked until the caller's
 * transaction ends, so numbers are given out in order and without gaps: a
 * letter that fails to be written gives its number back.
 */
export async function nextLetterNumber(
  manager: EntityManager, organizationId: string, scope: string, direction: LetterDirection, year: number,
): Promise<{ sequence: number; number: string }> {
  const [row] = await manager.query(
    `INSERT INTO letter_counters (organization_id, scope, direction, year, last) VALUES ($1, $2, $3, $4, 1)
     ON CONFLICT (organization_id, scope, direction, year) DO UPDATE SET last = letter_counters.last + 1
     RETURNING last`,
    [organizationId, scope, direction, year],
  );
  return { sequence: row.last, number: formatLetterNumber(year, row.last) };
}
