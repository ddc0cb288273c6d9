import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale, TicketListItem } from '../api/types';
import { dualDateTime, shortWhen } from '../format/dates';
import { ChannelBadge, ChannelIcon, DeadlineBadge, PriorityBadge, StatusBadge } from './badges';

export const ROW_HEIGHT = 92;

interface RowProps {
  item: TicketListItem;
  href: string;
  selected: boolean;
  fresh: boolean;
  locale: Locale;
  timeZone: string;
  now: number;
  assigneeName: string | null;
  position: number;
  total: number;
  top: number;
}

/** One ticket in the list: who, what, and status, priority, channel and deadline by colour and text. */
export const TicketRow = memo(function TicketRow(props: RowProps) {
  const { t } = useTranslation();
  const { item } = props;
  const when = dualDateTime(item.lastActivityAt, props.locale, props.timeZone);
  return (
    <div
      role="listitem"
      aria-posinset={props.position}
      aria-setsize={props.total}
      className="ticket-row-slot"
      style={{ transform: `translateY(${props.top}px)`, height: ROW_HEIGHT }}
    >
      <a
        href={props.href}
        className="ticket-row"
        data-ticket-id={item.id}
        data-unread={item.unread || undefined}
        data-fresh={props.fresh || undefined}
        aria-current={props.selected ? 'true' : undefined}
      >
        <span className="ticket-row__line">
          <span className="ticket-row__unread" aria-hidden={!item.unread}>
            {item.unread && <span className="visually-hidden">{t('list.unread')}</span>}
          </span>
          <ChannelIcon kind={item.channelKind} />
          <bdi className="ticket-row__name">{item.contactName ?? t('list.noName')}</bdi>
          <bdi className="ticket-row__reference">{item.reference}</bdi>
          <time className="ticket-row__time" dateTime={item.lastActivityAt} title={`${when.gregorian} — ${when.hijri}`}>
            {shortWhen(item.lastActivityAt, props.locale, props.timeZone)}
          </time>
        </span>
        <span className="ticket-row__line ticket-row__text">
          <span className="ticket-row__subject" dir="auto">{item.subject}</span>
          <span className="ticket-row__preview" dir="auto">{item.lastMessagePreview}</span>
        </span>
        <span className="ticket-row__line ticket-row__badges">
          <StatusBadge status={item.status} />
          <PriorityBadge priority={item.priority} />
          <ChannelBadge kind={item.channelKind} />
          {item.confidential && <span className="badge badge--confidential">{t('ticket.confidential')}</span>}
          <DeadlineBadge
            firstResponseDueAt={item.firstResponseDueAt} resolutionDueAt={item.resolutionDueAt} responded={item.status !== 'new'}
            locale={props.locale} timeZone={props.timeZone} now={props.now}
          />
          <span className="ticket-row__assignee">
            {props.assigneeName ? <bdi>{props.assigneeName}</bdi> : t('list.unassigned')}
          </span>
        </span>
      </a>
    </div>
  );
});
