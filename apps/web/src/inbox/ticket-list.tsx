import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../workspace/workspace-context';
import type { ListSnapshot } from './ticket-list-store';
import { ROW_HEIGHT, TicketRow } from './ticket-row';

interface Props {
  snapshot: ListSnapshot;
  selectedId: string | null;
  hrefOf: (id: string) => string;
  onNearEnd: () => void;
  onRetry: () => void;
  /** The list scrolls a row into view when it is selected from the keyboard. */
  scrollToId: string | null;
}

/** Rows from the end at which the next page is fetched. */
const PREFETCH_ROWS = 30;

/**
 * The virtualised ticket list: only the rows on screen (and a few either
 * side) exist in the page, so thousands of rows scroll as fast as ten. Rows
 * that arrive above what the agent is reading do not move it: the scroll
 * position follows the first visible row.
 */
export function TicketList({ snapshot, selectedId, hrefOf, onNearEnd, onRetry, scrollToId }: Props) {
  const { t } = useTranslation();
  const { locale, timeZone, userName } = useWorkspace();
  const scroller = useRef<HTMLDivElement>(null);
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  const [newAbove, setNewAbove] = useState(0);
  const now = useNow(30_000);
  const { items } = snapshot;

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => items[index]!.id,
  });

  const recordAnchor = () => {
    const element = scroller.current;
    if (!element) return;
    const index = Math.floor(element.scrollTop / ROW_HEIGHT);
    const item = items[index];
    anchor.current = item && element.scrollTop > 0 ? { id: item.id, offset: element.scrollTop - index * ROW_HEIGHT } : null;
    if (element.scrollTop < ROW_HEIGHT / 2) setNewAbove(0);
  };

  // Keep the first visible row where it was when rows come or go above it.
  useLayoutEffect(() => {
    const element = scroller.current;
    const held = anchor.current;
    if (!element || !held) return;
    const index = items.findIndex((item) => item.id === held.id);
    if (index < 0) return;
    const target = index * ROW_HEIGHT + held.offset;
    const moved = Math.round((target - element.scrollTop) / ROW_HEIGHT);
    if (moved !== 0) {
      element.scrollTop = target;
      if (moved > 0) setNewAbove((count) => count + moved);
    }
  }, [items]);

  const range = virtualizer.getVirtualItems();
  const lastIndex = range.length ? range[range.length - 1]!.index : 0;
  useEffect(() => {
    if (snapshot.nextCursor && lastIndex >= items.length - PREFETCH_ROWS) onNearEnd();
  }, [lastIndex, items.length, snapshot.nextCursor, onNearEnd]);

  useEffect(() => {
    if (!scrollToId) return;
    const index = items.findIndex((item) => item.id === scrollToId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // Only when the selection moves, not on every live change of the rows.
  }, [scrollToId]);

  if (snapshot.status === 'loading') return <p className="list-message" role="status">{t('list.loading')}</p>;
  if (snapshot.status === 'error') {
    return (
      <div className="list-message" role="alert">
        <p>{t('list.error', { message: snapshot.error })}</p>
        <button type="button" className="button" onClick={onRetry}>{t('list.retry')}</button>
      </div>
    );
  }
  if (items.length === 0) return <p className="list-message">{t('list.empty')}</p>;

  return (
    <div className="ticket-list">
      {newAbove > 0 && (
        <button
          type="button"
          className="new-above"
          onClick={() => {
            scroller.current?.scrollTo({ top: 0 });
            setNewAbove(0);
          }}
        >
          {t('list.newAbove', { n: newAbove })}
        </button>
      )}
      <div ref={scroller} className="ticket-list__scroller" onScroll={recordAnchor} data-testid="ticket-list">
        <div role="list" aria-label={t('list.label')} className="ticket-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {range.map((row) => {
            const item = items[row.index]!;
            return (
              <TicketRow
                key={item.id}
                item={item}
                href={hrefOf(item.id)}
                selected={item.id === selectedId}
                fresh={snapshot.fresh.has(item.id)}
                locale={locale}
                timeZone={timeZone}
                now={now}
                assigneeName={userName(item.assigneeId)}
                position={row.index + 1}
                total={items.length}
                top={row.start}
              />
            );
          })}
        </div>
        {snapshot.loadingMore && <p className="list-message" role="status">{t('list.loadingMore')}</p>}
      </div>
    </div>
  );
}

/** A clock that ticks slowly, for deadline badges. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
