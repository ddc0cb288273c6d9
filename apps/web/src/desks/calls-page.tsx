import '../styles/supervision.css';
import './desks.css';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { dualDateTime } from '../format/dates';
import { formatPhone } from '../format/phone';
import { inboxHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';
import { desksApi, type FollowUp, type ImportReport } from './desks-api';

const CSV_MAX_BYTES = 2 * 1024 * 1024;

/** `#/calls`: the follow-ups calls left (missed, to call back), and for supervisors the import of a telephone system's call records. */
export default function CallsPage() {
  const { t } = useTranslation();
  const { isSupervisor } = useWorkspace();
  return (
    <main className="desk" id="ticket-list">
      <h1>{t('calls.pageTitle')}</h1>
      <FollowUps />
      {isSupervisor ? <CallImport /> : <p className="desk-hint">{t('calls.supervisorsOnly')}</p>}
    </main>
  );
}

function FollowUps() {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [mine, setMine] = useState(false);
  const [items, setItems] = useState<FollowUp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    desksApi.followUps({ open: true, mine }).then(setItems, (failure: Error) => setError(failure.message));
  }, [mine]);
  useEffect(load, [load]);

  const done = async (id: string) => {
    try {
      await desksApi.completeFollowUp(id);
      setItems((current) => current?.filter((item) => item.id !== id) ?? null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <section aria-labelledby="follow-ups" className="desk__section" data-testid="follow-ups">
      <div className="desk__heading">
        <h2 id="follow-ups">{t('calls.followUps')}</h2>
        <label className="check"><input type="checkbox" checked={mine} onChange={(event) => setMine(event.target.checked)} />{t('calls.mineOnly')}</label>
      </div>
      <p className="desk-hint">{t('calls.followUpsHint')}</p>
      {error && <p role="alert" className="field-error">{t('errors.generic', { message: error })}</p>}
      {items && items.length === 0 && <p className="list-message">{t('calls.noFollowUps')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead><tr><th>{t('calls.ticket')}</th><th>{t('calls.contact')}</th><th>{t('calls.reason')}</th><th>{t('calls.due')}</th><th /></tr></thead>
            <tbody>
              {items.map((item) => {
                const due = dualDateTime(item.dueAt, locale, timeZone);
                const late = new Date(item.dueAt).getTime() < Date.now();
                return (
                  <tr key={item.id} data-follow-up-id={item.id}>
                    <td><a href={inboxHref('all', item.ticketId)}><bdi>{item.reference}</bdi></a></td>
                    <td><bdi>{item.contactName ?? ''}</bdi> <bdi dir="ltr" className="desk-number">{formatPhone(item.number)}</bdi></td>
                    <td>{t(`calls.${item.reason}`)}</td>
                    <td><time dateTime={item.dueAt} title={due.hijri}>{due.gregorian}</time>{late && <span className="badge badge--deadline-overdue">{t('calls.overdue')}</span>}</td>
                    <td><button type="button" className="button" onClick={() => void done(item.id)}>{t('calls.markDone')}</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CallImport() {
  const { t } = useTranslation();
  const [csv, setCsv] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (file: File | undefined) => {
    setReport(null);
    setImported(null);
    setError(null);
    if (!file) return setCsv(null);
    if (file.size > CSV_MAX_BYTES) {
      setCsv(null);
      return setError(`${file.name}: > 2 MB`);
    }
    setCsv(await file.text());
  };

  const run = async (preview: boolean, event?: FormEvent) => {
    event?.preventDefault();
    if (!csv) return;
    setBusy(true);
    setError(null);
    try {
      const result = await desksApi.importCalls(csv, preview);
      if (preview) setReport(result);
      else {
        setImported(result);
        setReport(result);
      }
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : (failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="call-import" className="desk__section" data-testid="call-import">
      <h2 id="call-import">{t('calls.import')}</h2>
      <p className="desk-hint">{t('calls.importHint')}</p>
      <form className="desk-form desk-form--inline" onSubmit={(event) => void run(true, event)}>
        <label className="field">
          <span>{t('calls.file')}</span>
          <input type="file" accept=".csv,text/csv" onChange={(event) => void pick(event.target.files?.[0])} data-testid="call-import-file" />
        </label>
        <button type="submit" className="button" disabled={!csv || busy}>{t('calls.preview')}</button>
        {report && !imported && report.valid > 0 && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(false)} data-testid="call-import-run">
            {t('calls.importNow', { n: report.valid })}
          </button>
        )}
      </form>
      {error && <p role="alert" className="field-error">{error}</p>}
      {imported && <p role="status" className="desk-done">{t('calls.imported', { n: imported.imported })}</p>}
      {report && (
        <>
          <p role="status">{t('calls.summary', { total: report.total, valid: report.valid, invalid: report.invalid })}</p>
          <div className="table-scroll">
            <table className="table" data-testid="call-import-rows">
              <thead><tr><th>{t('calls.line')}</th><th>{t('calls.number')}</th><th>{t('calls.direction')}</th><th>{t('calls.outcome')}</th><th>{t('calls.problems')}</th></tr></thead>
              <tbody>
                {report.rows.map((row) => {
                  const failed = row.result && 'error' in row.result ? row.result.error : null;
                  const problems = [...row.errors, ...(failed ? [failed] : [])];
                  const result = row.result && 'ticketReference' in row.result ? row.result : null;
                  return (
                    <tr key={row.line} data-line={row.line} data-ok={problems.length === 0 || undefined}>
                      <td>{row.line}</td>
                      <td><bdi dir="ltr">{row.call ? formatPhone(row.call.number) : ''}</bdi></td>
                      <td>{row.call ? t(`calls.${row.call.direction}`) : ''}</td>
                      <td>{row.call ? t(`calls.${row.call.outcome}`) : ''}</td>
                      <td>
                        {problems.length ? <ul className="desk-problems">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul> : t('calls.fine')}
                        {result && <> · <bdi>{result.ticketReference}</bdi>{result.duplicate ? ` (${t('calls.alreadyThere')})` : ''}</>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
