import { Eye, PenLine } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { PresencePayload } from '../realtime/realtime-client';

/** "Sara is viewing", "Omar is replying": so two agents do not answer the same person twice. */
export function PresenceLine({ viewers }: { viewers: PresencePayload['viewers'] }) {
  const { t } = useTranslation();
  const typing = viewers.filter((viewer) => viewer.typing);
  const watching = viewers.filter((viewer) => !viewer.typing);
  const names = (list: typeof viewers) => list.map((viewer) => `\u2068${viewer.name}\u2069`).join(t('presence.and'));
  return (
    <div className="presence" role="status" aria-live="polite" data-testid="presence">
      {typing.length > 0 && (
        <span className="presence__typing" data-presence="typing"><PenLine size={14} aria-hidden="true" />{t('presence.typing', { names: names(typing) })}</span>
      )}
      {watching.length > 0 && (
        <span className="presence__viewing" data-presence="viewing"><Eye size={14} aria-hidden="true" />{t('presence.viewing', { names: names(watching) })}</span>
      )}
    </div>
  );
}
