import '../styles/supervision.css';
import '../desks/desks.css';
import './reports.css';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useWorkspace } from '../workspace/workspace-context';
import { periodRange, type PeriodKey } from './period';
import { reportsApi, type Branch, type Overview, type SatisfactionGroup, type TimeFigures } from './reports-api';

const PERIODS: PeriodKey[] = ['last30', 'gregorianMonth', 'hijriMonth', 'gregorianYear', 'hijriYear'];
const CHANNELS = ['api', 'email', 'whatsapp_web', 'whatsapp_cloud', 'web_form', 'phone', 'letter', 'field'] as const;
const COLORS = ['#0b6e4f', '#1d4ed8', '#b45309', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#57534e'];

/** `#/reports`: the supervisors' dashboard, from the daily rollup; complaints only in the totals. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const { workspace, locale, timeZone } = useWorkspace();
  const [periodKey, setPeriodKey] = useState<PeriodKey>('last30');
  const [branches, setBranches] = useState<Branch[]>([]);
  const [branchId, setBranchId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [channel, setChannel] = useState('');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [satisfaction, setSatisfaction] = useState<SatisfactionGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const filter = useMemo(
    () => ({ ...periodRange(periodKey, timeZone), branchId: branchId || undefined, teamId: teamId || undefined, channel: channel || undefined }),
    [periodKey, branchId, teamId, channel, timeZone],
  );
  useEffect(() => void reportsApi.branches().then(setBranches, () => setBranches([])), []);

  useEffect(() => {
    setOverview(null);
    setError(null);
    reportsApi.overview(filter).then(setOverview, (failure: Error) => setError(failure.message));
    reportsApi.satisfaction(filter).then(setSatisfaction, () => setSatisfaction([]));
  }, [filter]);

  const number = useMemo(() => new Intl.NumberFormat(locale === 'ar' ? 'ar-SA-u-nu-latn' : 'en'), [locale]);
  const percent = useMemo(() => new Intl.NumberFormat(locale === 'ar' ? 'ar-SA-u-nu-latn' : 'en', { style: 'percent', maximumFractionDigits: 0 }), [locale]);
  const teamName = (id: string | null) => {
    const team = workspace.teams.find((one) => one.id === id);
    return team ? (locale === 'ar' ? team.nameAr : team.nameEn) : t('reports.noTeam');
  };
  const userName = (id: string) => workspace.users.find((one) => one.id === id)?.name ?? id;
  const duration = (minutes: number | null) => {
    if (minutes === null) return '—';
    if (minutes < 120) return t('reports.minutes', { n: number.format(Math.round(minutes)) });
    if (minutes < 48 * 60) return t('reports.hours', { n: number.format(Math.round(minutes / 6) / 10) });
    return t('reports.days', { n: number.format(Math.round(minutes / 144) / 10) });
  };
  const range = (() => {
    const format = (day: string) => new Intl.DateTimeFormat(locale === 'ar' ? 'ar-SA-u-ca-islamic-umalqura-nu-latn' : 'en-u-ca-islamic-umalqura', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' })
      .format(new Date(`${day}T12:00:00Z`));
    return { hijri: t('reports.range', { from: format(filter.from), to: format(filter.to) }), gregorian: `${filter.from} – ${filter.to}` };
  })();

  // The volume chart: one row per day, one column per channel.
  const volume = useMemo(() => {
    const days = new Map<string, Record<string, number | string>>();
    for (const row of overview?.volume ?? []) {
      const day = days.get(row.day) ?? { day: row.day };
      day[row.channel] = (Number(day[row.channel]) || 0) + row.created;
      days.set(row.day, day);
    }
    return [...days.values()].sort((a, b) => String(a.day).localeCompare(String(b.day)));
  }, [overview]);
  const volumeChannels = useMemo(() => [...new Set((overview?.volume ?? []).map((row) => row.channel))], [overview]);
  const hours = useMemo(() => Array.from({ length: 24 }, (_, hour) => ({
    hour: String(hour).padStart(2, '0'), created: (overview?.busiestHours ?? []).filter((row) => row.hour === hour).reduce((sum, row) => sum + row.created, 0),
  })), [overview]);

  const figures = (title: string, value: TimeFigures, testId: string) => (
    <div className="report-card" data-testid={testId}>
      <h3>{title}</h3>
      <p className="report-card__big">{t('reports.median', { value: duration(value.median) })}</p>
      <p>{t('reports.p90', { value: duration(value.p90) })}</p>
      <p>{t('reports.met', { share: value.metShare === null ? t('reports.noData') : percent.format(value.metShare) })}</p>
    </div>
  );

  return (
    <main className="desk reports" id="ticket-list">
      <h1>{t('reports.title')}</h1>
      <form className="desk-form desk-form--inline reports__filters" onSubmit={(event) => event.preventDefault()}>
        <label className="field"><span>{t('reports.period')}</span>
          <select name="period" value={periodKey} onChange={(event) => setPeriodKey(event.target.value as PeriodKey)}>
            {PERIODS.map((key) => <option key={key} value={key}>{t(`reports.${key}`)}</option>)}
          </select>
        </label>
        {branches.length > 0 && (
          <label className="field"><span>{t('reports.branch')}</span>
            <select name="branch" value={branchId} onChange={(event) => setBranchId(event.target.value)}>
              <option value="">{t('reports.all')}</option>
              {branches.map((branch) => <option key={branch.id} value={branch.id}>{locale === 'ar' ? branch.nameAr : branch.nameEn}</option>)}
            </select>
          </label>
        )}
        <label className="field"><span>{t('reports.team')}</span>
          <select name="team" value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            <option value="">{t('reports.all')}</option>
            {workspace.teams.filter((team) => team.purpose !== 'complaints').map((team) => <option key={team.id} value={team.id}>{locale === 'ar' ? team.nameAr : team.nameEn}</option>)}
          </select>
        </label>
        <label className="field"><span>{t('reports.channel')}</span>
          <select name="channel" value={channel} onChange={(event) => setChannel(event.target.value)}>
            <option value="">{t('reports.all')}</option>
            {CHANNELS.map((kind) => <option key={kind} value={kind}>{t(`channel.${kind}`)}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={() => void reportsApi.exportCsv(filter).catch((failure: Error) => setError(failure.message))} data-testid="report-export">
          {t('reports.export')}
        </button>
      </form>
      <p className="desk-hint" data-testid="report-range"><bdi>{range.hijri}</bdi> · <bdi dir="ltr">{range.gregorian}</bdi></p>
      {error && <p role="alert" className="field-error">{t('errors.generic', { message: error })}</p>}
      {!overview && !error && <p role="status" className="list-message">{t('reports.loading')}</p>}
      {overview && (
        <>
          <section className="report-cards" aria-label={t('reports.title')}>
            <div className="report-card" data-testid="report-created"><h3>{t('reports.created')}</h3><p className="report-card__big">{number.format(overview.totals.created)}</p></div>
            <div className="report-card" data-testid="report-resolved"><h3>{t('reports.resolved')}</h3><p className="report-card__big">{number.format(overview.totals.resolved)}</p></div>
            {figures(t('reports.firstResponse'), overview.firstResponse, 'report-first-response')}
            {figures(t('reports.resolution'), overview.resolution, 'report-resolution')}
          </section>
          <p className="desk-hint">{t('reports.aggregateNote')}</p>
          <section className="desk__section" aria-labelledby="report-volume">
            <h2 id="report-volume">{t('reports.volume')}</h2>
            <div className="report-chart" dir="ltr">
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={volume} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="day" tick={{ fontSize: 11 }} reversed={locale === 'ar'} />
                  <YAxis allowDecimals={false} width={36} tick={{ fontSize: 11 }} orientation={locale === 'ar' ? 'right' : 'left'} />
                  <Tooltip />
                  <Legend formatter={(value: string) => t(`channel.${value}` as 'channel.api')} />
                  {volumeChannels.map((kind, i) => <Bar key={kind} dataKey={kind} stackId="v" fill={COLORS[i % COLORS.length]} name={kind} isAnimationActive={false} maxBarSize={48} />)}
                </BarChart>
              </ResponsiveContainer>
            </div>
          </section>
          <div className="report-grid">
            <section className="desk__section" aria-labelledby="report-types" data-testid="report-by-type">
              <h2 id="report-types">{t('reports.byType')}</h2>
              <table className="table">
                <tbody>
                  {overview.byType.map((row) => (
                    <tr key={row.type} data-type={row.type}><td>{t(`reports.types.${row.type}` as 'reports.types.inquiry')}</td><td className="report-number">{number.format(row.created)}</td>
                      <td className="report-bar-cell"><span className="report-bar" style={{ inlineSize: `${(100 * row.created) / Math.max(1, ...overview.byType.map((r) => r.created))}%` }} /></td></tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="desk__section" aria-labelledby="report-sections" data-testid="report-by-section">
              <h2 id="report-sections">{t('reports.bySection')}</h2>
              <table className="table">
                <tbody>
                  {overview.bySection.map((row) => (
                    <tr key={row.section} data-section={row.section}><td>{t(`reports.sections.${row.section}` as 'reports.sections.none')}</td><td className="report-number">{number.format(row.created)}</td>
                      <td className="report-bar-cell"><span className="report-bar" style={{ inlineSize: `${(100 * row.created) / Math.max(1, ...overview.bySection.map((r) => r.created))}%` }} /></td></tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <section className="desk__section" aria-labelledby="report-hours">
            <h2 id="report-hours">{t('reports.busiest')}</h2>
            <div className="report-chart" dir="ltr">
              <ResponsiveContainer width="100%" height={200}>
                <BarChart data={hours} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="hour" tick={{ fontSize: 11 }} reversed={locale === 'ar'} />
                  <YAxis allowDecimals={false} width={36} tick={{ fontSize: 11 }} orientation={locale === 'ar' ? 'right' : 'left'} />
                  <Tooltip />
                  <Bar dataKey="created" fill={COLORS[0]} name={t('reports.created')} isAnimationActive={false} maxBarSize={32} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </section>
          <div className="report-grid">
            <section className="desk__section" aria-labelledby="report-backlog-teams" data-testid="report-backlog-teams">
              <h2 id="report-backlog-teams">{t('reports.backlog')} · {t('reports.backlogTeams')}</h2>
              <div className="table-scroll">
                <table className="table">
                  <thead><tr><th>{t('reports.team')}</th><th>{t('reports.open')}</th><th>{t('reports.unassigned')}</th><th>{t('reports.overdue')}</th></tr></thead>
                  <tbody>
                    {overview.backlog.teams.map((row) => (
                      <tr key={row.teamId ?? 'none'} data-team-id={row.teamId ?? ''}><td>{teamName(row.teamId)}</td><td>{number.format(row.open)}</td><td>{number.format(row.unassigned)}</td><td>{number.format(row.overdue)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section className="desk__section" aria-labelledby="report-backlog-agents" data-testid="report-backlog-agents">
              <h2 id="report-backlog-agents">{t('reports.backlog')} · {t('reports.backlogAgents')}</h2>
              <div className="table-scroll">
                <table className="table">
                  <thead><tr><th>{t('supervisor.agent')}</th><th>{t('reports.open')}</th><th>{t('reports.pending')}</th><th>{t('reports.overdue')}</th></tr></thead>
                  <tbody>
                    {overview.backlog.agents.map((row) => (
                      <tr key={row.userId} data-user-id={row.userId}><td><bdi>{userName(row.userId)}</bdi></td><td>{number.format(row.open)}</td><td>{number.format(row.pending)}</td><td>{number.format(row.overdue)}</td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
          <section className="desk__section" aria-labelledby="report-satisfaction" data-testid="report-satisfaction">
            <h2 id="report-satisfaction">{t('reports.satisfaction')}</h2>
            {satisfaction && satisfaction.length === 0 && <p className="list-message">{t('reports.noData')}</p>}
            {satisfaction && satisfaction.length > 0 && (
              <table className="table">
                <thead><tr><th>{t('reports.team')}</th><th>{t('reports.answered')}</th><th>{t('reports.average')}</th></tr></thead>
                <tbody>
                  {satisfaction.map((row) => (
                    <tr key={row.key ?? 'none'}><td>{teamName(row.key)}</td><td>{number.format(row.answered)}</td><td>{row.average === null ? '—' : number.format(row.average)}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </main>
  );
}
