import { Inbox, Layers, User, UserX, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_STATUSES, CHANNEL_KINDS, type TicketCounts } from '../api/types';
import { useWorkspace } from '../workspace/workspace-context';
import { ChannelIcon } from './badges';
import { viewCount, type ViewKey } from './views';

interface Props {
  current: ViewKey;
  counts: TicketCounts | null;
  hrefOf: (view: ViewKey) => string;
  onNavigate?: () => void;
}

/** The views and their live counts. */
export function ViewNav({ current, counts, hrefOf, onNavigate }: Props) {
  const { t } = useTranslation();
  const { myTeamIds, teamName, workspace, isSupervisor } = useWorkspace();
  // Supervisors see every team's queue; agents their own teams.
  const teamIds = isSupervisor ? workspace.teams.map((team) => team.id) : myTeamIds;
  // Only the channels that have open tickets (all of them until the counts say).
  const channels = CHANNEL_KINDS.filter((kind) => !counts?.byChannel || (counts.byChannel[kind] ?? 0) > 0 || current === `channel:${kind}`);

  const link = (view: ViewKey, label: ReactNode, icon: ReactNode) => {
    const count = viewCount(view, counts);
    return (
      <li key={view}>
        <a href={hrefOf(view)} className="view-link" aria-current={current === view ? 'page' : undefined} onClick={onNavigate} data-view={view}>
          {icon}
          <span className="view-link__label">{label}</span>
          {count !== null && (
            <span className="view-link__count" aria-label={t('views.count', { n: count })} data-count={count}>{count}</span>
          )}
        </a>
      </li>
    );
  };

  return (
    <nav aria-label={t('views.heading')} className="view-nav">
      <ul>
        {link('mine', t('views.mine'), <User size={16} aria-hidden="true" />)}
        {link('unassigned', t('views.unassigned'), <UserX size={16} aria-hidden="true" />)}
        {link('all', t('views.allOpen'), <Inbox size={16} aria-hidden="true" />)}
      </ul>
      {teamIds.length > 0 && (
        <>
          <h2 className="view-nav__heading">{isSupervisor ? t('views.teams') : t('views.myTeams')}</h2>
          <ul>{teamIds.map((id) => link(`team:${id}`, <bdi>{teamName(id)}</bdi>, <Users size={16} aria-hidden="true" />))}</ul>
        </>
      )}
      {channels.length > 0 && (
        <>
          <h2 className="view-nav__heading">{t('views.byChannel')}</h2>
          <ul>{channels.map((kind) => link(`channel:${kind}`, t(`channel.${kind}`), <ChannelIcon kind={kind} />))}</ul>
        </>
      )}
      <h2 className="view-nav__heading">{t('views.byStatus')}</h2>
      <ul>{ALL_STATUSES.map((status) => link(`status:${status}`, t(`status.${status}`), <Layers size={16} aria-hidden="true" />))}</ul>
    </nav>
  );
}
