import './complaint.css';
import { ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { dualDateTime } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { CaseAccessLog } from './case-access-log';
import { CaseOutcome } from './case-outcome';
import { CasePeople } from './case-people';
import { useComplaintCase } from './use-complaint-case';

/**
 * The confidential side of a complaint ticket, beside its conversation. Only
 * complaints officers and the case's participants ever get here (anyone else
 * is told the ticket does not exist); officers run the case, participants
 * read it and write findings. Loaded on demand with the first complaint opened.
 */
export default function ComplaintPanel({ ticketId, version }: { ticketId: string; version: unknown }) {
  const { t } = useTranslation();
  const { me, locale, timeZone } = useWorkspace();
  const { kase, error, run } = useComplaintCase(ticketId, version);
  const officer = me.roles.includes('complaints_officer');

  const band = (
    <div className="case-band" role="note" data-testid="complaint-band">
      <ShieldAlert size={18} aria-hidden="true" />
      <div>
        <strong>{t('complaint.band')}</strong>
        <p>{t('complaint.bandHint')}</p>
      </div>
    </div>
  );
  if (error) return <section className="complaint-panel">{band}<p role="alert" className="case-error">{t('errors.generic', { message: error })}</p></section>;
  if (!kase) return <section className="complaint-panel">{band}<p role="status" className="case-hint">{t('complaint.loading')}</p></section>;

  const acknowledged = kase.acknowledgedAt ? dualDateTime(kase.acknowledgedAt, locale, timeZone) : null;
  return (
    <section className="complaint-panel" aria-label={t('complaint.band')} data-testid="complaint-panel" data-case-status={kase.status}>
      {band}
      {kase.erasedAt && <p className="case-hint">{t('complaint.erased')}</p>}
      <dl className="case-facts">
        <div><dt>{t('complaint.reference')}</dt><dd><bdi>{kase.reference}</bdi></dd></div>
        <div><dt>{t('complaint.trackingCode')}</dt><dd><bdi data-testid="tracking-code">{kase.trackingCode}</bdi></dd></div>
        <div>
          <dt>{t('complaint.acknowledged')}</dt>
          <dd>{acknowledged ? <time dateTime={kase.acknowledgedAt!}>{acknowledged.gregorian} · {acknowledged.hijri}</time> : t('complaint.notYet')}</dd>
        </div>
      </dl>
      <CasePeople kase={kase} run={run} canManage={officer && kase.status !== 'closed'} />
      <CaseOutcome kase={kase} run={run} canClose={officer} />
      {officer && <CaseAccessLog ticketId={ticketId} version={kase} />}
    </section>
  );
}
