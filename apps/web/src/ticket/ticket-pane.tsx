import { ArrowLeft } from 'lucide-react';
import { lazy, Suspense, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import type { ReplyTemplate, TicketChange } from '../api/types';
import { dualDateTime } from '../format/dates';
import { ChannelBadge, DeadlineBadge, PriorityBadge, StatusBadge } from '../inbox/badges';
import { useWorkspace } from '../workspace/workspace-context';
import { Composer, type ComposerHandle, type ComposerMode } from './composer';
import { ContactActions } from '../desks/contact-actions';
import { ContactCard } from './contact-card';
import { PresenceLine } from './presence-line';
import { TicketControls } from './ticket-controls';
import { Timeline } from './timeline';
import { usePresence, useTicketDetail } from './use-ticket';

// The confidential case panel loads with the first complaint opened: most agents never see one.
const ComplaintPanel = lazy(() => import('../complaints/complaint-panel'));
const CasePanel = lazy(() => import('../cases/case-panel'));
/** Request tickets that have a case (kept in step with CASE_TICKET_TYPES in cases/case-panel.tsx, which loads on demand). */
const CASE_TYPES = new Set(['support_request', 'registration', 'volunteer', 'job_application']);
const CASE_ROLES = new Set(['agent', 'supervisor', 'admin', 'researcher']);

export interface TicketPaneHandle {
  focusComposer(mode: ComposerMode): void;
  assignToMe(): void;
  resolve(): void;
}

interface Props {
  ticketId: string;
  backHref: string;
  hrefOf: (ticketId: string) => string;
  templates: ReplyTemplate[];
  onRead: (id: string) => void;
  ref?: Ref<TicketPaneHandle>;
}

/** The open ticket: header and controls, the timeline, the composer with who else is here, and the contact's card. */
export function TicketPane({ ticketId, backHref, hrefOf, templates, onRead, ref }: Props) {
  const { t } = useTranslation();
  const { realtime, me, locale, timeZone } = useWorkspace();
  const { state, reload } = useTicketDetail(ticketId, realtime, onRead);
  const viewers = usePresence(ticketId, realtime, me.id);
  const composer = useRef<ComposerHandle>(null);
  const timelineEnd = useRef<HTMLDivElement>(null);
  const detail = state.detail;
  const [actionError, setActionError] = useState<string | null>(null);

  /** Changes made from the keyboard (a, e); the controls report their own. */
  const change = (update: TicketChange) => {
    if (!detail) return;
    setActionError(null);
    void api.updateTicket(detail.ticket.id, update).then(
      () => reload(),
      (failure: Error) => setActionError(t('ticket.changeFailed', { message: failure.message })),
    );
  };

  useImperativeHandle(ref, () => ({
    focusComposer: (mode) => composer.current?.focus(mode),
    assignToMe: () => change({ assigneeId: me.id }),
    resolve: () => change({ status: 'resolved' }),
  }));

  const messageCount = detail?.messages.length ?? 0;
  useEffect(() => {
    timelineEnd.current?.scrollIntoView({ block: 'end' });
  }, [messageCount, ticketId]);

  const back = (
    <a href={backHref} className="button button--quiet back-link">
      <ArrowLeft size={16} aria-hidden="true" className="mirror-rtl" />
      {t('ticket.back')}
    </a>
  );

  if (state.status === 'loading') return <div className="ticket-pane">{back}<p className="list-message" role="status">{t('ticket.loading')}</p></div>;
  if (state.status === 'notFound') return <div className="ticket-pane">{back}<p className="list-message" role="alert">{t('ticket.notFound')}</p></div>;
  if (state.status === 'error') return <div className="ticket-pane">{back}<p className="list-message" role="alert">{t('errors.generic', { message: state.error })}</p></div>;

  const { ticket, contact, messages } = state.detail;
  const opened = dualDateTime(ticket.createdAt, locale, timeZone);
  return (
    <article className="ticket-pane" aria-labelledby={`ticket-title-${ticket.id}`} data-ticket-id={ticket.id}>
      <header className="ticket-header">
        {back}
        <div className="ticket-header__title">
          <bdi className="ticket-header__reference">{ticket.reference}</bdi>
          <h1 id={`ticket-title-${ticket.id}`} dir="auto">{ticket.subject}</h1>
        </div>
        <div className="ticket-header__badges">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <ChannelBadge kind={ticket.channelKind} />
          <DeadlineBadge
            firstResponseDueAt={ticket.firstResponseDueAt} resolutionDueAt={ticket.resolutionDueAt} responded={Boolean(ticket.firstRespondedAt)}
            locale={locale} timeZone={timeZone} now={Date.now()}
          />
          {ticket.confidential && <span className="badge badge--confidential">{t('ticket.confidential')}</span>}
          <span className="ticket-header__opened">
            {t('ticket.createdAt')}: <time dateTime={ticket.createdAt}>{opened.gregorian} · {opened.hijri}</time>
          </span>
        </div>
        <TicketControls ticket={ticket} onChanged={() => void reload()} />
        {actionError && <p role="alert" className="composer__error">{actionError}</p>}
      </header>
      <div className={ticket.confidential ? 'ticket-pane__body ticket-pane__body--case' : 'ticket-pane__body'}>
        <div className="ticket-pane__conversation">
          <div className="ticket-pane__timeline" tabIndex={-1}>
            <Timeline messages={messages} contactName={contact.name} />
            <div ref={timelineEnd} />
          </div>
          <PresenceLine viewers={viewers} />
          <Composer ref={composer} detail={state.detail} templates={templates} onSent={() => void reload()} />
        </div>
        <aside className="ticket-pane__contact" aria-label={ticket.confidential ? `${t('complaint.band')} · ${t('contact.heading')}` : t('contact.heading')}>
          {ticket.confidential && (
            <Suspense fallback={<p role="status" className="list-message">{t('ticket.loading')}</p>}>
              <ComplaintPanel ticketId={ticket.id} version={state.detail} />
            </Suspense>
          )}
          {!ticket.confidential && CASE_TYPES.has(ticket.type) && me.roles.some((role) => CASE_ROLES.has(role)) && (
            <Suspense fallback={<p role="status" className="list-message">{t('ticket.loading')}</p>}>
              <CasePanel ticketId={ticket.id} version={state.detail} onChanged={() => void reload()} />
            </Suspense>
          )}
          <ContactCard contact={contact} hrefOf={hrefOf} />
          <ContactActions ticket={ticket} contact={contact} onChanged={() => void reload()} />
        </aside>
      </div>
    </article>
  );
}
