import { api, ApiError } from '../api/http';
import type { TicketListItem } from '../api/types';
import type { InboxEvent, RealtimeClient } from '../realtime/realtime-client';
import { compareRows, listParams, matchesView, type ViewFilter } from './views';

const PAGE_SIZE = 100;
/** Live rows are fetched in small batches, so a burst of events costs a few requests, not one each. */
const SUMMARY_BATCH_MS = 120;
const SUMMARY_PARALLEL = 6;
/** How long a row that arrived live is marked as new (it slides in and is highlighted). */
const FRESH_MS = 4_000;

export interface ListSnapshot {
  items: TicketListItem[];
  nextCursor: string | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  loadingMore: boolean;
  /** Rows that arrived live a moment ago. */
  fresh: ReadonlySet<string>;
}

/**
 * One view's rows, kept in the server's order (newest activity first) and
 * patched from live events: rows that stop matching the view leave, rows that
 * start matching (or are new) are fetched one by one and slotted in. A search
 * result is the server's: it is patched but nothing new is added to it.
 */
export class TicketListStore {
  private snapshot: ListSnapshot = { items: [], nextCursor: null, status: 'loading', error: null, loadingMore: false, fresh: new Set() };
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Set<string>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly unsubscribe: (() => void)[] = [];
  private destroyed = false;
  /** The ticket open beside the list: read by definition, whatever a page fetched a moment earlier says. */
  private openId: string | null = null;

  constructor(private readonly filter: ViewFilter, private readonly q: string, private readonly myId: string, private readonly realtime: RealtimeClient) {}

  /** Listens to the stream; the first page is loaded by `load`. */
  start(): void {
    this.destroyed = false;
    this.unsubscribe.push(this.realtime.onStream((event) => this.handle(event)));
    this.unsubscribe.push(this.realtime.onReset(() => void this.load()));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ListSnapshot => this.snapshot;

  destroy(): void {
    this.destroyed = true;
    this.unsubscribe.splice(0).forEach((off) => off());
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
  }

  async load(): Promise<void> {
    const generation = ++this.generation;
    if (this.snapshot.items.length === 0) this.set({ status: 'loading', error: null });
    try {
      const page = await api.tickets({ ...listParams(this.filter, this.q), limit: PAGE_SIZE });
      if (generation !== this.generation) return;
      this.set({ items: page.items.map((item) => this.seen(item)), nextCursor: page.nextCursor, status: 'ready', error: null, loadingMore: false });
    } catch (error) {
      if (generation !== this.generation) return;
      this.set({ status: 'error', error: (error as Error).message });
    }
  }

  async loadMore(): Promise<void> {
    const { nextCursor, loadingMore, status } = this.snapshot;
    if (!nextCursor || loadingMore || status !== 'ready') return;
    const generation = this.generation;
    this.set({ loadingMore: true });
    try {
      const page = await api.tickets({ ...listParams(this.filter, this.q), cursor: nextCursor, limit: PAGE_SIZE });
      if (generation !== this.generation) return;
      const known = new Set(this.snapshot.items.map((item) => item.id));
      const more = page.items.filter((item) => !known.has(item.id)).map((item) => this.seen(item));
      this.set({ items: [...this.snapshot.items, ...more], nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      if (generation !== this.generation) return;
      this.set({ loadingMore: false, error: (error as Error).message });
    }
  }

  /** The agent opened it (or it was marked read while open): no longer unread for them. */
  markRead(id: string): void {
    this.openId = id;
    const index = this.snapshot.items.findIndex((item) => item.id === id);
    if (index < 0 || !this.snapshot.items[index]!.unread) return;
    const items = this.snapshot.items.slice();
    items[index] = { ...items[index]!, unread: false };
    this.set({ items });
  }

  setOpen(id: string | null): void {
    this.openId = id;
    if (id) this.markRead(id);
  }

  private seen(item: TicketListItem): TicketListItem {
    return item.id === this.openId && item.unread ? { ...item, unread: false } : item;
  }

  private handle(event: InboxEvent): void {
    if (this.destroyed || !event.ticketId) return;
    const row = this.snapshot.items.find((item) => item.id === event.ticketId);
    switch (event.type) {
      case 'ticket.created':
        if (!this.q && matchesView(this.filter, event.payload, this.myId)) this.queue(event.ticketId);
        break;
      case 'ticket.updated': {
        const facts = { ...event.payload, channelKind: row?.channelKind };
        if (row && !matchesView(this.filter, facts, this.myId)) this.remove(row.id);
        else if (row) this.patch(row.id, { status: event.payload.status as TicketListItem['status'], priority: event.payload.priority as TicketListItem['priority'], teamId: event.payload.teamId, assigneeId: event.payload.assigneeId });
        else if (!this.q && matchesView(this.filter, facts, this.myId)) this.queue(event.ticketId);
        break;
      }
      case 'message.created':
        // New activity moves a row to the top and may make it unread; an unknown ticket may now belong here.
        if (row || !this.q) this.queue(event.ticketId);
        break;
      default:
        break;
    }
  }

  private queue(id: string): void {
    this.pending.add(id);
    this.flushTimer ??= setTimeout(() => void this.flush(), SUMMARY_BATCH_MS);
  }

  private async flush(): Promise<void> {
    this.flushTimer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    const generation = this.generation;
    for (let i = 0; i < ids.length; i += SUMMARY_PARALLEL) {
      const results = await Promise.all(ids.slice(i, i + SUMMARY_PARALLEL).map(async (id) => {
        try {
          return { id, item: await api.summary(id) };
        } catch (error) {
          // Gone from this user's sight (reassigned to a team they are not in, made confidential): drop the row.
          if (error instanceof ApiError && error.status === 404) return { id, item: null };
          throw error;
        }
        // Any other failure (offline, a restart) leaves the row as it was: the next event or a reset refreshes it.
      }).map((promise) => promise.catch(() => undefined)));
      if (this.destroyed || generation !== this.generation) return;
      for (const result of results) {
        if (!result) continue;
        if (!result.item || !matchesView(this.filter, result.item, this.myId)) this.remove(result.id);
        else this.upsert(result.item);
      }
    }
  }

  private upsert(fetched: TicketListItem): void {
    const item = this.seen(fetched);
    const existing = this.snapshot.items.findIndex((row) => row.id === item.id);
    const items = this.snapshot.items.slice();
    if (existing >= 0) items.splice(existing, 1);
    let index = items.findIndex((row) => compareRows(item, row) < 0);
    if (index < 0) {
      // Older than everything loaded: it belongs to a page not fetched yet, unless this is the last page.
      if (this.snapshot.nextCursor) return existing >= 0 ? this.set({ items }) : undefined;
      index = items.length;
    }
    items.splice(index, 0, item);
    const fresh = existing < 0 ? this.freshen(item.id) : this.snapshot.fresh;
    this.set({ items, fresh });
  }

  private remove(id: string): void {
    if (!this.snapshot.items.some((item) => item.id === id)) return;
    this.set({ items: this.snapshot.items.filter((item) => item.id !== id) });
  }

  private patch(id: string, change: Partial<TicketListItem>): void {
    this.set({ items: this.snapshot.items.map((item) => (item.id === id ? { ...item, ...change } : item)) });
  }

  private freshen(id: string): ReadonlySet<string> {
    setTimeout(() => {
      if (this.destroyed || !this.snapshot.fresh.has(id)) return;
      const fresh = new Set(this.snapshot.fresh);
      fresh.delete(id);
      this.set({ fresh });
    }, FRESH_MS);
    return new Set(this.snapshot.fresh).add(id);
  }

  private set(change: Partial<ListSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    this.listeners.forEach((listener) => listener());
  }
}
