import { AlarmClock, AtSign, MapPin, PhoneIncoming, Shield, TriangleAlert, UserCheck, WifiOff, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StreamEvent } from '@inbox/realtime-protocol';
import { useWorkspace } from '../workspace/workspace-context';
import { delegateHref, inboxHref } from './router';

type Kind = StreamEvent<'notification'>['payload']['kind'];
const ICONS: Record<Kind, typeof AtSign> = {
  assigned: UserCheck, mentioned: AtSign, added_to_case: Shield, deadline_approaching: AlarmClock, deadline_breached: TriangleAlert, incoming_call: PhoneIncoming,
  channel_lost: WifiOff, visit_assigned: MapPin,
};

interface Toast {
  id: string;
  kind: Kind;
  ticketId: string | null;
  reference: string | null;
  actor: string;
}

const TOAST_MS = 10_000;
const MAX_TOASTS = 4;

/** "Sara assigned T-1448-0012 to you", "Khalid mentioned you": the stream's notifications for this user, for a few seconds. */
export function Notifications() {
  const { t } = useTranslation();
  const { realtime, me, userName } = useWorkspace();
  const [toasts, setToasts] = useState<Toast[]>([]);

  useEffect(() => realtime.onStream((event) => {
    if (event.type !== 'notification' || event.payload.recipientId !== me.id) return;
    const { kind, reference, actorId, call } = event.payload;
    // A call names the caller (or their number); everything else names the colleague who caused it.
    const actor = kind === 'incoming_call' ? call?.contactName ?? call?.number ?? ''
      : kind === 'channel_lost' ? event.payload.channel?.name ?? ''
        : userName(actorId) ?? t('message.someone');
    const toast = { id: event.id, kind, ticketId: event.payload.ticketId, reference, actor };
    setToasts((current) => [...current, toast].slice(-MAX_TOASTS));
    setTimeout(() => setToasts((current) => current.filter((item) => item.id !== toast.id)), TOAST_MS);
  }), [realtime, me.id, userName, t]);

  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className="toast" data-notification={toast.kind}>
          {(() => {
            const Icon = ICONS[toast.kind] ?? UserCheck;
            return <Icon size={16} aria-hidden="true" />;
          })()}
          {(() => {
            const text = t(`notification.${toast.kind}`, { name: `\u2068${toast.actor}\u2069`, reference: `\u2066${toast.reference ?? ''}\u2069` });
            // A visit is worked from the phone page; the ticket itself may be another team's.
            if (toast.kind === 'visit_assigned') return <a href={delegateHref}>{text}</a>;
            return toast.ticketId ? <a href={inboxHref('mine', toast.ticketId)}>{text}</a> : <span>{text}</span>;
          })()}
          <button
            type="button"
            className="button button--quiet"
            aria-label={t('shortcuts.close')}
            onClick={() => setToasts((current) => current.filter((item) => item.id !== toast.id))}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
