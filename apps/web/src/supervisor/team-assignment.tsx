import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import type { AgentStatus } from '../shell/agent-status';
import { useWorkspace } from '../workspace/workspace-context';

type Strategy = 'manual' | 'round_robin' | 'balanced';
const STRATEGIES: Strategy[] = ['manual', 'round_robin', 'balanced'];

interface TeamAssignment {
  teamId: string;
  strategy: Strategy;
  agentCapacity: number;
  members: { userId: string; capacity: number | null; status: AgentStatus; open: number }[];
}

/** Per team, how new tickets are handed out and how many open tickets each agent may hold (GET/PUT /teams/:id/assignment). */
export function TeamAssignmentSettings() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  return (
    <section aria-labelledby="assignment-settings" className="assignment">
      <h2 id="assignment-settings">{t('assignment.title')}</h2>
      <div className="assignment__teams">
        {workspace.teams.map((team) => <TeamSettings key={team.id} teamId={team.id} />)}
      </div>
    </section>
  );
}

function TeamSettings({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const { teamName, userName } = useWorkspace();
  const [settings, setSettings] = useState<TeamAssignment | null>(null);
  const [strategy, setStrategy] = useState<Strategy>('manual');
  const [capacity, setCapacity] = useState('');
  const [capacities, setCapacities] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ error: string | null; saved: boolean }>({ error: null, saved: false });

  const show = (value: TeamAssignment) => {
    setSettings(value);
    setStrategy(value.strategy);
    setCapacity(String(value.agentCapacity));
    setCapacities(Object.fromEntries(value.members.map((member) => [member.userId, member.capacity === null ? '' : String(member.capacity)])));
  };
  useEffect(() => {
    request<TeamAssignment>('GET', `/teams/${teamId}/assignment`).then(show, (failure: Error) => setState({ error: failure.message, saved: false }));
  }, [teamId]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      show(await request<TeamAssignment>('PUT', `/teams/${teamId}/assignment`, {
        strategy, agentCapacity: Number(capacity),
        capacities: Object.entries(capacities).map(([userId, value]) => ({ userId, capacity: value === '' ? null : Number(value) })),
      }));
      setState({ error: null, saved: true });
    } catch (failure) {
      setState({ error: (failure as Error).message, saved: false });
    }
  };
  const name = teamName(teamId) ?? '';
  if (!settings) return state.error ? <p role="alert" className="composer__error">{t('assignment.failed')} <bdi>{state.error}</bdi></p> : null;
  return (
    <form className="assignment__team" onSubmit={(event) => void save(event)} data-team-id={teamId} aria-label={name}>
      <h3><bdi>{name}</bdi></h3>
      <label className="inline-field">
        <span>{t('assignment.strategy')}</span>
        <select value={strategy} onChange={(event) => setStrategy(event.target.value as Strategy)} data-testid="assignment-strategy">
          {STRATEGIES.map((value) => <option key={value} value={value}>{t(`assignment.strategies.${value}`)}</option>)}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('assignment.capacity')}</span>
        <input type="number" min={1} max={500} required value={capacity} onChange={(event) => setCapacity(event.target.value)} data-testid="assignment-capacity" />
      </label>
      {settings.members.length > 0 && (
        <ul className="assignment__members">
          {settings.members.map((member) => {
            const who = userName(member.userId) ?? member.userId;
            return (
              <li key={member.userId} data-user-id={member.userId}>
                <bdi>{who}</bdi>
                <span className="agent-badge" data-status={member.status}>{t(`agentStatus.${member.status}`)}</span>
                <label className="inline-field">
                  <span className="visually-hidden">{t('assignment.memberCapacity', { name: who })}</span>
                  <input type="number" min={0} max={500} placeholder={t('assignment.defaultCapacity')} value={capacities[member.userId] ?? ''}
                    onChange={(event) => setCapacities((current) => ({ ...current, [member.userId]: event.target.value }))} />
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <div className="assignment__bar">
        <button type="submit" className="button button--primary">{t('assignment.save', { team: name })}</button>
        {state.saved && <span role="status">{t('assignment.saved')}</span>}
        {state.error && <span role="alert" className="composer__error">{t('assignment.failed')} <bdi>{state.error}</bdi></span>}
      </div>
    </form>
  );
}
