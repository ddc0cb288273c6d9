import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('new', 'open', 'pending')`;
/** When an open ticket is past a deadline: the first-response deadline until answered, and the resolution deadline. NULL: no deadline. */
const OVERDUE_AT = (t: string) => `least(CASE WHEN ${t}.first_responded_at IS NULL THEN ${t}.first_response_due_at END, ${t}.resolution_due_at)`;

/**
 * Two things that keep the reports overview under half a second on a year
 * of a million tickets.
 *
 * A monthly rollup (report_monthly) beside the daily one: the same counts
 * and histograms per month, channel, type, team and branch, with the busy
 * hours per weekday and hour (168 cells). A period reads its whole months
 * here and only its partial months from report_daily. Recomputed from the
 * month's daily rows whenever one of its days is (ReportsService.refreshDirty).
 *
 * The backlog's counts (ticket_backlog): open tickets per team, assignee,
 * status, confidentiality and whether they have a deadline at all, kept by
 * statement-level triggers as insert-only deltas (no row is a hot spot for
 * concurrent ingest) and folded together every minute by the report job.
 * How many of them are overdue is the count with a deadline less those whose
 * deadline is still ahead, read through an index on the deadline: few,
 * however large the backlog.
 */
export class ReportSpeed1733400000000 implements MigrationInterface {
  name = 'ReportSpeed1733400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_monthly (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        month date NOT NULL,
        channel_kind text NOT NULL,
        type text NOT NULL,
        team_id uuid,
        branch_id uuid,
        created integer NOT NULL,
        resolved integer NOT NULL,
        first_response_count integer NOT NULL,
        first_response_hist integer[] NOT NULL,
        first_response_met integer NOT NULL,
        first_response_due integer NOT NULL,
        resolution_count integer NOT NULL,
        resolution_hist integer[] NOT NULL,
        resolution_met integer NOT NULL,
        resolution_due integer NOT NULL,
        week_hours integer[] NOT NULL
      )`);
    await db.query(`CREATE INDEX report_monthly_organization_month ON report_monthly (organization_id, month)`);

    const sums = (column: string, n: number) => `ARRAY[${Array.from({ length: n }, (_, i) => `sum(d.${column}[${i + 1}])`).join(', ')}]::integer[]`;
    const weekHours = `ARRAY[${Array.from({ length: 168 }, (_, i) => `coalesce(sum(d.hours[${(i % 24) + 1}]) FILTER (WHERE d.weekday = ${Math.floor(i / 24)}), 0)`).join(', ')}]::integer[]`;
    await db.query(`
      CREATE FUNCTION inbox_report_month(p_org uuid, p_month date) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM report_monthly WHERE organization_id = p_org AND month = p_month;
        INSERT INTO report_monthly
        SELECT p_org, p_month, d.channel_kind, d.type, d.team_id, d.branch_id,
          sum(d.created), sum(d.resolved), sum(d.first_response_count), ${sums('first_response_hist', 14)},
          sum(d.first_response_met), sum(d.first_response_due), sum(d.resolution_count), ${sums('resolution_hist', 14)},
          sum(d.resolution_met), sum(d.resolution_due), ${weekHours}
        FROM (SELECT r.*, extract(dow FROM r.day)::int AS weekday FROM report_daily r
              WHERE r.organization_id = p_org AND r.day >= p_month AND r.day < (p_month + interval '1 month')::date) d
        GROUP BY d.channel_kind, d.type, d.team_id, d.branch_id;
      END $$`);
    await db.query(`
      SELECT inbox_report_month(m.organization_id, m.month)
      FROM (SELECT DISTINCT organization_id, date_trunc('month', day)::date AS month FROM report_daily) m`);

    await db.query(`
      CREATE TABLE ticket_backlog (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        team_id uuid,
        assignee_id uuid,
        status text NOT NULL,
        confidential boolean NOT NULL,
        with_deadline boolean NOT NULL,
        n integer NOT NULL
      )`);
    await db.query(`CREATE INDEX ticket_backlog_organization ON ticket_backlog (organization_id)`);
    await db.query(`CREATE INDEX tickets_backlog_due ON tickets (organization_id, (${OVERDUE_AT('tickets')})) WHERE status IN ${OPEN}`);

    const key = (t: string) => `${t}.organization_id, ${t}.team_id, ${t}.assignee_id, ${t}.status, ${t}.confidential, ${OVERDUE_AT(t)} IS NOT NULL`;
    await db.query(`
      CREATE FUNCTION inbox_backlog_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ticket_backlog
        SELECT ${key('x')}, count(*) FROM new_rows x WHERE x.status IN ${OPEN} GROUP BY 1, 2, 3, 4, 5, 6;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION inbox_backlog_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ticket_backlog
        SELECT ${key('x')}, -count(*) FROM old_rows x WHERE x.status IN ${OPEN} GROUP BY 1, 2, 3, 4, 5, 6;
        RETURN NULL;
      END $$`);
    // Only the rows whose key changed, so the many updates that touch nothing counted (a new message's preview) add nothing.
    await db.query(`
      CREATE FUNCTION inbox_backlog_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ticket_backlog (organization_id, team_id, assignee_id, status, confidential, with_deadline, n)
        SELECT c.organization_id, c.team_id, c.assignee_id, c.status, c.confidential, c.with_deadline, sum(c.n)
        FROM (
          SELECT ${key('o')}, -1 AS n FROM old_rows o JOIN new_rows w ON w.id = o.id
          WHERE o.status IN ${OPEN} AND (${key('o')}) IS DISTINCT FROM (${key('w')})
          UNION ALL
          SELECT ${key('w')}, 1 FROM new_rows w JOIN old_rows o ON o.id = w.id
          WHERE w.status IN ${OPEN} AND (${key('o')}) IS DISTINCT FROM (${key('w')})
        ) c (organization_id, team_id, assignee_id, status, confidential, with_deadline, n)
        GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(c.n) <> 0;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER tickets_backlog_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_backlog_insert()`);
    await db.query(`CREATE TRIGGER tickets_backlog_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_backlog_delete()`);
    await db.query(`CREATE TRIGGER tickets_backlog_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inbox_backlog_update()`);
    await db.query(`
      INSERT INTO ticket_backlog
      SELECT ${key('t')}, count(*) FROM tickets t WHERE t.status IN ${OPEN} GROUP BY 1, 2, 3, 4, 5, 6`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tickets_backlog_update ON tickets`);
    await db.query(`DROP TRIGGER IF EXISTS tickets_backlog_delete ON tickets`);
    await db.query(`DROP TRIGGER IF EXISTS tickets_backlog_insert ON tickets`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_backlog_update()`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_backlog_delete()`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_backlog_insert()`);
    await db.query(`DROP INDEX IF EXISTS tickets_backlog_due`);
    await db.query(`DROP TABLE IF EXISTS ticket_backlog`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_report_month(uuid, date)`);
    await db.query(`DROP TABLE IF EXISTS report_monthly`);
  }
}
