import '../styles/supervision.css';
import '../desks/desks.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../api/http';
import { dualDate } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';

interface Policy {
  id: string; name: string; ticketType: string | null; priority: string | null; channelKind: string | null;
  firstResponseMinutes: number; nextResponseMinutes: number | null; resolutionMinutes: number; decisionDays: number | null;
  warnBeforeMinutes: number; escalateRaisePriority: boolean; escalateToLead: boolean;
}
interface Settings {
  timeZone: string; workDays: number[]; workStartMinute: number; workEndMinute: number;
  firstResponseMinutes: number; resolutionMinutes: number; surveyDelayMinutes: number; surveyComplaints: 'process' | 'none';
}
interface Holiday { date: string; name: string }

const TYPES = ['inquiry', 'support_request', 'registration', 'volunteer', 'job_application', 'complaint', 'suggestion', 'field_visit', 'review'] as const;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
const CHANNELS = ['api', 'email', 'whatsapp_web', 'whatsapp_cloud', 'web_form', 'phone', 'letter', 'field'] as const;

const settingsApi = {
  settings: () => request<Settings>('GET', '/admin/service-settings'),
  saveSettings: (settings: Partial<Settings>) => request<Settings>('PATCH', '/admin/service-settings', settings),
  policies: () => request<Policy[]>('GET', '/admin/sla-policies'),
  addPolicy: (policy: Record<string, unknown>) => request<Policy>('POST', '/admin/sla-policies', policy),
  removePolicy: (id: string) => request<void>('DELETE', `/admin/sla-policies/${id}`),
  holidays: () => request<Holiday[]>('GET', '/admin/holidays'),
  addHoliday: (holiday: { name: string; date?: string; hijriDate?: string }) => request<Holiday>('POST', '/admin/holidays', holiday),
  removeHoliday: (date: string) => request<void>('DELETE', `/admin/holidays/${date}`),
};

type Failure = { message: string; field?: string } | null;
const failureOf = (error: unknown): Failure => (error instanceof ApiError ? { message: error.message, field: error.field } : { message: (error as Error).message });

/** `#/admin/service`: the deadline policies (by type, priority and channel) and the holidays (entered in Hijri or Gregorian), for admins. */
export default function ServiceSettingsPage() {
  const { t } = useTranslation();
  const { me } = useWorkspace();
  const admin = me.roles.includes('admin');
  return (
    <main className="desk" id="ticket-list">
      <h1>{t('service.title')}</h1>
      {!admin ? <p role="alert">{t('notices.adminsOnly')}</p> : (
        <>
          <p className="desk-hint">{t('service.intro')}</p>
          <HoursAndSurveys />
          <Policies />
          <Holidays />
        </>
      )}
    </main>
  );
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOf = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
};
/** 6 December 2026 is a Sunday: day 0 of the organization's week. */
const weekday = (day: number, locale: string) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 11, 6 + day)));

/** The working week and day the deadlines count in, the deadlines when no policy matches, and when the satisfaction survey goes out. */
function HoursAndSurveys() {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<Failure>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => void settingsApi.settings().then(setSettings, (e) => setError(failureOf(e))), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const end = text('workEnd') === '00:00' ? 1440 : minuteOf(text('workEnd'));
    setError(null);
    setSaved(false);
    try {
      setSettings(await settingsApi.saveSettings({
        timeZone: text('timeZone'), workDays: data.getAll('workDays').map(Number), workStartMinute: minuteOf(text('workStart')), workEndMinute: end,
        firstResponseMinutes: Math.round(Number(text('firstResponse')) * 60), resolutionMinutes: Math.round(Number(text('resolution')) * 60),
        surveyDelayMinutes: Number(text('surveyDelay')), surveyComplaints: text('surveyComplaints') === 'none' ? 'none' : 'process',
      }));
      setSaved(true);
    } catch (failure) {
      setError(failureOf(failure));
    }
  };

  if (!settings) return error ? <p className="field-error" role="alert">{error.message}</p> : null;
  return (
    <section className="desk__section" aria-labelledby="hours" data-testid="service-hours">
      <h2 id="hours">{t('service.hoursTitle')}</h2>
      <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="hours-form" key={JSON.stringify(settings)}>
        <fieldset className="desk-choice">
          <legend>{t('service.workDays')}</legend>
          {[0, 1, 2, 3, 4, 5, 6].map((day) => (
            <label key={day}><input type="checkbox" name="workDays" value={day} defaultChecked={settings.workDays.includes(day)} />{weekday(day, locale)}</label>
          ))}
        </fieldset>
        <div className="desk-row">
          <label className="field"><span>{t('service.workStart')}</span><input name="workStart" type="time" dir="ltr" required defaultValue={clock(settings.workStartMinute)} /></label>
          <label className="field"><span>{t('service.workEnd')}</span><input name="workEnd" type="time" dir="ltr" required defaultValue={clock(settings.workEndMinute % 1440)} /></label>
          <label className="field"><span>{t('service.timeZone')}</span><input name="timeZone" dir="ltr" required defaultValue={settings.timeZone} /></label>
        </div>
        <div className="desk-row">
          <label className="field"><span>{t('service.defaultFirstResponse')}</span>
            <input name="firstResponse" type="number" min={0.1} step={0.1} required defaultValue={settings.firstResponseMinutes / 60} /></label>
          <label className="field"><span>{t('service.defaultResolution')}</span>
            <input name="resolution" type="number" min={0.1} step={0.1} required defaultValue={settings.resolutionMinutes / 60} /></label>
        </div>
        <h3>{t('service.surveys')}</h3>
        <div className="desk-row">
          <label className="field"><span>{t('service.surveyDelay')}</span>
            <input name="surveyDelay" type="number" min={0} max={43200} required defaultValue={settings.surveyDelayMinutes} /></label>
          <fieldset className="desk-choice">
            <legend>{t('service.surveyComplaints')}</legend>
            <label><input type="radio" name="surveyComplaints" value="process" defaultChecked={settings.surveyComplaints === 'process'} />{t('service.surveyProcess')}</label>
            <label><input type="radio" name="surveyComplaints" value="none" defaultChecked={settings.surveyComplaints === 'none'} />{t('service.surveyNone')}</label>
          </fieldset>
        </div>
        {error && <p className="field-error" role="alert">{error.message}</p>}
        {saved && <p className="desk-hint" role="status">{t('service.saved')}</p>}
        <div className="dialog-actions"><button type="submit" className="button button--primary">{t('service.save')}</button></div>
      </form>
    </section>
  );
}

function Policies() {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const [policies, setPolicies] = useState<Policy[] | null>(null);
  const [error, setError] = useState<Failure>(null);
  useEffect(() => void settingsApi.policies().then(setPolicies, (e) => setError(failureOf(e))), []);
  const hours = (minutes: number | null) => (minutes === null ? '—' : t('service.hours', { n: Math.round((minutes / 60) * 10) / 10 }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const minutes = (name: string) => (text(name) ? Math.round(Number(text(name)) * 60) : undefined);
    setError(null);
    try {
      const created = await settingsApi.addPolicy({
        name: text('name'), ...(text('ticketType') ? { ticketType: text('ticketType') } : {}), ...(text('priority') ? { priority: text('priority') } : {}),
        ...(text('channelKind') ? { channelKind: text('channelKind') } : {}), firstResponseMinutes: minutes('firstResponse'), resolutionMinutes: minutes('resolution'),
        ...(minutes('nextResponse') ? { nextResponseMinutes: minutes('nextResponse') } : {}), ...(text('decisionDays') ? { decisionDays: Number(text('decisionDays')) } : {}),
        ...(text('warnBefore') ? { warnBeforeMinutes: Number(text('warnBefore')) } : {}),
        escalateRaisePriority: data.get('escalateRaisePriority') === 'on', escalateToLead: data.get('escalateToLead') === 'on',
      });
      setPolicies((all) => [...(all ?? []), created]);
      form.reset();
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  const remove = async (id: string) => {
    try {
      await settingsApi.removePolicy(id);
      setPolicies((all) => all?.filter((one) => one.id !== id) ?? null);
    } catch (failure) {
      setError(failureOf(failure));
    }
  };

  return (
    <section className="desk__section" aria-labelledby="policies" data-testid="sla-policies">
      <h2 id="policies">{t('service.policies')}</h2>
      {policies && policies.length === 0 && <p className="list-message">{t('service.noPolicies')}</p>}
      {policies && policies.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead><tr><th>{t('service.name')}</th><th>{t('service.type')}</th><th>{t('service.priority')}</th><th>{t('service.channel')}</th>
              <th>{t('service.firstResponse')}</th><th>{t('service.resolution')}</th><th>{t('service.decisionDays')}</th><th>{t('service.escalation')}</th><th /></tr></thead>
            <tbody>
              {policies.map((policy) => (
                <tr key={policy.id} data-policy-id={policy.id}>
                  <td><bdi>{policy.name}</bdi></td>
                  <td>{policy.ticketType ? t(`reports.types.${policy.ticketType}` as 'reports.types.inquiry') : t('service.any')}</td>
                  <td>{policy.priority ? t(`priority.${policy.priority}` as 'priority.low') : t('service.any')}</td>
                  <td>{policy.channelKind ? t(`channel.${policy.channelKind}` as 'channel.api') : t('service.any')}</td>
                  <td>{hours(policy.firstResponseMinutes)}</td><td>{hours(policy.resolutionMinutes)}</td>
                  <td>{policy.decisionDays === null ? '—' : t('service.days', { n: policy.decisionDays })}</td>
                  <td>{new Intl.ListFormat(locale).format([policy.escalateRaisePriority ? t('service.raisePriority') : '', policy.escalateToLead ? t('service.toLead') : ''].filter(Boolean)) || '—'}</td>
                  <td><button type="button" className="button button--quiet" onClick={() => void remove(policy.id)}>{t('service.remove')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="policy-form">
        <div className="desk-row">
          <label className="field"><span>{t('service.name')}</span><input name="name" required dir="auto" /></label>
          <label className="field"><span>{t('service.type')}</span><select name="ticketType"><option value="">{t('service.any')}</option>
            {TYPES.map((type) => <option key={type} value={type}>{t(`reports.types.${type}`)}</option>)}</select></label>
          <label className="field"><span>{t('service.priority')}</span><select name="priority"><option value="">{t('service.any')}</option>
            {PRIORITIES.map((priority) => <option key={priority} value={priority}>{t(`priority.${priority}`)}</option>)}</select></label>
          <label className="field"><span>{t('service.channel')}</span><select name="channelKind"><option value="">{t('service.any')}</option>
            {CHANNELS.map((kind) => <option key={kind} value={kind}>{t(`channel.${kind}`)}</option>)}</select></label>
        </div>
        <div className="desk-row">
          <label className="field"><span>{t('service.firstResponse')}</span><input name="firstResponse" type="number" min={0.1} step={0.1} required /></label>
          <label className="field"><span>{t('service.nextResponse')}</span><input name="nextResponse" type="number" min={0.1} step={0.1} /></label>
          <label className="field"><span>{t('service.resolution')}</span><input name="resolution" type="number" min={0.1} step={0.1} required /></label>
          <label className="field"><span>{t('service.decisionDays')}</span><input name="decisionDays" type="number" min={1} max={365} /></label>
        </div>
        <div className="desk-row">
          <label className="field"><span>{t('service.warnBefore')}</span><input name="warnBefore" type="number" min={0} max={10080} placeholder="60" /></label>
          <fieldset className="desk-choice">
            <legend>{t('service.escalation')}</legend>
            <label><input type="checkbox" name="escalateRaisePriority" defaultChecked />{t('service.raisePriority')}</label>
            <label><input type="checkbox" name="escalateToLead" />{t('service.toLead')}</label>
          </fieldset>
        </div>
        {error && <p className="field-error" role="alert">{error.message}</p>}
        <div className="dialog-actions"><button type="submit" className="button button--primary">{t('service.addPolicy')}</button></div>
      </form>
    </section>
  );
}

function Holidays() {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const [holidays, setHolidays] = useState<Holiday[] | null>(null);
  const [calendar, setCalendar] = useState<'hijri' | 'gregorian'>('hijri');
  const [error, setError] = useState<Failure>(null);
  useEffect(() => void settingsApi.holidays().then(setHolidays, (e) => setError(failureOf(e))), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const value = String(data.get(calendar === 'hijri' ? 'hijriDate' : 'date') ?? '').trim().replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));
    setError(null);
    try {
      const added = await settingsApi.addHoliday({ name, ...(calendar === 'hijri' ? { hijriDate: value } : { date: value }) });
      setHolidays((all) => [...(all ?? []).filter((one) => one.date !== added.date), added].sort((a, b) => a.date.localeCompare(b.date)));
      form.reset();
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  const remove = async (date: string) => {
    try {
      await settingsApi.removeHoliday(date);
      setHolidays((all) => all?.filter((one) => one.date !== date) ?? null);
    } catch (failure) {
      setError(failureOf(failure));
    }
  };

  return (
    <section className="desk__section" aria-labelledby="holidays" data-testid="holidays">
      <h2 id="holidays">{t('service.holidays')}</h2>
      {holidays && holidays.length === 0 && <p className="list-message">{t('service.noHolidays')}</p>}
      {holidays && holidays.length > 0 && (
        <table className="table">
          <tbody>
            {holidays.map((holiday) => {
              const day = dualDate(new Date(`${holiday.date}T12:00:00Z`), locale, 'UTC');
              return (
                <tr key={holiday.date} data-date={holiday.date}>
                  <td><bdi>{holiday.name}</bdi></td><td>{day.hijri}</td><td>{day.gregorian}</td>
                  <td><button type="button" className="button button--quiet" onClick={() => void remove(holiday.date)}>{t('service.remove')}</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="holiday-form">
        <div className="desk-row">
          <label className="field"><span>{t('service.holidayName')}</span><input name="name" required dir="auto" /></label>
          <fieldset className="desk-choice">
            <legend>{t('service.calendar')}</legend>
            <label><input type="radio" name="calendar" checked={calendar === 'hijri'} onChange={() => setCalendar('hijri')} />{t('service.hijri')}</label>
            <label><input type="radio" name="calendar" checked={calendar === 'gregorian'} onChange={() => setCalendar('gregorian')} />{t('service.gregorian')}</label>
          </fieldset>
          {calendar === 'hijri'
            ? <label className="field"><span>{t('service.hijriDate')}</span><input name="hijriDate" dir="ltr" placeholder="1448-10-01" required pattern="[0-9٠-٩]{4}-[0-9٠-٩]{1,2}-[0-9٠-٩]{1,2}" /></label>
            : <label className="field"><span>{t('service.date')}</span><input name="date" type="date" required /></label>}
        </div>
        {error && <p className="field-error" role="alert">{error.message}</p>}
        <div className="dialog-actions"><button type="submit" className="button button--primary">{t('service.addHoliday')}</button></div>
      </form>
    </section>
  );
}
