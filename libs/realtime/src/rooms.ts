import { Actor, Role, seesConfidential, seesWholeOrganization } from '@inbox/tenancy';
import { EventMap, EventType } from './event-map';

/**
 * socket.io rooms. A socket joins only the rooms its user's roles and
 * memberships allow; an event goes only to the rooms of those who may see
 * its ticket, by the same rule as lists and counts (TicketListQuery).
 */
export const Rooms = {
  /** Everyone of the organization: tickets with no team are visible to all its staff. */
  organization: (organizationId: string) => `org:${organizationId}`,
  /** Admins and supervisors: every non-confidential ticket. */
  wholeOrganization: (organizationId: string) => `org:${organizationId}:all`,
  /** Admins: the channels' connection state, with WhatsApp pairing codes. */
  admins: (organizationId: string) => `org:${organizationId}:admins`,
  /** Complaints officers: confidential tickets (with each case's participants, minus whom it names). */
  complaints: (organizationId: string) => `org:${organizationId}:complaints`,
  team: (teamId: string) => `team:${teamId}`,
  user: (userId: string) => `user:${userId}`,
  /** Presence only: who has a ticket open. Joined after a visibility check. */
  ticket: (ticketId: string) => `ticket:${ticketId}`,
};

export function roomsOf(actor: Actor): string[] {
  const rooms = [Rooms.organization(actor.organizationId), Rooms.user(actor.userId), ...actor.teamIds.map(Rooms.team)];
  if (seesWholeOrganization(actor)) rooms.push(Rooms.wholeOrganization(actor.organizationId));
  if (seesConfidential(actor)) rooms.push(Rooms.complaints(actor.organizationId));
  if (actor.roles.includes(Role.Admin)) rooms.push(Rooms.admins(actor.organizationId));
  return rooms;
}

/** A committed change-feed row as the database announces it (see the events_notify trigger). */
export interface EventNotice<T extends EventType = EventType> {
  id: string;
  organizationId: string;
  ticketId: string | null;
  type: T;
  confidential: boolean;
  /** The ticket's team and assignee when the event committed. */
  teamId: string | null;
  assigneeId: string | null;
  /** Confidential tickets only: users added to the case, and users the complaint names (who must never hear of it). */
  participants?: string[];
  excluded?: string[];
  at: string;
  payload: EventMap[T];
}

export interface Audience {
  rooms: string[];
  /** Rooms whose sockets are left out even when they are in one of `rooms`. */
  except: string[];
}

/**
 * Who hears an event. A notification goes to its one recipient; a
 * confidential event to the complaints officers and the case's participants,
 * never to anyone the complaint names; anything else to the supervisors, the
 * ticket's team (or everyone, when it has none) and its assignee, before and
 * after a reassignment.
 */
export function audienceFor(notice: EventNotice): Audience {
  const except = notice.confidential ? (notice.excluded ?? []).map(Rooms.user) : [];
  if (notice.type === 'notification') return { rooms: [Rooms.user((notice.payload as EventMap['notification']).recipientId)], except };
  if (notice.type === 'channel.status') return { rooms: [Rooms.admins(notice.organizationId)], except };
  if (notice.confidential) {
    return { rooms: [Rooms.complaints(notice.organizationId), ...(notice.participants ?? []).map(Rooms.user)], except };
  }
  const rooms = new Set([Rooms.wholeOrganization(notice.organizationId)]);
  const holders: { teamId: string | null; assigneeId: string | null }[] = [notice];
  const previous = notice.type === 'ticket.updated' ? (notice.payload as EventMap['ticket.updated']).previous : undefined;
  if (previous) holders.push(previous);
  for (const { teamId, assigneeId } of holders) {
    rooms.add(teamId ? Rooms.team(teamId) : Rooms.organization(notice.organizationId));
    if (assigneeId) rooms.add(Rooms.user(assigneeId));
  }
  return { rooms: [...rooms], except };
}
