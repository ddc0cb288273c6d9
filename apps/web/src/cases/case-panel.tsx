import './case-panel.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import { dualDate } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { CaseVisits, type CaseVisit } from './case-visits';

type Text = { ar: string; en: string };

interface CaseView {
  ticketId: string;
  type: { key: string; label: Text };
  stage: string;
  stages: { key: string; label: Text; reached: boolean; current: boolean }[];
  moves: { to: string; label: Text; allowed: boolean; reason: 'forbidden' | 'incomplete' | null; missing: string[] }[];
  checklist: { key: string; kind: string; label: Text; done: boolean; by: string | null; at: string | null }[];
  decisionDueAt: string | null;
  visits: CaseVisit[];
}

/**
 * The case behind a request ticket, beside its conversation: where it stands
 * among its stages, the verification checklist, "ask the applicant for what is
 * missing", and the moves the user's role allows (with the reason for the
 * others). Every move asks for a note, which goes into the timeline.
 */
export default function CasePanel({ ticketId, version, onChanged }: { ticketId: string; version: unknown; onChanged: () => void }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [view, setView] = useState<CaseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    request<CaseView>('GET', `/tickets/${ticketId}/case`).then((found) => live && setView(found), (failure: Error) => live && setError(failure.message));
    return () => { live = false; };
  }, [ticketId, version]);

  const act = async (call: () => Promise<CaseView>) => {
    setBusy(true);
    setError(null);
    try {
      setView(await call());
      onChanged();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!view) return error ? <p role="alert" className="case-error">{error}</p> : <p role="status" className="list-message">{t('ticket.loading')}</p>;
  const labelOf = (key: string) => view.checklist.find((item) => item.key === key)?.label[locale] ?? key;
  const due = view.decisionDueAt ? dualDate(view.decisionDueAt, locale, timeZone) : null;
  return (
    <section className="case-panel" aria-labelledby={`case-${ticketId}`} data-testid="case-panel" data-stage={view.stage}>
      <h2 id={`case-${ticketId}`}>{view.type.label[locale]}</h2>
      {due && <p className="desk-hint">{t('cases.decisionDue', { date: `${due.gregorian} · ${due.hijri}` })}</p>}
      <ol className="case-stages" aria-label={t('cases.stages')}>
        {view.stages.map((stage) => (
          <li key={stage.key} data-reached={stage.reached || undefined} aria-current={stage.current ? 'step' : undefined}>{stage.label[locale]}</li>
        ))}
      </ol>
      <fieldset className="case-checklist" disabled={busy}>
        <legend>{t('cases.checklist')}</legend>
        {view.checklist.map((item) => (
          <label key={item.key} className="case-checklist__item">
            <input
              type="checkbox" checked={item.done} data-item={item.key}
              onChange={(event) => void act(() => request('PATCH', `/tickets/${ticketId}/case/checklist/${item.key}`, { done: event.target.checked }))}
            />
            <span>{item.label[locale]}</span>
          </label>
        ))}
      </fieldset>
      {view.checklist.some((item) => !item.done && item.kind !== 'check') && (
        <button type="button" className="button" disabled={busy} data-testid="request-missing"
          onClick={() => void act(() => request('POST', `/tickets/${ticketId}/case/request-missing`, {}))}>
          {t('cases.requestMissing')}
        </button>
      )}
      {view.moves.length > 0 && (
        <div className="case-moves">
          <label className="field">
            <span>{t('cases.note')}</span>
            <textarea value={note} rows={2} dir="auto" maxLength={2000} onChange={(event) => setNote(event.target.value)} data-testid="case-note" />
          </label>
          <ul>
            {view.moves.map((move) => (
              <li key={move.to}>
                <button type="button" className={move.allowed ? 'button button--primary' : 'button'} disabled={busy || !move.allowed} data-move={move.to}
                  onClick={() => void act(async () => {
                    const moved = await request<CaseView>('POST', `/tickets/${ticketId}/case/stage`, { stage: move.to, ...(note.trim() ? { note: note.trim() } : {}) });
                    setNote('');
                    return moved;
                  })}>
                  {t('cases.moveTo', { stage: move.label[locale] })}
                </button>
                {move.reason === 'forbidden' && <p className="desk-hint">{t('cases.notYourRole')}</p>}
                {move.reason === 'incomplete' && <p className="desk-hint">{t('cases.missing', { items: move.missing.map(labelOf).join(locale === 'ar' ? '، ' : ', ') })}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* The ticket reloads after a visit is sent or cancelled, and this panel with it (version). */}
      <CaseVisits ticketId={ticketId} visits={view.visits} onChanged={onChanged} />
      {error && <p role="alert" className="case-error">{error}</p>}
    </section>
  );
}
