/**
 * Every event the ticket stream records, by name. The events table is the
 * change feed: realtime fan-out reads it after commit and a reconnecting
 * client replays it from the last id it saw.
 */
export interface TicketEventPayload {
  ticketId: string;
  reference: string;
  status: string;
  priority: string;
  teamId: string | null;
  assigneeId: string | null;
}

export interface MessageEventPayload {
  ticketId: string;
  messageId: string;
  direction: string;
  deliveryStatus: string | null;
}

export interface EventMap {
  'ticket.created': TicketEventPayload;
  'ticket.updated': TicketEventPayload & { changes: string[] };
  'message.created': MessageEventPayload;
  'message.updated': MessageEventPayload & { failureReason?: string | null };
}

export type EventType = keyof EventMap;
