import { Clock, FileText, Globe, Mail, MapPin, MessageCircle, Phone, TriangleAlert, Webhook, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { ChannelKind, Locale, TicketPriority, TicketStatus } from '../api/types';
import { dualDateTime, relativeTime } from '../format/dates';

const CHANNEL_ICONS: Record<ChannelKind, LucideIcon> = {
  api: Webhook, email: Mail, whatsapp_web: MessageCircle, whatsapp_cloud: MessageCircle, web_form: Globe, phone: Phone, letter: FileText, field: MapPin,
};

export function ChannelIcon({ kind, size = 16 }: { kind: ChannelKind; size?: number }) {
  const Icon = CHANNEL_ICONS[kind] ?? Webhook;
  return <Icon size={size} aria-hidden="true" className="channel-icon" />;
}

/** Colour and text together, never colour alone. */
export function ChannelBadge({ kind }: { kind: ChannelKind }) {
  const { t } = useTranslation();
  return (
    <span className="badge badge--channel" data-channel={kind}>
      <ChannelIcon kind={kind} size={13} />
      {t(`channel.${kind}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return <span className={`badge badge--status-${status}`} data-status={status}>{t(`status.${status}`)}</span>;
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--priority-${priority}`} data-priority={priority}>
      {priority === 'urgent' && <TriangleAlert size={12} aria-hidden="true" />}
      {t(`priority.${priority}`)}
    </span>
  );
}

const SOON_MS = 2 * 60 * 60 * 1000;

/**
 * The deadline that matters now: the first reply while none was sent, then
 * the resolution. Red and "overdue" past it, amber within two hours.
 */
export function DeadlineBadge(props: {
  firstResponseDueAt: string | null; resolutionDueAt: string | null; responded: boolean; locale: Locale; timeZone: string; now: number;
}) {
  const { t } = useTranslation();
  const first = !props.responded && props.firstResponseDueAt;
  const due = first ? props.firstResponseDueAt : props.resolutionDueAt;
  if (!due) return null;
  const left = new Date(due).getTime() - props.now;
  const state = left < 0 ? 'overdue' : left < SOON_MS ? 'soon' : 'later';
  const when = relativeTime(due, props.locale, props.now);
  const text = first
    ? state === 'overdue' ? t('deadline.firstResponseOverdue') : t('deadline.firstResponseDue', { when })
    : state === 'overdue' ? t('deadline.resolutionOverdue') : t('deadline.resolutionDue', { when });
  const full = dualDateTime(due, props.locale, props.timeZone);
  return (
    <span className={`badge badge--deadline-${state}`} data-deadline={state} title={`${full.gregorian} — ${full.hijri}`}>
      {state === 'overdue' ? <TriangleAlert size={12} aria-hidden="true" /> : <Clock size={12} aria-hidden="true" />}
      {text}
    </span>
  );
}
