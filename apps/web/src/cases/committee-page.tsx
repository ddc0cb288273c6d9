import '../styles/supervision.css';
import './case-panel.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import { dualDate, relativeTime } from '../format/dates';
import { inboxHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';

interface CaseItem {
  ticketId: string;
  reference: string;
  subject: string;
  caseType: string;
  stage: string;
  decisionDueAt: string | null;
  contactName: string | null;
  movedAt: string;
}

type Label = { ar: string; en: string };
interface CaseTypeStages { key: string; label: Label; stages: { key: string; label: Label }[] }

/** Every stage of the organization's request types once (the first type's name for it), the committee first. */
export function stageOptions(types: CaseTypeStages[]): { key: string; label: Label }[] {
  const seen = new Map<string, Label>();
  for (const type of types) for (const stage of type.stages) if (!seen.has(stage.key)) seen.set(stage.key, stage.label);
  const options = [...seen].map(([key, label]) => ({ key, label }));
  return [...options.filter((o) => o.key === 'committee'), ...options.filter((o) => o.key !== 'committee')];
}

/** The committee's agenda: cases awaiting decision (or at another stage), the nearest decision deadline first. */
export default function CommitteePage() {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [stage, setStage] = useState('committee');
  const [stages, setStages] = useState<{ key: string; label: Label }[]>([]);
  const [typeLabels, setTypeLabels] = useState<Record<string, Label>>({});

  useEffect(() => {
    request<(CaseTypeStages & { ticketType: string })[]>('GET', '/cases/types').then((types) => {
      setStages(stageOptions(types));
      setTypeLabels(Object.fromEntries(types.map((type) => [type.key, type.label])));
    }, () => undefined);
  }, []);
  const [items, setItems] = useState<CaseItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setItems(null);
    request<CaseItem[]>('GET', `/cases?stage=${stage}`).then((found) => live && setItems(found), (failure: Error) => live && setError(failure.message));
    return () => { live = false; };
  }, [stage]);

  return (
    <main className="supervisor committee" id="ticket-list">
      <h1>{t('cases.agenda')}</h1>
      <label className="inline-field">
        <span>{t('cases.stage')}</span>
        <select value={stage} onChange={(event) => setStage(event.target.value)} data-testid="case-stage-filter">
          {(stages.length ? stages : [{ key: 'committee', label: { ar: t('cases.stageNames.committee'), en: t('cases.stageNames.committee') } }]).map((option) => (
            <option key={option.key} value={option.key}>{option.key === 'committee' ? t('cases.stageNames.committee') : option.label[locale]}</option>
          ))}
        </select>
      </label>
      {error && <p role="alert" className="case-error">{t('errors.generic', { message: error })}</p>}
      {items === null && !error && <p role="status" className="list-message">{t('list.loading')}</p>}
      {items?.length === 0 && <p className="desk-hint">{t('cases.none')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll"><table className="table" data-testid="case-agenda">
          <thead>
            <tr><th>{t('cases.reference')}</th><th>{t('cases.applicant')}</th><th>{t('cases.type')}</th><th>{t('cases.deadline')}</th></tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const due = item.decisionDueAt ? dualDate(item.decisionDueAt, locale, timeZone) : null;
              const late = item.decisionDueAt !== null && new Date(item.decisionDueAt).getTime() < Date.now();
              return (
                <tr key={item.ticketId} data-ticket-id={item.ticketId}>
                  <td><a href={inboxHref('all', item.ticketId)}><bdi>{item.reference}</bdi></a> <span dir="auto">{item.subject}</span></td>
                  <td><bdi>{item.contactName ?? '—'}</bdi></td>
                  <td>{typeLabels[item.caseType]?.[locale] ?? t(`formsAdmin.ticketTypes.${item.caseType}`)}</td>
                  <td data-late={late || undefined}>{due ? `${relativeTime(item.decisionDueAt!, locale)} · ${due.gregorian} · ${due.hijri}` : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table></div>
      )}
    </main>
  );
}
