import '../styles/supervision.css';
import './desks.css';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { dualDate, dualDateTime } from '../format/dates';
import { inboxHref } from '../shell/router';
import { useWorkspace } from '../workspace/workspace-context';
import { desksApi, downloadLetterPdf, fileToBase64, type DispatchMethod, type Letter, type LetterDirection } from './desks-api';

const PAGE_MAX_BYTES = 10 * 1024 * 1024;

/** `#/letters`: the correspondence register, incoming and outgoing, numbered per Hijri year; incoming letters are registered here. */
export default function LettersPage() {
  const { t } = useTranslation();
  const [direction, setDirection] = useState<LetterDirection | undefined>(undefined);
  const [letters, setLetters] = useState<Letter[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    desksApi.letters({ direction }).then(setLetters, (failure: Error) => setError(failure.message));
  }, [direction]);
  useEffect(load, [load]);

  return (
    <main className="desk" id="ticket-list">
      <h1>{t('letters.title')}</h1>
      <RegisterIncoming onRegistered={load} />
      <section aria-labelledby="register" className="desk__section" data-testid="letters-register">
        <h2 id="register">{t('letters.link')}</h2>
        <div className="desk-tabs" role="group" aria-label={t('letters.title')}>
          {([undefined, 'incoming', 'outgoing'] as const).map((value) => (
            <button key={value ?? 'all'} type="button" className="button" aria-pressed={direction === value} onClick={() => setDirection(value)}>
              {t(`letters.${value ?? 'all'}`)}
            </button>
          ))}
        </div>
        {error && <p role="alert" className="field-error">{t('errors.generic', { message: error })}</p>}
        {letters && letters.length === 0 && <p className="list-message">{t('letters.noLetters')}</p>}
        {letters && letters.length > 0 && (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('letters.number')}</th><th>{t('letters.date')}</th><th>{t('letters.correspondent')}</th><th>{t('letters.subject')}</th>
                  <th>{t('letters.attachments')}</th><th>{t('letters.dispatch')}</th>
                </tr>
              </thead>
              <tbody>
                {letters.map((letter) => <LetterRow key={letter.id} letter={letter} onChanged={(next) => setLetters((all) => all?.map((one) => (one.id === next.id ? next : one)) ?? null)} />)}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}

function LetterRow({ letter, onChanged }: { letter: Letter; onChanged: (letter: Letter) => void }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [method, setMethod] = useState<DispatchMethod>('hand');
  const [error, setError] = useState<string | null>(null);
  const dispatch = async () => {
    try {
      onChanged(await desksApi.dispatch(letter.id, method));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  // The letter's own date (a calendar day), in both calendars and the reader's language.
  const dated = dualDate(new Date(`${letter.letterDate}T12:00:00Z`), locale, 'UTC');
  const dispatched = letter.dispatchedAt ? dualDateTime(letter.dispatchedAt, locale, timeZone).gregorian : null;
  return (
    <tr data-letter-id={letter.id} data-direction={letter.direction}>
      <td><bdi className="letter-number">{letter.displayNumber}</bdi><div className="desk-number">{t(`letters.${letter.direction}`)}</div></td>
      <td><time dateTime={letter.letterDate}>{dated.hijri}</time><div className="desk-number">{dated.gregorian}</div></td>
      <td><bdi>{letter.correspondent}</bdi>{letter.correspondentReference && <div className="desk-number"><bdi>{letter.correspondentReference}</bdi></div>}</td>
      <td>
        <span dir="auto">{letter.subject}</span>
        {letter.ticketId && <div><a href={inboxHref('all', letter.ticketId)}>{t('letters.ticketLink')}</a></div>}
      </td>
      <td>{letter.attachmentsCount}</td>
      <td>
        {letter.pdf && <button type="button" className="button button--quiet" onClick={() => void downloadLetterPdf(letter).catch((failure: Error) => setError(failure.message))}>{t('letters.pdf')}</button>}
        {letter.direction === 'outgoing' && (dispatched ? (
          <span data-testid="letter-dispatched">{t('letters.dispatched', { method: t(`letters.${letter.dispatchMethod ?? 'hand'}`), date: dispatched })}</span>
        ) : (
          <span className="letter-dispatch">
            <select aria-label={t('letters.method')} value={method} onChange={(event) => setMethod(event.target.value as DispatchMethod)}>
              {(['hand', 'post', 'email'] as const).map((value) => <option key={value} value={value}>{t(`letters.${value}`)}</option>)}
            </select>
            <button type="button" className="button" onClick={() => void dispatch()} data-testid="letter-dispatch">{t('letters.markDispatched')}</button>
          </span>
        ))}
        {error && <p role="alert" className="field-error">{error}</p>}
      </td>
    </tr>
  );
}

function RegisterIncoming({ onRegistered }: { onRegistered: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const text = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    setSaving(true);
    setError(null);
    setDone(null);
    try {
      const files = (data.getAll('pages') as File[]).filter((file) => file.size > 0);
      const tooBig = files.find((file) => file.size > PAGE_MAX_BYTES);
      if (tooBig) throw new ApiError(400, 'too_large', `${tooBig.name}: > 10 MB`, 'pages');
      const pages = await Promise.all(files.map(async (file) => ({ fileName: file.name, contentBase64: await fileToBase64(file) })));
      const letter = await desksApi.registerIncoming({
        sender: text('sender') ?? '', senderReference: text('senderReference'), subject: text('subject') ?? '',
        attachmentsCount: Number(text('attachmentsCount') ?? 0), letterDate: text('letterDate'), contactName: text('contactName'),
        phone: text('phone'), nationalId: text('nationalId'), notes: text('notes'), pages,
      });
      setDone(t('letters.registered', { number: letter.displayNumber }));
      form.reset();
      onRegistered();
    } catch (failure) {
      setError(failure instanceof ApiError ? { message: failure.message, field: failure.field } : { message: (failure as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const field = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input name={name} aria-invalid={error?.field === name || undefined} {...props} />
      {error?.field === name && <p className="field-error" role="alert">{error.message}</p>}
    </label>
  );

  return (
    <section aria-labelledby="register-incoming" className="desk__section">
      <h2 id="register-incoming">{t('letters.register')}</h2>
      <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="incoming-letter-form">
        <div className="desk-row">
          {field('sender', t('letters.sender'), { required: true, dir: 'auto' })}
          {field('senderReference', t('letters.senderReference'), { dir: 'auto' })}
          {field('letterDate', t('letters.letterDate'), { type: 'date' })}
        </div>
        {field('subject', t('letters.subject'), { required: true, dir: 'auto' })}
        <div className="desk-row">
          {field('attachmentsCount', t('letters.attachmentsCount'), { type: 'number', min: 0, max: 1000, defaultValue: 0 })}
          {field('contactName', t('letters.contactName'), { dir: 'auto' })}
          {field('phone', t('letters.phone'), { type: 'tel', dir: 'ltr' })}
          {field('nationalId', t('letters.nationalId'), { dir: 'ltr', inputMode: 'numeric' })}
        </div>
        <label className="field">
          <span>{t('letters.pages')}</span>
          <input type="file" name="pages" multiple accept="application/pdf,image/jpeg,image/png" data-testid="letter-pages" />
          {error?.field?.startsWith('pages') && <p className="field-error" role="alert">{error.message}</p>}
        </label>
        <label className="field">
          <span>{t('letters.notes')}</span>
          <textarea name="notes" rows={2} dir="auto" />
        </label>
        {error && !['sender', 'senderReference', 'letterDate', 'subject', 'attachmentsCount', 'contactName', 'phone', 'nationalId'].includes(error.field ?? '') && !error.field?.startsWith('pages') && (
          <p className="field-error" role="alert">{error.message}</p>
        )}
        {done && <p className="desk-done" role="status">{done}</p>}
        <div className="dialog-actions">
          <button type="submit" className="button button--primary" disabled={saving}>{saving ? t('letters.saving') : t('letters.save')}</button>
        </div>
      </form>
    </section>
  );
}
