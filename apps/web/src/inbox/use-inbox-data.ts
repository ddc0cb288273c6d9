import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { api } from '../api/http';
import type { TicketCounts } from '../api/types';
import type { RealtimeClient } from '../realtime/realtime-client';
import { TicketListStore, type ListSnapshot } from './ticket-list-store';
import type { ViewFilter } from './views';

/** The rows of one view (and search), live. A new store per view keeps each view's paging simple. */
export function useTicketList(filter: ViewFilter, q: string, myId: string, realtime: RealtimeClient): { store: TicketListStore; snapshot: ListSnapshot } {
  const key = JSON.stringify(filter);
  // The filter is compared by value (its JSON), so a new object with the same view keeps the same store.
  const store = useMemo(() => new TicketListStore(filter, q, myId, realtime), [key, q, myId, realtime]);
  useEffect(() => {
    let cancelled = false;
    store.start();
    // Wait briefly for the socket, so no event falls between the first page and the live stream.
    void realtime.whenReady(1_500).then(() => {
      if (!cancelled) void store.load();
    });
    return () => {
      cancelled = true;
      store.destroy();
    };
  }, [store, realtime]);
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { store, snapshot };
}

const COUNTS_DEBOUNCE_MS = 500;

/** The counts beside the views, fetched again (debounced) whenever the stream says something changed. */
export function useCounts(realtime: RealtimeClient): TicketCounts | null {
  const [counts, setCounts] = useState<TicketCounts | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let alive = true;
    const refetch = () => api.counts().then((value) => alive && setCounts(value), () => undefined);
    // Once per burst: the first event arms the timer, the ones after it ride along (a steady stream still refreshes twice a second).
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void refetch();
      }, COUNTS_DEBOUNCE_MS);
    };
    void refetch();
    const offStream = realtime.onStream((event) => event.type !== 'message.updated' && event.type !== 'channel.status' && soon());
    const offReset = realtime.onReset(soon);
    return () => {
      alive = false;
      clearTimeout(timer);
      offStream();
      offReset();
    };
  }, [realtime]);
  return counts;
}
