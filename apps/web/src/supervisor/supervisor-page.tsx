import '../styles/supervision.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import { OPEN_STATUSES, type BulkResult, type Load } from '../api/types';
import { ChannelBadge, DeadlineBadge, PriorityBadge, StatusBadge } from '../inbox/badges';
import { useTicketList } from '../inbox/use-inbox-data';
import type { ViewFilter } from '../inbox/views';
import { inboxHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';
import { TeamAssignmentSettings } from './team-assignment';

const LOAD_REFRESH_MS = 500;

/** Team queues, each agent's load, and reassigning one or many tickets at once; all of it live. */
export default function SupervisorPage() {
  const { t } = useTranslation();
  const { realtime, teamName, userName, workspace, me, locale, timeZone } = useWorkspace();
  const load = useLoad();
  const [teamFilter, setTeamFilter] = useState('');
  const [assigneeFilter, setAssigneeFilter] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [assignTo, setAssignTo] = useState('');
  const [moveTo, setMoveTo] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const filter = useMemo<ViewFilter>(() => ({ statuses: OPEN_STATUSES, teamId: teamFilter || undefined, assignee: assigneeFilter || undefined }), [teamFilter, assigneeFilter]);
  const { store, snapshot } = useTicketList(filter, '', me.id, realtime);
  const rows = snapshot.items;
  // Rows that left the list (reassigned elsewhere, resolved) leave the selection too.
  const visibleSelected = rows.filter((row) => selected.has(row.id)).map((row) => row.id);
  const agents = workspace.users.filter((user) => user.roles.some((role) => role === 'agent' || role === 'supervisor' || role === 'complaints_officer'));
  const now = Date.now();

  const toggle = (id: string) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  const apply = async () => {
    if (!visibleSelected.length || (!assignTo && !moveTo)) return;
    setBusy(true);
    setError(null);
    try {
      const change = {
        ...(assignTo ? { assigneeId: assignTo === 'none' ? null : assignTo } : {}),
        ...(moveTo ? { teamId: moveTo } : {}),
      };
      setResult(await api.bulk(visibleSelected, change));
      setSelected(new Set());
    } catch (failure) {
      setError(t('errors.generic', { message: (failure as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const allShown = rows.length > 0 && visibleSelected.length === rows.length;

  return (
    <main className="supervisor" id="ticket-list">
      <h1>{t('supervisor.title')}</h1>
      <div className="supervisor__load">
        <section aria-labelledby="teams-load">
          <h2 id="teams-load">{t('supervisor.teams')}</h2>
          <div className="table-scroll"><table className="table">
            <thead><tr><th scope="col">{t('supervisor.team')}</th><th scope="col">{t('supervisor.open')}</th><th scope="col">{t('supervisor.unassigned')}</th><th scope="col">{t('supervisor.overdue')}</th></tr></thead>
            <tbody>
              {load?.teams.map((team) => (
                <tr key={team.teamId ?? 'none'} data-team-id={team.teamId ?? 'none'}>
                  <th scope="row"><bdi>{teamName(team.teamId) ?? t('supervisor.noTeam')}</bdi></th>
                  <td data-column="open">{team.open}</td>
                  <td data-column="unassigned">{team.unassigned}</td>
                  <td data-column="overdue" data-alert={team.overdue > 0 || undefined}>{team.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </section>
        <section aria-labelledby="agents-load">
          <h2 id="agents-load">{t('supervisor.agents')}</h2>
          <div className="table-scroll"><table className="table">
            <thead><tr><th scope="col">{t('supervisor.agent')}</th><th scope="col">{t('assignment.status')}</th><th scope="col">{t('supervisor.open')}</th><th scope="col">{t('supervisor.pending')}</th><th scope="col">{t('supervisor.overdue')}</th></tr></thead>
            <tbody>
              {load?.agents.map((agent) => (
                <tr key={agent.userId} data-user-id={agent.userId}>
                  <th scope="row"><bdi>{userName(agent.userId) ?? agent.userId}</bdi></th>
                  <td data-column="status"><span className="agent-badge" data-status={agent.status ?? 'offline'}>{t(`agentStatus.${agent.status ?? 'offline'}`)}</span></td>
                  <td data-column="open">{agent.open}</td>
                  <td data-column="pending">{agent.pending}</td>
                  <td data-column="overdue" data-alert={agent.overdue > 0 || undefined}>{agent.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        </section>
      </div>

      <TeamAssignmentSettings />

      <section aria-labelledby="supervisor-tickets" className="supervisor__tickets">
        <h2 id="supervisor-tickets">{t('supervisor.tickets')}</h2>
        <div className="supervisor__filters">
          <label className="inline-field">
            <span>{t('supervisor.filterTeam')}</span>
            <select value={teamFilter} onChange={(event) => setTeamFilter(event.target.value)}>
              <option value="">{t('supervisor.anyone')}</option>
              {workspace.teams.map((team) => <option key={team.id} value={team.id}>{teamName(team.id)}</option>)}
            </select>
          </label>
          <label className="inline-field">
            <span>{t('supervisor.filterAssignee')}</span>
            <select value={assigneeFilter} onChange={(event) => setAssigneeFilter(event.target.value)}>
              <option value="">{t('supervisor.anyone')}</option>
              <option value="none">{t('list.unassigned')}</option>
              {agents.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
            </select>
          </label>
        </div>
        <div className="bulk-bar" role="group" aria-label={t('supervisor.apply')}>
          <span aria-live="polite" data-testid="selected-count">{t('supervisor.selected', { n: visibleSelected.length })}</span>
          <label className="inline-field">
            <span>{t('supervisor.assignTo')}</span>
            <select value={assignTo} onChange={(event) => setAssignTo(event.target.value)} data-testid="bulk-assignee">
              <option value="">—</option>
              <option value="none">{t('supervisor.unassign')}</option>
              {agents.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
            </select>
          </label>
          <label className="inline-field">
            <span>{t('supervisor.moveTo')}</span>
            <select value={moveTo} onChange={(event) => setMoveTo(event.target.value)} data-testid="bulk-team">
              <option value="">{t('supervisor.keepTeam')}</option>
              {workspace.teams.map((team) => <option key={team.id} value={team.id}>{teamName(team.id)}</option>)}
            </select>
          </label>
          <button type="button" className="button button--primary" disabled={busy || !visibleSelected.length || (!assignTo && !moveTo)} onClick={() => void apply()}>
            {t('supervisor.apply')}
          </button>
          {result && (
            <span role="status">
              {t('supervisor.done', { n: result.updated.length })}
              {result.notFound.length > 0 && ` · ${t('supervisor.notFound', { n: result.notFound.length })}`}
            </span>
          )}
          {error && <span role="alert" className="composer__error">{error}</span>}
        </div>
        <div className="table-scroll"><table className="table table--tickets">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t('supervisor.selectAll')}
                  checked={allShown}
                  onChange={() => setSelected(allShown ? new Set() : new Set(rows.map((row) => row.id)))}
                />
              </th>
              <th scope="col">{t('list.label')}</th>
              <th scope="col">{t('ticket.status')}</th>
              <th scope="col">{t('ticket.team')}</th>
              <th scope="col">{t('ticket.assignee')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-ticket-id={row.id} aria-selected={selected.has(row.id)}>
                <td>
                  <input type="checkbox" checked={selected.has(row.id)} onChange={() => toggle(row.id)} aria-label={t('supervisor.select', { reference: row.reference })} />
                </td>
                <td>
                  <a href={inboxHref('all', row.id)} className="table__ticket">
                    <bdi className="ticket-row__reference">{row.reference}</bdi>
                    <bdi>{row.contactName ?? t('list.noName')}</bdi>
                    <span dir="auto" className="table__subject">{row.subject}</span>
                  </a>
                </td>
                <td>
                  <span className="table__badges">
                    <StatusBadge status={row.status} />
                    <PriorityBadge priority={row.priority} />
                    <ChannelBadge kind={row.channelKind} />
                    <DeadlineBadge
                      firstResponseDueAt={row.firstResponseDueAt} resolutionDueAt={row.resolutionDueAt} responded={row.status !== 'new'}
                      locale={locale} timeZone={timeZone} now={now}
                    />
                  </span>
                </td>
                <td><bdi>{teamName(row.teamId) ?? t('supervisor.noTeam')}</bdi></td>
                <td data-column="assignee"><bdi>{userName(row.assigneeId) ?? t('list.unassigned')}</bdi></td>
              </tr>
            ))}
          </tbody>
        </table></div>
        {snapshot.nextCursor && (
          <button type="button" className="button" onClick={() => void store.loadMore()} disabled={snapshot.loadingMore}>{t('supervisor.loadMore')}</button>
        )}
      </section>
    </main>
  );
}

/** GET /supervision/load, again (batched) whenever the stream says something moved. */
function useLoad(): Load | null {
  const { realtime } = useWorkspace();
  const [load, setLoad] = useState<Load | null>(null);
  const refetch = useCallback(() => api.load().then(setLoad, () => undefined), []);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    void refetch();
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        void refetch();
      }, LOAD_REFRESH_MS);
    };
    const offStream = realtime.onStream((event) => event.type.startsWith('ticket.') && soon());
    const offReset = realtime.onReset(soon);
    return () => {
      clearTimeout(timer);
      offStream();
      offReset();
    };
  }, [realtime, refetch]);
  return load;
}
