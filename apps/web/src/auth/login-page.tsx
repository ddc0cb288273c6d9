import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/http';
import type { Locale } from '../api/types';
import { session } from './session';

/** Sign-in, in the language last used on this device (switchable before signing in). */
export function LoginPage({ locale, onLocale }: { locale: Locale; onLocale: (locale: Locale) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      session.signIn(await api.login(email.trim(), password));
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : 0;
      setError(status === 401 ? t('login.failed') : status === 429 ? t('login.throttled') : t('login.error', { message: (failure as Error).message }));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login__form" onSubmit={submit} aria-labelledby="login-title">
        <button type="button" className="button button--quiet login__language" lang={locale === 'ar' ? 'en' : 'ar'} onClick={() => onLocale(locale === 'ar' ? 'en' : 'ar')}>
          {t('language.switchTo')}
        </button>
        <h1 id="login-title">{t('login.title')}</h1>
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" name="email" dir="ltr" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" name="password" dir="ltr" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {error && <p role="alert" className="composer__error">{error}</p>}
        <button type="submit" className="button button--primary" disabled={busy}>{t('login.submit')}</button>
      </form>
    </main>
  );
}
