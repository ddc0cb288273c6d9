import '../styles/supervision.css';
import './whatsapp-page.css';
import { QRCodeSVG } from 'qrcode.react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import { dualDateTime } from '../format/dates';
import { formatIdentity } from '../format/phone';
import { useWorkspace } from '../workspace/workspace-context';

interface Account {
  id: string;
  kind: string;
  name: string;
  enabled: boolean;
  settings: { pairingPhone?: string };
}

interface Session {
  state: 'starting' | 'pairing' | 'connected' | 'disconnected' | 'logged_out' | 'unreachable';
  detail: string | null;
  qr: string | null;
  pairingCode: string | null;
  phone: string | null;
  updatedAt: string;
}

/**
 * The association's WhatsApp Web numbers: each one's connection, and while
 * pairing its QR code (or the code to type on the phone), updated live from
 * the socket as the worker that runs the number reports it.
 */
export default function WhatsAppPage() {
  const { t } = useTranslation();
  const { me } = useWorkspace();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const admin = me.roles.includes('admin');
  const load = () => request<Account[]>('GET', '/admin/channel-accounts').then((all) => setAccounts(all.filter((a) => a.kind === 'whatsapp_web')), (failure: Error) => setError(failure.message));
  useEffect(() => {
    if (admin) void load();
  }, [admin]);

  return (
    <main className="supervisor whatsapp-admin" id="ticket-list">
      <h1>{t('whatsappAdmin.title')}</h1>
      {!admin ? <p role="alert">{t('notices.adminsOnly')}</p> : (
        <>
          <p className="case-hint">{t('whatsappAdmin.intro')}</p>
          {error && <p role="alert" className="case-error">{t('errors.generic', { message: error })}</p>}
          {accounts?.length === 0 && <p className="desk-hint">{t('whatsappAdmin.none')}</p>}
          <ul className="whatsapp-numbers">
            {accounts?.map((account) => <NumberCard key={account.id} account={account} />)}
          </ul>
          <AddNumber onAdded={() => void load()} />
        </>
      )}
    </main>
  );
}

function NumberCard({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { realtime, locale, timeZone } = useWorkspace();
  const [session, setSession] = useState<Session | null>(null);

  useEffect(() => {
    let live = true;
    request<Session>('GET', `/admin/channel-accounts/${account.id}/whatsapp-session`).then((found) => live && setSession(found), () => undefined);
    const off = realtime.onStream((event) => {
      if (event.type !== 'channel.status' || event.payload.channelAccountId !== account.id) return;
      const { state, detail, qr, pairingCode, phone } = event.payload;
      setSession({ state: state as Session['state'], detail, qr, pairingCode, phone, updatedAt: event.at });
    });
    return () => {
      live = false;
      off();
    };
  }, [account.id, realtime]);

  const when = session ? dualDateTime(session.updatedAt, locale, timeZone) : null;
  return (
    <li className="whatsapp-number" data-account-id={account.id} data-state={session?.state ?? 'starting'}>
      <header className="whatsapp-number__head">
        <h2><bdi>{account.name}</bdi></h2>
        <span className={`whatsapp-state whatsapp-state--${session?.state ?? 'starting'}`} role="status" data-testid="whatsapp-state">
          {t(`whatsappAdmin.state.${session?.state ?? 'starting'}`)}
        </span>
      </header>
      {session?.phone && <p className="desk-hint"><bdi dir="ltr">{formatIdentity('phone', `+${session.phone}`)}</bdi></p>}
      {session?.detail && session.state !== 'connected' && <p className="whatsapp-number__detail" dir="auto">{session.detail}</p>}
      {session?.state === 'pairing' && session.qr && (
        <figure className="whatsapp-number__qr" data-testid="whatsapp-qr">
          <QRCodeSVG value={session.qr} size={232} marginSize={2} title={t('whatsappAdmin.qrTitle')} />
          <figcaption>{t('whatsappAdmin.scan')}</figcaption>
        </figure>
      )}
      {session?.state === 'pairing' && session.pairingCode && (
        <p className="whatsapp-number__code" data-testid="whatsapp-pairing-code">
          {t('whatsappAdmin.typeCode')} <bdi dir="ltr"><strong>{session.pairingCode}</strong></bdi>
        </p>
      )}
      {when && <p className="desk-hint">{t('whatsappAdmin.since', { when: when.gregorian })}</p>}
    </li>
  );
}

function AddNumber({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const pairingPhone = String(data.get('pairingPhone') ?? '').replace(/[\s-]/g, '');
    setSaving(true);
    setError(null);
    try {
      await request('POST', '/admin/channel-accounts', {
        kind: 'whatsapp_web', name: String(data.get('name') ?? '').trim(), settings: pairingPhone ? { pairingPhone } : {},
      });
      form.reset();
      onAdded();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="whatsapp-add" onSubmit={(event) => void submit(event)} data-testid="whatsapp-add">
      <h2>{t('whatsappAdmin.add')}</h2>
      <label className="field"><span>{t('whatsappAdmin.name')}</span><input name="name" required maxLength={200} dir="auto" /></label>
      <label className="field">
        <span>{t('whatsappAdmin.pairingPhone')}</span>
        <input name="pairingPhone" inputMode="tel" dir="ltr" pattern="\+?[0-9 \-]{8,20}" placeholder="+9665XXXXXXXX" />
        <small className="desk-hint">{t('whatsappAdmin.pairingPhoneHint')}</small>
      </label>
      {error && <p role="alert" className="case-error">{error}</p>}
      <button type="submit" className="button button--primary" disabled={saving}>{t('whatsappAdmin.addButton')}</button>
    </form>
  );
}
