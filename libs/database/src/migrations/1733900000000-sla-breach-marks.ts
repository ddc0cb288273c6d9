import { MigrationInterface, QueryRunner } from 'typeorm';

const DEADLINES = ['first_response', 'next_response', 'resolution', 'decision'] as const;

/** The tickets the deadline sweep looks at for one deadline; SlaService states the same conditions, so the planner uses the index. */
const sweepPredicate = (deadline: (typeof DEADLINES)[number]): string => [
  `status IN (${deadline === 'decision' ? `'new', 'open', 'pending'` : `'new', 'open'`})`,
  ...(deadline === 'first_response' ? ['first_responded_at IS NULL'] : []),
  `${deadline}_due_at IS NOT NULL`,
  `${deadline}_breach_raised_for IS DISTINCT FROM ${deadline}_due_at`,
].join(' AND ');

/**
 * A ticket remembers, per deadline, the due date whose breach has been
 * alerted, and the sweep's indexes leave those tickets out.
 *
 * The sweep had one index per deadline over every open ticket with that
 * deadline, and checked each ticket past its deadline against sla_alerts. A
 * breached ticket stays open for days, so with 1M tickets it walked about
 * 229,000 of them every minute (about 5 s of PostgreSQL) to raise nothing.
 * Now a breach alert also sets `<deadline>_breach_raised_for` to the due date
 * it alerted on, and the index holds only tickets whose current due date has
 * not been alerted as breached: those not yet due, and those just breached.
 * A new due date (a reopened ticket, the next response) brings the ticket
 * back. sla_alerts stays the record that raises each alert once.
 *
 * The old indexes also left out pending tickets, which the decision sweep
 * looks at (the committee's fourteen days run while the customer is asked).
 */
export class SlaBreachMarks1733900000000 implements MigrationInterface {
  name = 'SlaBreachMarks1733900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE tickets ${DEADLINES.map((d) => `ADD COLUMN ${d}_breach_raised_for timestamptz`).join(', ')}`);
    for (const deadline of DEADLINES) {
      await db.query(
        `UPDATE tickets t SET ${deadline}_breach_raised_for = t.${deadline}_due_at FROM sla_alerts a
         WHERE a.ticket_id = t.id AND a.deadline = '${deadline}' AND a.level = 'breached' AND a.due_at = t.${deadline}_due_at`,
      );
      await db.query(`DROP INDEX IF EXISTS tickets_${deadline}_due_at`);
      await db.query(`CREATE INDEX tickets_${deadline}_sweep ON tickets (${deadline}_due_at) WHERE ${sweepPredicate(deadline)}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const deadline of DEADLINES) {
      await db.query(`DROP INDEX IF EXISTS tickets_${deadline}_sweep`);
      await db.query(`CREATE INDEX tickets_${deadline}_due_at ON tickets (${deadline}_due_at) WHERE status IN ('new', 'open') AND ${deadline}_due_at IS NOT NULL`);
    }
    await db.query(`ALTER TABLE tickets ${DEADLINES.map((d) => `DROP COLUMN IF EXISTS ${d}_breach_raised_for`).join(', ')}`);
  }
}
