import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventNotice, StreamEvent, SyncResult } from '@inbox/realtime';
import { Actor } from '@inbox/tenancy';
import { TicketListQuery } from './ticket-list.query';

/** More than this many events since a client's cursor and it refetches instead of replaying. */
const REPLAY_LIMIT = 500;
/**
 * Ids are taken when a transaction inserts its event, not when it commits,
 * so an event with a smaller id can commit just after the client saw a larger
 * one. A replay therefore also covers the few seconds before the cursor; the
 * client drops ids it has already applied.
 */
const LATE_COMMIT_WINDOW = "interval '5 seconds'";
/** How far below the cursor the late-commit window may look, to keep the scan on the primary key short. */
const LATE_COMMIT_IDS = 5_000;

interface EventRow {
  id: string;
  type: StreamEvent['type'];
  ticket_id: string | null;
  created_at: Date;
  payload: StreamEvent['payload'];
}

/** Reads the change feed (the events table) as a user may see it, by the same visibility rule as lists. */
@Injectable()
export class ChangeFeed {
  constructor(@InjectDataSource() private readonly dataSource: DataSource, private readonly listQuery: TicketListQuery) {}

  async latestId(): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM events`);
    return row.id;
  }

  /** What changed since the client's cursor, oldest first, or a reset when too much did. */
  async since(actor: Actor, since: string): Promise<SyncResult> {
    const where = await this.listQuery.visibility(actor);
    const cursor = where.params.push(since);
    const user = where.params.push(actor.userId);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT e.id::text AS id, e.type, e.ticket_id, e.created_at, e.payload
       FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id
       WHERE e.organization_id = $1
         AND (e.id > $${cursor}::bigint
              OR (e.id > $${cursor}::bigint - ${LATE_COMMIT_IDS}
                  AND e.created_at >= (SELECT created_at FROM events WHERE id = $${cursor}::bigint) - ${LATE_COMMIT_WINDOW}))
         AND t.id IS NOT NULL AND ${where.sql.join(' AND ')}
         AND (e.type <> 'notification' OR e.payload ->> 'recipientId' = $${user}::text)
       ORDER BY e.id
       LIMIT ${REPLAY_LIMIT + 1}`,
      where.params,
    );
    const events = rows.map(toStreamEvent);
    const lastEventId = events.length ? events[events.length - 1].id : since;
    if (events.length > REPLAY_LIMIT) return { events: [], lastEventId: await this.latestId(), reset: true };
    return { events, lastEventId: maxId(lastEventId, since), reset: false };
  }

  /** One event in the shape the relay announces, for notices too large for NOTIFY. */
  async notice(id: string): Promise<EventNotice | null> {
    const [notice] = await this.notices(`e.id = $1`, [id]);
    return notice ?? null;
  }

  /** Committed events after an id, for the relay to catch up after its listening connection dropped. */
  after(id: string, limit = 1000): Promise<EventNotice[]> {
    return this.notices(`e.id > $1 ORDER BY e.id LIMIT ${Number(limit)}`, [id]);
  }

  private async notices(condition: string, params: unknown[]): Promise<EventNotice[]> {
    const rows = await this.dataSource.query(
      `SELECT e.id::text AS id, e.organization_id, e.ticket_id, e.type, e.confidential, t.team_id, t.assignee_id, e.created_at, e.payload,
              (SELECT coalesce(array_agg(user_id), '{}') FROM complaint_participants WHERE ticket_id = e.ticket_id) AS participants,
              (SELECT coalesce(array_agg(user_id), '{}') FROM complaint_exclusions WHERE ticket_id = e.ticket_id) AS excluded
       FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id WHERE ${condition}`,
      params,
    );
    return rows.map((row: Record<string, any>) => ({
      id: row.id, organizationId: row.organization_id, ticketId: row.ticket_id, type: row.type, confidential: row.confidential,
      teamId: row.team_id, assigneeId: row.assignee_id, participants: row.participants, excluded: row.excluded,
      at: new Date(row.created_at).toISOString(), payload: row.payload,
    }));
  }
}

function toStreamEvent(row: EventRow): StreamEvent {
  return { id: row.id, type: row.type, ticketId: row.ticket_id, at: new Date(row.created_at).toISOString(), payload: row.payload };
}

function maxId(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}
