import { MigrationInterface, QueryRunner } from 'typeorm';

/** Minutes: the upper bounds of the time histograms (the last bucket is open). Kept in step with REPORT_BUCKETS in libs/tickets. */
const BUCKETS = '{5,15,30,60,120,240,480,1440,2880,4320,10080,20160,43200}';

/**
 * Reports read a daily rollup, not the tickets: one row per organization,
 * local day (by the ticket's creation), channel, type, team and branch, with
 * the counts and the histograms of first-response and resolution times
 * (medians and 90th percentiles are read from them). A trigger marks the
 * (organization, day) a ticket change touches as dirty; the worker
 * recomputes dirty days every minute, so a year of a million tickets is a
 * few thousand rows to add up.
 */
export class Reports1733200000000 implements MigrationInterface {
  name = 'Reports1733200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_daily (
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        day date NOT NULL,
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
        hours integer[] NOT NULL
      )`);
    await db.query(`CREATE INDEX report_daily_organization_day ON report_daily (organization_id, day)`);
    // A day's tickets, for recomputing it.
    await db.query(`CREATE INDEX tickets_organization_created ON tickets (organization_id, created_at)`);
    await db.query(`CREATE TABLE report_dirty (organization_id uuid NOT NULL, day date NOT NULL, PRIMARY KEY (organization_id, day))`);

    const counts = (column: string, n: number) => `ARRAY[${Array.from({ length: n }, (_, i) => `count(*) FILTER (WHERE ${column} = ${i})`).join(', ')}]::integer[]`;
    await db.query(`
      CREATE FUNCTION inbox_report_day(p_org uuid, p_day date) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        v_zone text := (SELECT time_zone FROM organizations WHERE id = p_org);
        v_from timestamptz := p_day::timestamp AT TIME ZONE v_zone;
        v_to timestamptz := (p_day + 1)::timestamp AT TIME ZONE v_zone;
      BEGIN
        DELETE FROM report_daily WHERE organization_id = p_org AND day = p_day;
        INSERT INTO report_daily
        SELECT p_org, p_day, t.channel_kind, t.type, t.team_id, t.branch_id,
          count(*),
          count(t.done_at),
          count(t.first_responded_at),
          ${counts('t.first_bucket', 14)},
          count(*) FILTER (WHERE t.first_responded_at <= t.first_response_due_at),
          count(*) FILTER (WHERE t.first_response_due_at IS NOT NULL AND (t.first_responded_at IS NOT NULL OR t.first_response_due_at < now())),
          count(t.done_at),
          ${counts('t.done_bucket', 14)},
          count(*) FILTER (WHERE t.done_at <= t.resolution_due_at),
          count(*) FILTER (WHERE t.resolution_due_at IS NOT NULL AND (t.done_at IS NOT NULL OR t.resolution_due_at < now())),
          ${counts('t.hour', 24)}
        FROM (
          SELECT x.channel_kind, x.type, x.team_id, x.branch_id, x.first_responded_at, x.first_response_due_at, x.resolution_due_at,
                 coalesce(x.resolved_at, x.closed_at) AS done_at,
                 width_bucket(extract(epoch FROM x.first_responded_at - x.created_at) / 60, '${BUCKETS}'::float8[]) AS first_bucket,
                 width_bucket(extract(epoch FROM coalesce(x.resolved_at, x.closed_at) - x.created_at) / 60, '${BUCKETS}'::float8[]) AS done_bucket,
                 extract(hour FROM x.created_at AT TIME ZONE v_zone)::int AS hour
          FROM tickets x
          WHERE x.organization_id = p_org AND x.created_at >= v_from AND x.created_at < v_to
        ) t
        GROUP BY t.channel_kind, t.type, t.team_id, t.branch_id;
      END $$`);

    await db.query(`
      CREATE FUNCTION inbox_report_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty (organization_id, day)
          SELECT NEW.organization_id, (NEW.created_at AT TIME ZONE o.time_zone)::date FROM organizations o WHERE o.id = NEW.organization_id
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER tickets_report_insert AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION inbox_report_mark_dirty()`);
    await db.query(`
      CREATE TRIGGER tickets_report_update AFTER UPDATE ON tickets FOR EACH ROW
      WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.first_responded_at IS DISTINCT FROM NEW.first_responded_at
        OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.branch_id IS DISTINCT FROM NEW.branch_id OR OLD.type IS DISTINCT FROM NEW.type
        OR OLD.first_response_due_at IS DISTINCT FROM NEW.first_response_due_at OR OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at)
      EXECUTE FUNCTION inbox_report_mark_dirty()`);
    // Whatever exists already is one backlog of dirty days.
    await db.query(`
      INSERT INTO report_dirty (organization_id, day)
      SELECT DISTINCT t.organization_id, (t.created_at AT TIME ZONE o.time_zone)::date FROM tickets t JOIN organizations o ON o.id = t.organization_id
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS tickets_report_update ON tickets`);
    await db.query(`DROP TRIGGER IF EXISTS tickets_report_insert ON tickets`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_report_mark_dirty()`);
    await db.query(`DROP FUNCTION IF EXISTS inbox_report_day(uuid, date)`);
    await db.query(`DROP TABLE IF EXISTS report_dirty`);
    await db.query(`DROP INDEX IF EXISTS tickets_organization_created`);
    await db.query(`DROP TABLE IF EXISTS report_daily`);
  }
}
