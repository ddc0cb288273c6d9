import { OPEN_STATUSES, type ChannelKind, type TicketCounts, type TicketListItem, type TicketStatus } from '../api/types';
import type { ListParams } from '../api/http';

/** A view of the inbox, as it appears in the address (#/inbox/<key>). */
export type ViewKey = 'mine' | 'unassigned' | 'all' | `team:${string}` | `channel:${string}` | `status:${string}`;

export interface ViewFilter {
  statuses: TicketStatus[];
  /** 'me', 'none' or a user id. */
  assignee?: string;
  teamId?: string;
  channel?: string;
}

export function parseView(key: string | undefined): ViewKey {
  if (key === 'mine' || key === 'unassigned' || key === 'all') return key;
  if (key && /^(team|channel|status):[\w-]+$/.test(key)) return key as ViewKey;
  return 'mine';
}

export function viewFilter(key: ViewKey): ViewFilter {
  if (key === 'mine') return { statuses: OPEN_STATUSES, assignee: 'me' };
  if (key === 'unassigned') return { statuses: OPEN_STATUSES, assignee: 'none' };
  if (key.startsWith('team:')) return { statuses: OPEN_STATUSES, teamId: key.slice(5) };
  if (key.startsWith('channel:')) return { statuses: OPEN_STATUSES, channel: key.slice(8) };
  if (key.startsWith('status:')) return { statuses: [key.slice(7) as TicketStatus] };
  return { statuses: OPEN_STATUSES };
}

export function listParams(filter: ViewFilter, q: string): ListParams {
  return { status: filter.statuses.join(','), assignee: filter.assignee, teamId: filter.teamId, channel: filter.channel, q: q.trim() || undefined };
}

/** What a live event tells about a ticket; the channel is known only from a row. */
export interface TicketFacts {
  status: string;
  teamId: string | null;
  assigneeId: string | null;
  channelKind?: ChannelKind;
}

/** Whether a ticket with these facts belongs in the view (search is left to the server). */
export function matchesView(filter: ViewFilter, facts: TicketFacts, myId: string): boolean {
  if (!filter.statuses.includes(facts.status as TicketStatus)) return false;
  if (filter.assignee === 'me' && facts.assigneeId !== myId) return false;
  if (filter.assignee === 'none' && facts.assigneeId !== null) return false;
  if (filter.assignee && filter.assignee !== 'me' && filter.assignee !== 'none' && facts.assigneeId !== filter.assignee) return false;
  if (filter.teamId && facts.teamId !== filter.teamId) return false;
  if (filter.channel && facts.channelKind !== undefined && facts.channelKind !== filter.channel) return false;
  return true;
}

/** The count shown beside a view, when the server counts it. */
export function viewCount(key: ViewKey, counts: TicketCounts | null): number | null {
  if (!counts) return null;
  if (key === 'mine') return counts.mine;
  if (key === 'unassigned') return counts.unassigned;
  if (key === 'all') return counts.allOpen;
  if (key.startsWith('team:')) return counts.teams[key.slice(5)] ?? 0;
  if (key.startsWith('channel:')) return counts.byChannel?.[key.slice(8)] ?? 0;
  if (key.startsWith('status:')) return counts.byStatus?.[key.slice(7)] ?? null;
  return null;
}

/** The list's order: newest activity first, ties by id, as the server pages it. */
export function compareRows(a: TicketListItem, b: TicketListItem): number {
  if (a.lastActivityAt !== b.lastActivityAt) return a.lastActivityAt < b.lastActivityAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
