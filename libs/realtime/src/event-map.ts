/**
 * Every event the ticket stream records, by name. The events table is the
 * change feed: the database announces each row at commit (NOTIFY), the
 * realtime relay fans it out to rooms, and a reconnecting client replays it
 * from the last id it saw.
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

export interface NotificationPayload {
  /** The one user this notification is for. */
  recipientId: string;
  kind: 'assigned' | 'mentioned' | 'added_to_case' | 'deadline_approaching' | 'deadline_breached' | 'incoming_call' | 'channel_lost' | 'visit_assigned';
  /** Null for a call from someone with no open ticket yet. */
  ticketId: string | null;
  reference: string | null;
  /** Who caused it. */
  actorId: string | null;
  messageId?: string;
  /** Deadline notifications: which one, and when it is (was) due. */
  deadline?: 'first_response' | 'next_response' | 'resolution' | 'decision';
  dueAt?: string;
  /** incoming_call: the caller, for the answering agent's screen. */
  call?: { callId: string; number: string; contactId: string | null; contactName: string | null };
  /** channel_lost: the number that disconnected or was logged out, and why. */
  channel?: { accountId: string; name: string; state: string; detail: string | null };
}

/** A channel account's connection as its admins watch it (WhatsApp Web pairing: the QR code, or the pairing code). */
export interface ChannelStatusPayload {
  channelAccountId: string;
  kind: string;
  state: string;
  detail: string | null;
  qr: string | null;
  pairingCode: string | null;
  /** The paired phone's number (digits), once known. */
  phone: string | null;
}

export interface EventMap {
  'ticket.created': TicketEventPayload;
  /** `previous` holds the team and assignee before the change, so the views the ticket left hear of it too. */
  'ticket.updated': TicketEventPayload & { changes: string[]; previous?: { teamId: string | null; assigneeId: string | null } };
  'message.created': MessageEventPayload;
  'message.updated': MessageEventPayload & { failureReason?: string | null };
  notification: NotificationPayload;
  /** Only to the organization's admins; never replayed (the admin page reads the current state when it opens). */
  'channel.status': ChannelStatusPayload;
}

export type EventType = keyof EventMap;
