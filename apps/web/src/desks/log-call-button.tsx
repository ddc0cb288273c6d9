import './desks.css';
import { PhoneCall } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CallLogDialog } from './call-log-dialog';

const NO_PRESET = {};

/** In the top bar, on every screen: log a call with anyone, by number. */
export function LogCallButton() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button type="button" className="button button--quiet" onClick={() => setOpened(true)} data-testid="header-log-call">
        <PhoneCall size={16} aria-hidden="true" />{t('calls.logCall')}
      </button>
      <CallLogDialog opened={opened} preset={NO_PRESET} onClose={() => setOpened(false)} />
    </>
  );
}
