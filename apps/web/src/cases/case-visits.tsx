import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import { useWorkspace } from '../workspace/workspace-context';

export interface CaseVisit {
  id: string;
  assigneeId: string;
  assigneeName: string | null;
  dueOn: string | null;
  instructions: string | null;
  status: 'assigned' | 'reported' | 'cancelled';
  reportMessageId: string | null;
  reportedAt: string | null;
}

/**
 * The case's field visits: who was sent, by when, and whether the report has
 * come back (a link to it in the timeline); and a form to send a delegate or
 * researcher, whose phone page then lists the visit.
 */
export function CaseVisits({ ticketId, visits, onChanged }: { ticketId: string; visits: CaseVisit[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const visitors = workspace.users.filter((user) => user.roles.includes('delegate') || user.roles.includes('researcher'));
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ assigneeId: '', dueOn: '', instructions: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      onChanged();
      return true;
    } catch (failure) {
      setError((failure as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.assigneeId) return;
    const sent = await act(() => request('POST', `/tickets/${ticketId}/case/visits`, {
      assigneeId: form.assigneeId, ...(form.dueOn ? { dueOn: form.dueOn } : {}), ...(form.instructions.trim() ? { instructions: form.instructions.trim() } : {}),
    }));
    if (sent) {
      setForm({ assigneeId: '', dueOn: '', instructions: '' });
      setOpen(false);
    }
  };

  return (
    <section className="case-visits" aria-labelledby={`visits-${ticketId}`} data-testid="case-visits">
      <h3 id={`visits-${ticketId}`}>{t('visits.title')}</h3>
      {visits.length === 0 ? <p className="desk-hint">{t('visits.none')}</p> : (
        <ul>
          {visits.map((visit) => (
            <li key={visit.id} data-visit-status={visit.status}>
              <span><bdi>{visit.assigneeName ?? ''}</bdi>{visit.dueOn && <> · {t('visits.by', { date: visit.dueOn })}</>}</span>
              <span className={`case-visit-status case-visit-status--${visit.status}`}>{t(`visits.status.${visit.status}`)}</span>
              {visit.reportMessageId && <a href={`#message-${visit.reportMessageId}`} onClick={(event) => {
                event.preventDefault();
                document.getElementById(`message-${visit.reportMessageId}`)?.scrollIntoView({ block: 'center' });
              }}>{t('visits.report')}</a>}
              {visit.status === 'assigned' && (
                <button type="button" className="button button--quiet" disabled={busy}
                  onClick={() => void act(() => request('POST', `/tickets/${ticketId}/case/visits/${visit.id}/cancel`, {}))}>
                  {t('visits.cancel')}
                </button>
              )}
              {visit.instructions && <p className="desk-hint">{visit.instructions}</p>}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form onSubmit={send} className="case-visit-form">
          <label className="field">
            <span>{t('visits.who')}</span>
            <select value={form.assigneeId} required onChange={(event) => setForm({ ...form, assigneeId: event.target.value })} data-testid="visit-assignee">
              <option value="">—</option>
              {visitors.map((user) => <option key={user.id} value={user.id}>{user.name}</option>)}
            </select>
          </label>
          <label className="field">
            <span>{t('visits.due')}</span>
            <input type="date" value={form.dueOn} onChange={(event) => setForm({ ...form, dueOn: event.target.value })} data-testid="visit-due" />
          </label>
          <label className="field">
            <span>{t('visits.instructions')}</span>
            <textarea rows={2} dir="auto" maxLength={2000} value={form.instructions} onChange={(event) => setForm({ ...form, instructions: event.target.value })} data-testid="visit-instructions" />
          </label>
          <div className="case-visit-form__actions">
            <button type="submit" className="button button--primary" disabled={busy || !form.assigneeId} data-testid="visit-send">{t('visits.send')}</button>
            <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>{t('visits.close')}</button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)} disabled={visitors.length === 0} data-testid="visit-open">{t('visits.new')}</button>
      )}
      {error && <p role="alert" className="case-error">{error}</p>}
    </section>
  );
}
