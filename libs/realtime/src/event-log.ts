import { EntityManager } from 'typeorm';
import { EventMap, EventType } from './event-map';

export interface RecordedEvent<T extends EventType = EventType> {
  organizationId: string;
  ticketId: string | null;
  confidential: boolean;
  type: T;
  payload: EventMap[T];
}

/** Appends to the change feed inside the caller's transaction, so an event exists exactly when its change does. */
export async function recordEvents(manager: EntityManager, events: RecordedEvent[]): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO events (organization_id, ticket_id, confidential, type, payload)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::text[], $5::jsonb[])`,
    [
      events.map((e) => e.organizationId),
      events.map((e) => e.ticketId),
      events.map((e) => e.confidential),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.payload)),
    ],
  );
}
