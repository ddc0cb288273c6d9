import { Drawer } from '@mantine/core';
import { ListFilter, Search } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplyTemplate, TicketCounts } from '../api/types';
import { inboxHref, navigate } from '../shell/router';
import { useShortcuts } from '../shell/shortcuts';
import { TicketPane, type TicketPaneHandle } from '../ticket/ticket-pane';
import { useWorkspace } from '../workspace/workspace-context';
import { TicketList } from './ticket-list';
import { useTicketList } from './use-inbox-data';
import { ViewNav } from './view-nav';
import { viewCount, viewFilter, type ViewKey } from './views';

const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  view: ViewKey;
  ticketId: string | null;
  counts: TicketCounts | null;
  templates: ReplyTemplate[];
  onHelp: () => void;
}

/**
 * The agent's inbox: views and counts, the live list, the open ticket. On a
 * phone only one pane shows at a time (list, then the ticket with a way back).
 */
export function InboxPage({ view, ticketId, counts, templates, onHelp }: Props) {
  const { t } = useTranslation();
  const { me, realtime, teamName } = useWorkspace();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [viewsOpen, setViewsOpen] = useState(false);
  const [scrollToId, setScrollToId] = useState<string | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const pane = useRef<TicketPaneHandle>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQ(search), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const filter = useMemo(() => viewFilter(view), [view]);
  const { store, snapshot } = useTicketList(filter, q, me.id, realtime);
  const hrefOf = useCallback((id: string) => inboxHref(view, id), [view]);
  const onRead = useCallback((id: string) => store.markRead(id), [store]);
  const loadMore = useCallback(() => void store.loadMore(), [store]);
  const retry = useCallback(() => void store.load(), [store]);
  useEffect(() => store.setOpen(ticketId), [store, ticketId]);

  useShortcuts((action) => {
    const items = snapshot.items;
    const index = ticketId ? items.findIndex((item) => item.id === ticketId) : -1;
    switch (action) {
      case 'next':
      case 'previous': {
        const next = items[action === 'next' ? index + 1 : Math.max(index - 1, 0)];
        if (next) {
          setScrollToId(next.id);
          navigate(hrefOf(next.id));
        }
        break;
      }
      case 'reply':
      case 'note':
        pane.current?.focusComposer(action);
        break;
      case 'assign':
        pane.current?.assignToMe();
        break;
      case 'resolve':
        pane.current?.resolve();
        break;
      case 'search':
        searchBox.current?.focus();
        break;
      case 'help':
        onHelp();
        break;
    }
  });

  const title = viewTitle(view, t, teamName);
  const count = viewCount(view, counts);
  const nav = <ViewNav current={view} counts={counts} hrefOf={(key) => inboxHref(key)} onNavigate={() => setViewsOpen(false)} />;

  return (
    <div className="inbox" data-has-ticket={ticketId ? 'true' : undefined}>
      <aside className="inbox__views">{nav}</aside>
      {/* Mantine lays the drawer out with flexbox: its default side is the reading start, right in Arabic. */}
      <Drawer opened={viewsOpen} onClose={() => setViewsOpen(false)} title={t('views.heading')} size="xs">
        {nav}
      </Drawer>
      <section className="inbox__list" id="ticket-list" aria-labelledby="list-title">
        <div className="list-header">
          <button type="button" className="button button--quiet views-toggle" onClick={() => setViewsOpen(true)} aria-label={t('shell.menu')}>
            <ListFilter size={16} aria-hidden="true" />
          </button>
          <h2 id="list-title" className="list-header__title">
            <bdi>{title}</bdi>
            {count !== null && <span className="list-header__count">{count}</span>}
          </h2>
        </div>
        <div className="search">
          <Search size={16} aria-hidden="true" className="search__icon" />
          <input
            ref={searchBox}
            type="search"
            dir="auto"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && event.currentTarget.blur()}
            aria-label={t('list.search')}
            placeholder={t('list.searchHint')}
            aria-keyshortcuts="/"
          />
        </div>
        <TicketList snapshot={snapshot} selectedId={ticketId} hrefOf={hrefOf} onNearEnd={loadMore} onRetry={retry} scrollToId={scrollToId} />
      </section>
      <main className="inbox__ticket" id="ticket">
        {ticketId
          ? <TicketPane key={ticketId} ref={pane} ticketId={ticketId} backHref={inboxHref(view)} hrefOf={hrefOf} templates={templates} onRead={onRead} />
          : <p className="list-message">{t('ticket.none')}</p>}
      </main>
    </div>
  );
}

function viewTitle(view: ViewKey, t: (key: string) => string, teamName: (id: string) => string | null): string {
  if (view === 'mine') return t('views.mine');
  if (view === 'unassigned') return t('views.unassigned');
  if (view === 'all') return t('views.allOpen');
  if (view.startsWith('team:')) return teamName(view.slice(5)) ?? t('views.myTeams');
  if (view.startsWith('channel:')) return t(`channel.${view.slice(8)}`);
  return t(`status.${view.slice(7)}`);
}
