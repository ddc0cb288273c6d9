import { CircleCheck, Loader, WifiOff } from 'lucide-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { RealtimeClient } from '../realtime/realtime-client';

/** Quiet while live; a clear banner when the connection drops, and a word when it has caught up. */
export function ConnectionStatus({ realtime }: { realtime: RealtimeClient }) {
  const { t } = useTranslation();
  const state = useSyncExternalStore((listener) => realtime.onState(listener), () => realtime.connectionState);
  const text = {
    connecting: t('connection.connecting'), live: t('connection.live'), lost: t('connection.lost'), syncing: t('connection.syncing'), caughtUp: t('connection.caughtUp'),
  }[state];
  const Icon = state === 'lost' ? WifiOff : state === 'live' || state === 'caughtUp' ? CircleCheck : Loader;
  return (
    <div className={`connection connection--${state}`} role="status" aria-live="polite" data-connection={state}>
      <Icon size={14} aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
