import '../styles/supervision.css';
import './case-panel.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import type { ChannelKind, TicketStatus } from '../api/types';
import { dualDate } from '../format/dates';
import { formatIdentity } from '../format/phone';
import { ChannelBadge, StatusBadge } from '../inbox/badges';
import { inboxHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';

type Label = { ar: string; en: string };

interface ContactFile {
  contact: {
    id: string; name: string | null; kind: string; branch: Label | null; notes: string | null; createdAt: string;
    identities: { id: string; kind: string; value: string }[];
    beneficiary: { permanent: boolean; reviewEveryMonths: number | null; nextReviewOn: string | null };
  };
  requests: { ticketId: string; reference: string; subject: string; typeLabel: Label; stage: string; stageLabel: Label; openedAt: string; decision: { label: Label; at: string; by: string | null } | null }[];
  visits: { id: string; ticketId: string; reference: string; assigneeName: string | null; dueOn: string | null; status: string; reportedAt: string | null; reportMessageId: string | null }[];
  reviews: { dueOn: string; ticketId: string | null; reference: string | null; status: TicketStatus | null; openedAt: string }[];
  conversations: { id: string; reference: string; subject: string; type: string; status: TicketStatus; channelKind: ChannelKind | null; confidential: boolean; createdAt: string; lastActivityAt: string; messages: number }[];
}

/**
 * A person's whole file: how to reach them, whether they are a permanent
 * beneficiary and when they are next reviewed (set by supervisors, admins and
 * researchers), their requests with the decisions, the field visits, the
 * reviews, and every conversation on every channel. What the server leaves
 * out (a complaint the reader may not open) never reaches this page.
 */
export default function ContactFilePage({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const { locale, timeZone, me } = useWorkspace();
  const [file, setFile] = useState<ContactFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    request<ContactFile>('GET', `/contacts/${contactId}/file`).then((found) => live && setFile(found), (failure: Error) => live && setError(failure.message));
    return () => { live = false; };
  }, [contactId, version]);

  if (error) return <main className="supervisor contact-file"><p role="alert" className="case-error">{t('errors.generic', { message: error })}</p></main>;
  if (!file) return <main className="supervisor contact-file"><p role="status" className="list-message">{t('list.loading')}</p></main>;
  const date = (value: string) => dualDate(value, locale, timeZone);
  const day = (value: string) => { const d = date(`${value}T12:00:00Z`); return `${d.gregorian} · ${d.hijri}`; };
  const mayMark = me.roles.some((role) => role === 'admin' || role === 'supervisor' || role === 'researcher');
  const { contact } = file;
  return (
    <main className="supervisor contact-file" data-testid="contact-file">
      <h1><bdi>{contact.name ?? t('list.noName')}</bdi></h1>
      <p className="desk-hint">
        {t(`contact.kind.${contact.kind}` as 'contact.kind.other')}
        {contact.branch && <> · {t('contactFile.branch')}: {contact.branch[locale]}</>}
        {' · '}{t('contactFile.since', { date: date(contact.createdAt).gregorian })}
      </p>
      <section aria-labelledby="file-identities">
        <h2 id="file-identities">{t('contactFile.identities')}</h2>
        <dl className="identities">
          {contact.identities.map((identity) => (
            <div key={identity.id}><dt>{t(`identity.${identity.kind}`)}</dt><dd><bdi dir="ltr">{formatIdentity(identity.kind, identity.value)}</bdi></dd></div>
          ))}
        </dl>
        {contact.notes && <p dir="auto">{contact.notes}</p>}
      </section>

      <BeneficiaryStatus contactId={contact.id} status={contact.beneficiary} editable={mayMark} onSaved={() => setVersion((v) => v + 1)} />

      <section aria-labelledby="file-requests">
        <h2 id="file-requests">{t('contactFile.requests')}</h2>
        {file.requests.length === 0 ? <p className="desk-hint">{t('contactFile.noRequests')}</p> : (
          <div className="table-scroll"><table className="table" data-testid="file-requests">
            <thead><tr><th>{t('cases.reference')}</th><th>{t('cases.type')}</th><th>{t('contactFile.stage')}</th><th>{t('contactFile.decision')}</th></tr></thead>
            <tbody>
              {file.requests.map((item) => (
                <tr key={item.ticketId} data-ticket-id={item.ticketId}>
                  <td><a href={inboxHref('all', item.ticketId)}><bdi>{item.reference}</bdi></a> <span dir="auto">{item.subject}</span></td>
                  <td>{item.typeLabel[locale]}</td>
                  <td>{item.stageLabel[locale]}</td>
                  <td>{item.decision ? t('contactFile.decidedBy', { stage: item.decision.label[locale], date: date(item.decision.at).gregorian, name: item.decision.by ?? '—' }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
        )}
      </section>

      <section aria-labelledby="file-visits">
        <h2 id="file-visits">{t('contactFile.visits')}</h2>
        {file.visits.length === 0 ? <p className="desk-hint">{t('contactFile.noVisits')}</p> : (
          <ul className="file-list" data-testid="file-visits">
            {file.visits.map((visit) => (
              <li key={visit.id} data-visit-status={visit.status}>
                <a href={inboxHref('all', visit.ticketId)}><bdi>{visit.reference}</bdi></a>
                <span><bdi>{visit.assigneeName ?? ''}</bdi></span>
                {visit.dueOn && <span>{t('visits.by', { date: visit.dueOn })}</span>}
                <span className={`case-visit-status case-visit-status--${visit.status}`}>{t(`visits.status.${visit.status}`)}</span>
                {visit.reportedAt && <time dateTime={visit.reportedAt}>{date(visit.reportedAt).gregorian}</time>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="file-reviews">
        <h2 id="file-reviews">{t('contactFile.reviews')}</h2>
        {file.reviews.length === 0 ? <p className="desk-hint">{t('contactFile.noReviews')}</p> : (
          <ul className="file-list" data-testid="file-reviews">
            {file.reviews.map((review) => (
              <li key={review.dueOn}>
                <span>{t('contactFile.reviewDue', { date: day(review.dueOn) })}</span>
                {review.ticketId && <a href={inboxHref('all', review.ticketId)}><bdi>{review.reference}</bdi></a>}
                {review.status && <StatusBadge status={review.status} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="file-conversations">
        <h2 id="file-conversations">{t('contactFile.conversations')}</h2>
        {file.conversations.length === 0 ? <p className="desk-hint">{t('contactFile.noConversations')}</p> : (
          <ul className="file-list" data-testid="file-conversations">
            {file.conversations.map((item) => (
              <li key={item.id} data-ticket-id={item.id}>
                {item.channelKind && <ChannelBadge kind={item.channelKind} />}
                <a href={inboxHref('all', item.id)}><bdi>{item.reference}</bdi></a>
                <span dir="auto" className="file-list__subject">{item.subject}</span>
                {item.confidential && <span className="case-visit-status">{t('contactFile.confidential')}</span>}
                <StatusBadge status={item.status} />
                <span className="desk-hint">{t('contactFile.messages', { n: item.messages })}</span>
                <time dateTime={item.lastActivityAt}>{date(item.lastActivityAt).gregorian}</time>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}

function BeneficiaryStatus({ contactId, status, editable, onSaved }: {
  contactId: string; status: ContactFile['contact']['beneficiary']; editable: boolean; onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ permanent: status.permanent, every: String(status.reviewEveryMonths ?? 12), next: status.nextReviewOn ?? '' });
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => setForm({ permanent: status.permanent, every: String(status.reviewEveryMonths ?? 12), next: status.nextReviewOn ?? '' }), [status]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setNote(null);
    try {
      await request('PUT', `/contacts/${contactId}/beneficiary`, form.permanent
        ? { permanent: true, reviewEveryMonths: Number(form.every), ...(form.next ? { nextReviewOn: form.next } : {}) }
        : { permanent: false });
      setNote({ text: t('contactFile.saved'), error: false });
      onSaved();
    } catch (failure) {
      setNote({ text: (failure as Error).message, error: true });
    }
  };

  return (
    <section aria-labelledby="file-beneficiary" data-testid="beneficiary-status" data-permanent={status.permanent || undefined}>
      <h2 id="file-beneficiary">{status.permanent ? t('contactFile.beneficiary') : t('contactFile.notBeneficiary')}</h2>
      {status.permanent && status.nextReviewOn && !editable && <p>{t('contactFile.nextReview')}: {status.nextReviewOn}</p>}
      {editable && (
        <form onSubmit={save} className="beneficiary-form">
          <label className="inline-field">
            <input type="checkbox" checked={form.permanent} onChange={(event) => setForm({ ...form, permanent: event.target.checked })} data-testid="beneficiary-permanent" />
            <span>{t('contactFile.beneficiary')}</span>
          </label>
          <label className="inline-field">
            <span>{t('contactFile.every')}</span>
            <input type="number" min={1} max={60} value={form.every} disabled={!form.permanent} onChange={(event) => setForm({ ...form, every: event.target.value })} />
          </label>
          <label className="inline-field">
            <span>{t('contactFile.nextReview')}</span>
            <input type="date" value={form.next} disabled={!form.permanent} onChange={(event) => setForm({ ...form, next: event.target.value })} data-testid="beneficiary-next" />
          </label>
          <button type="submit" className="button button--primary" data-testid="beneficiary-save">{t('contactFile.save')}</button>
          {note && <p role={note.error ? 'alert' : 'status'} className={note.error ? 'case-error' : 'desk-hint'}>{note.text}</p>}
        </form>
      )}
    </section>
  );
}
