import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dualDateTime } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { complaintsApi, type AccessEntry } from './complaints-api';

/** Who viewed or changed the case, newest first (officers only: participants are answered 403 and never shown the section). */
export function CaseAccessLog({ ticketId, version }: { ticketId: string; version: unknown }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [entries, setEntries] = useState<AccessEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    complaintsApi.accessLog(ticketId).then(setEntries, (failure: Error) => setError(failure.message));
  }, [ticketId, version]);
  return (
    <section className="case-section" aria-labelledby={`history-${ticketId}`} data-testid="case-history">
      <h3 id={`history-${ticketId}`}>{t('complaint.history')}</h3>
      <p className="case-hint">{t('complaint.historyHint')}</p>
      {error && <p role="alert" className="case-error">{t('complaint.historyFailed', { message: error })}</p>}
      {entries && entries.length === 0 && <p className="case-empty">{t('complaint.noHistory')}</p>}
      {entries && entries.length > 0 && (
        <ol className="case-history">
          {entries.map((entry) => {
            const at = dualDateTime(entry.at, locale, timeZone);
            return (
              <li key={entry.id} data-action={entry.action}>
                <bdi className="case-list__name">{entry.actorName ?? t('complaint.someone')}</bdi>{' '}
                <span>{t(`complaint.actions.${entry.action.replace(/\./g, '_')}`, { defaultValue: entry.action })}</span>
                <time className="case-list__meta" dateTime={entry.at}>{at.gregorian} · {at.hijri}</time>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
