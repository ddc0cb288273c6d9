import { Modal } from '@mantine/core';
import { Lock } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dualDateTime } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { complaintsApi, DECISIONS, type ComplaintCase, type ComplaintDecision } from './complaints-api';
import type { CaseState } from './use-complaint-case';

interface Props {
  kase: ComplaintCase;
  run: CaseState['run'];
  canClose: boolean;
}

/** Findings and action taken (internal), the decision, the closure and the notice that went out. */
export function CaseOutcome({ kase, run, canClose }: Props) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const id = kase.ticketId;
  const closed = kase.status === 'closed';
  const [findings, setFindings] = useState(kase.findings ?? '');
  const [actionTaken, setActionTaken] = useState(kase.actionTaken ?? '');
  const [saveState, setSaveState] = useState<{ error: string | null; saved: boolean }>({ error: null, saved: false });
  const [decision, setDecision] = useState<ComplaintDecision | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Another officer's save (a live reload) shows here unless this person is typing something else.
  useEffect(() => setFindings((current) => (current === '' ? kase.findings ?? '' : current)), [kase.findings]);
  useEffect(() => setActionTaken((current) => (current === '' ? kase.actionTaken ?? '' : current)), [kase.actionTaken]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const error = await run(() => complaintsApi.saveFindings(id, { findings, actionTaken }));
    setBusy(false);
    setSaveState({ error, saved: !error });
  };
  const close = async () => {
    if (!decision) return;
    setBusy(true);
    // Unsaved findings are saved first: closing must not lose them.
    const unsaved = findings !== (kase.findings ?? '') || actionTaken !== (kase.actionTaken ?? '');
    const error = (unsaved ? await run(() => complaintsApi.saveFindings(id, { findings, actionTaken })) : null)
      ?? await run(() => complaintsApi.close(id, decision));
    setBusy(false);
    setCloseError(error);
    setConfirming(false);
  };

  const when = (value: string) => {
    const date = dualDateTime(value, locale, timeZone);
    return <time dateTime={value}>{date.gregorian} · {date.hijri}</time>;
  };

  return (
    <>
      <form className="case-section case-internal" aria-labelledby={`internal-${id}`} onSubmit={(event) => void save(event)} data-testid="case-internal">
        <h3 id={`internal-${id}`}><Lock size={14} aria-hidden="true" /> {t('complaint.internal')}</h3>
        <p className="case-hint">{t('complaint.internalHint')}</p>
        <label className="field">
          <span>{t('complaint.findings')}</span>
          <textarea dir="auto" rows={3} value={findings} readOnly={closed} onChange={(event) => { setFindings(event.target.value); setSaveState({ error: null, saved: false }); }} data-testid="case-findings" />
        </label>
        <label className="field">
          <span>{t('complaint.actionTaken')}</span>
          <textarea dir="auto" rows={3} value={actionTaken} readOnly={closed} onChange={(event) => { setActionTaken(event.target.value); setSaveState({ error: null, saved: false }); }} data-testid="case-action" />
        </label>
        {!closed && (
          <div className="case-form__bar">
            <button type="submit" className="button" disabled={busy}>{t('complaint.save')}</button>
            {saveState.saved && <span role="status" className="case-saved">{t('complaint.saved')}</span>}
            {saveState.error && <p role="alert" className="case-error">{t('complaint.failed')} <bdi>{saveState.error}</bdi></p>}
          </div>
        )}
      </form>

      <section className="case-section" aria-labelledby={`decision-${id}`} data-testid="case-decision">
        <h3 id={`decision-${id}`}>{t('complaint.decision')}</h3>
        {closed ? (
          <>
            <p className="case-closed">
              <span className="badge badge--closed-case">{t('complaint.closed')}</span>{' '}
              {kase.decision && <strong data-decision={kase.decision}>{t(`complaint.decisions.${kase.decision}`)}</strong>}
              {kase.decidedAt && <> · {t('complaint.decidedAt')}: {when(kase.decidedAt)}</>}
            </p>
            {kase.closureNotice ? (
              <div className="case-notice" data-testid="closure-notice">
                <p className="case-notice__sent">
                  {kase.closureNoticeSentAt ? <>{t('complaint.noticeSent')}: {when(kase.closureNoticeSentAt)}</> : t('complaint.noticePending')}
                </p>
                <p className="case-notice__label">{t('complaint.noticeText')}</p>
                <blockquote dir="auto">{kase.closureNotice}</blockquote>
              </div>
            ) : <p className="case-hint">{t('complaint.noticePending')}</p>}
          </>
        ) : canClose ? (
          <div className="case-form case-form--inline">
            <label className="field">
              <span>{t('complaint.decision')}</span>
              <select value={decision} onChange={(event) => setDecision(event.target.value as ComplaintDecision | '')} data-testid="case-decision-select">
                <option value="">{t('complaint.chooseDecision')}</option>
                {DECISIONS.map((value) => <option key={value} value={value}>{t(`complaint.decisions.${value}`)}</option>)}
              </select>
            </label>
            <button type="button" className="button button--primary" disabled={!decision || busy} onClick={() => setConfirming(true)} data-testid="case-close">
              {t('complaint.close')}
            </button>
            {closeError && <p role="alert" className="case-error">{t('complaint.failed')} <bdi>{closeError}</bdi></p>}
          </div>
        ) : null}
      </section>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('complaint.confirmTitle')} closeButtonProps={{ 'aria-label': t('complaint.cancel') }}>
        <div className="case-confirm" data-testid="case-confirm">
          <p>{t('complaint.confirmBody')}</p>
          {decision && <p><strong>{t('complaint.confirmDecision', { decision: t(`complaint.decisions.${decision}`) })}</strong></p>}
          <div className="case-form__bar">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void close()} data-testid="case-confirm-close">{t('complaint.confirm')}</button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>{t('complaint.cancel')}</button>
          </div>
        </div>
      </Modal>
    </>
  );
}
