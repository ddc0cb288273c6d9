import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '@inbox/core';
import { identityFromQuery, prefixQuery } from '@inbox/contacts';
import { Actor, confidentialAccessSql, seesConfidential, seesWholeOrganization } from '@inbox/tenancy';
import { REFERENCE_PATTERN } from './ticket-reference';
import { OPEN_STATUSES, TicketPriority, TicketStatus } from './ticket.entity';

export interface TicketFilter {
  status?: TicketStatus[];
  teamId?: string;
  /** 'me', 'none' or a user id */
  assignee?: string;
  channel?: string;
  type?: string;
  priority?: TicketPriority;
  q?: string;
  /** Only these tickets (a row refreshed after a live event). */
  ids?: string[];
  cursor?: string;
  limit: number;
}

export interface TicketListItem {
  id: string;
  reference: string;
  subject: string;
  type: string;
  status: TicketStatus;
  priority: TicketPriority;
  channelKind: string;
  contactId: string;
  contactName: string | null;
  teamId: string | null;
  assigneeId: string | null;
  confidential: boolean;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  lastActivityAt: Date;
  lastMessagePreview: string;
  createdAt: Date;
  /** Something happened on it since this user last opened it. */
  unread: boolean;
}

export interface TicketPage {
  items: TicketListItem[];
  nextCursor: string | null;
}

export interface TicketCounts {
  mine: number;
  unassigned: number;
  allOpen: number;
  teams: Record<string, number>;
  /** Open tickets by status. */
  byStatus: Record<string, number>;
  /** Open tickets by the channel they came in on. */
  byChannel: Record<string, number>;
}

/** Terms whose estimated message matches exceed this are searched newest-first instead of index-first. */
const COMMON_TERM_ROWS = 20_000;
/** Index-first search reads at most this many matching rows before it switches to the newest-first walk. */
const INDEX_FIRST_CAP = 5_000;

const COLUMNS = `
  t.id, t.reference, t.subject, t.type, t.status, t.priority, t.channel_kind AS "channelKind", t.contact_id AS "contactId",
    c.name AS "contactName", t.team_id AS "teamId", t.assignee_id AS "assigneeId", t.confidential,
    t.first_response_due_at AS "firstResponseDueAt", t.resolution_due_at AS "resolutionDueAt",
    t.last_activity_at AS "lastActivityAt", to_json(t.last_activity_at) #>> '{}' AS "activityKey", t.last_message_preview AS "lastMessagePreview", t.created_at AS "createdAt",
    (r.read_at IS NULL OR r.read_at < t.last_activity_at) AS unread`;

/** The reader's own read marker, joined to the rows of a page only. */
const READS = (user: string) => `LEFT JOIN ticket_reads r ON r.ticket_id = t.id AND r.user_id = ${user}`;

const ORDER = 'ORDER BY t.last_activity_at DESC, t.id DESC';

const literalList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');

/** SQL conditions and parameters, built in step so each value gets its own placeholder. */
export class Conditions {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];

  add(condition: (placeholder: (value: unknown) => string) => string): void {
    this.sql.push(condition((value) => {
      this.params.push(value);
      return `$${this.params.length}`;
    }));
  }
}

/**
 * The inbox list, keyset-paginated on (last_activity_at, id) so every page
 * costs the same. Status lists are inlined as literals (they are validated
 * enum values) so the planner can use the partial open-ticket indexes.
 */
@Injectable()
export class TicketListQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: TicketFilter): Promise<TicketPage> {
    const where = await this.visibility(actor);
    this.applyFilters(actor, where, filter);
    if (filter.cursor) {
      const cursor = decodeCursor(filter.cursor);
      where.add((p) => `(t.last_activity_at, t.id) < (${p(cursor.at)}::timestamptz, ${p(cursor.id)}::uuid)`);
    }
    const q = filter.q?.trim();
    if (q && !(await this.applyExactSearch(actor, where, q))) {
      const tsquery = prefixQuery(q);
      if (!tsquery) return { items: [], nextCursor: null };
      return this.textSearch(actor, where, tsquery, filter.limit);
    }
    return this.page(actor, where, filter.limit);
  }

  /** Every count of the views in one scan of the open tickets, grouped finely enough to add up each view. */
  async counts(actor: Actor): Promise<TicketCounts> {
    const where = await this.visibility(actor);
    where.sql.push(`t.status IN (${literalList(OPEN_STATUSES)})`);
    const me = `$${where.params.push(actor.userId)}::uuid`;
    const groups: { status: string; channel: string; team_id: string | null; mine: boolean; unassigned: boolean; n: string }[] = await this.dataSource.query(
      `SELECT t.status, t.channel_kind AS channel, t.team_id, coalesce(t.assignee_id = ${me}, false) AS mine, t.assignee_id IS NULL AS unassigned, count(*) AS n
       FROM tickets t WHERE ${where.sql.join(' AND ')} GROUP BY 1, 2, 3, 4, 5`,
      where.params,
    );
    const sum = (rows: typeof groups) => rows.reduce((total, g) => total + Number(g.n), 0);
    const tally = (key: 'status' | 'channel') =>
      groups.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g[key]]: (acc[g[key]] ?? 0) + Number(g.n) }), {});
    return {
      mine: sum(groups.filter((g) => g.mine)),
      unassigned: sum(groups.filter((g) => g.unassigned)),
      allOpen: sum(groups),
      teams: Object.fromEntries(actor.teamIds.map((id) => [id, sum(groups.filter((g) => g.team_id === id))])),
      byStatus: tally('status'),
      byChannel: tally('channel'),
    };
  }

  /**
   * Who sees which tickets; the same clause serves lists, counts, search and
   * replay. Confidential tickets follow their case (confidentialAccessSql):
   * most users take part in no case, and for them the clause is the plain
   * `NOT t.confidential` the planner handles best.
   */
  async visibility(actor: Actor): Promise<Conditions> {
    const where = new Conditions();
    where.add((p) => `t.organization_id = ${p(actor.organizationId)}`);
    if (!seesWholeOrganization(actor)) {
      // Confidential tickets ignore teams: the case decides (below).
      where.add((p) => `(t.team_id = ANY(${p(actor.teamIds)}::uuid[]) OR t.assignee_id = ${p(actor.userId)} OR t.team_id IS NULL OR t.confidential)`);
    }
    if (seesConfidential(actor)) {
      where.add((p) => confidentialAccessSql(actor, 't', p(actor.userId)));
      return where;
    }
    const cases = await this.casesOf(actor);
    if (cases.length === 0) where.sql.push('NOT t.confidential');
    else where.add((p) => `(NOT t.confidential OR t.id = ANY(${p(cases)}::uuid[]))`);
    return where;
  }

  /** The complaint cases this user was added to and is not named in. */
  private async casesOf(actor: Actor): Promise<string[]> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(array_agg(p.ticket_id), '{}') AS ids FROM complaint_participants p
       WHERE p.user_id = $1 AND NOT EXISTS (SELECT 1 FROM complaint_exclusions x WHERE x.ticket_id = p.ticket_id AND x.user_id = p.user_id)`,
      [actor.userId],
    );
    return row.ids;
  }

  private applyFilters(actor: Actor, where: Conditions, filter: TicketFilter): void {
    if (filter.status?.length) where.sql.push(`t.status IN (${literalList(filter.status)})`);
    if (filter.teamId) where.add((p) => `t.team_id = ${p(filter.teamId)}`);
    if (filter.assignee === 'none') where.sql.push('t.assignee_id IS NULL');
    else if (filter.assignee) where.add((p) => `t.assignee_id = ${p(filter.assignee === 'me' ? actor.userId : filter.assignee)}`);
    if (filter.channel) where.add((p) => `t.channel_kind = ${p(filter.channel)}`);
    if (filter.type) where.add((p) => `t.type = ${p(filter.type)}`);
    if (filter.priority) where.add((p) => `t.priority = ${p(filter.priority)}`);
    if (filter.ids) where.add((p) => `t.id = ANY(${p(filter.ids)}::uuid[])`);
  }

  /** References, phone numbers, emails and national ids are looked up exactly, through their unique indexes. */
  private async applyExactSearch(actor: Actor, where: Conditions, q: string): Promise<boolean> {
    if (REFERENCE_PATTERN.test(q)) {
      where.add((p) => `t.reference = ${p(q.toUpperCase())}`);
      return true;
    }
    const identity = identityFromQuery(q);
    if (!identity) return false;
    where.add((p) => `t.contact_id IN (SELECT contact_id FROM contact_identities WHERE organization_id = ${p(actor.organizationId)} AND value = ${p(identity.value)})`);
    return true;
  }

  /**
   * Words over ticket subjects, message text and contact names. A rare term is
   * fastest found index-first (all matches, then sorted); a common one walks
   * tickets newest-first, testing each ticket's search document, and stops at
   * a page. The planner's estimate from the tsvector statistics and capped
   * counts of matching messages and contacts pick the shape.
   */
  private async textSearch(actor: Actor, where: Conditions, tsquery: string, limit: number): Promise<TicketPage> {
    const rare = (await this.estimateMessageMatches(actor.organizationId, tsquery)) < COMMON_TERM_ROWS
      && (await this.countMatches('messages', actor.organizationId, tsquery)) <= INDEX_FIRST_CAP
      && (await this.countMatches('contacts', actor.organizationId, tsquery)) <= INDEX_FIRST_CAP / 5;
    if (rare) {
      // The matches are gathered first and fenced off (MATERIALIZED), so the planner sorts a few thousand
      // tickets at most instead of walking the newest-first index hoping to meet them; contact names are
      // joined to the page only.
      const org = `$${where.params.push(actor.organizationId)}`;
      const query = `to_tsquery('simple', $${where.params.push(tsquery)})`;
      const hits = `
        matched_contacts AS MATERIALIZED (SELECT id FROM contacts WHERE organization_id = ${org} AND search_vector @@ ${query}),
        hits AS MATERIALIZED (
          SELECT ticket_id AS id FROM messages WHERE organization_id = ${org} AND search_vector @@ ${query}
          UNION SELECT id FROM tickets WHERE organization_id = ${org} AND search_vector @@ ${query}
          UNION SELECT id FROM tickets WHERE contact_id IN (SELECT id FROM matched_contacts))`;
      return this.page(actor, where, limit, hits);
    }
    where.add((p) => {
      const query = `to_tsquery('simple', ${p(tsquery)})`;
      // One cheap test per ticket passed on the newest-first walk: the ticket's own document, or its contact's current name.
      return `(t.search_document @@ ${query} OR c.search_vector @@ ${query})`;
    });
    return this.page(actor, where, limit);
  }

  private async estimateMessageMatches(organizationId: string, tsquery: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM messages WHERE organization_id = $1 AND search_vector @@ to_tsquery('simple', $2)`,
      [organizationId, tsquery],
    );
    const plan = row['QUERY PLAN'];
    return Number((Array.isArray(plan) ? plan : JSON.parse(plan))[0].Plan['Plan Rows']);
  }

  private async countMatches(table: 'messages' | 'contacts', organizationId: string, tsquery: string): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS found FROM (
         SELECT 1 FROM ${table} WHERE organization_id = $1 AND search_vector @@ to_tsquery('simple', $2) LIMIT ${INDEX_FIRST_CAP + 1}) m`,
      [organizationId, tsquery],
    );
    return row.found;
  }

  private async page(actor: Actor, where: Conditions, limit: number, hits?: string): Promise<TicketPage> {
    const conditions = where.sql.join(' AND ');
    const reads = READS(`$${where.params.push(actor.userId)}::uuid`);
    const sql = hits
      ? `WITH ${hits},
           page AS MATERIALIZED (SELECT t.* FROM tickets t JOIN hits h ON h.id = t.id WHERE ${conditions} ${ORDER} LIMIT ${limit + 1})
         SELECT ${COLUMNS} FROM page t JOIN contacts c ON c.id = t.contact_id ${reads} ${ORDER}`
      : `SELECT ${COLUMNS} FROM tickets t JOIN contacts c ON c.id = t.contact_id ${reads} WHERE ${conditions} ${ORDER} LIMIT ${limit + 1}`;
    const rows: (TicketListItem & { activityKey: string })[] = await this.dataSource.query(sql, where.params);
    // The cursor keeps PostgreSQL's microseconds; a JavaScript Date would round them and skip rows.
    const last = rows[limit - 1];
    const items = rows.slice(0, limit).map(({ activityKey: _key, ...item }) => item);
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.activityKey, id: last.id }) : null };
  }
}
