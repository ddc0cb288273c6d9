import '../styles/supervision.css';
import '../complaints/complaint.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { dualDateTime } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { complaintsApi, NOTICE_PLACEHOLDERS, type NoticeTemplate } from '../complaints/complaints-api';

/** The locked notices sent to complainants (acknowledgement and closure, Arabic and English); admins reword them, the server refuses any other field. */
export default function NoticesPage() {
  const { t } = useTranslation();
  const { me } = useWorkspace();
  const [templates, setTemplates] = useState<NoticeTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const admin = me.roles.includes('admin');
  useEffect(() => {
    if (admin) complaintsApi.noticeTemplates().then(setTemplates, (failure: Error) => setError(failure.message));
  }, [admin]);

  return (
    <main className="supervisor notices" id="ticket-list">
      <h1>{t('notices.title')}</h1>
      {!admin ? <p role="alert">{t('notices.adminsOnly')}</p> : (
        <>
          <p className="case-hint">{t('notices.intro')}</p>
          <section aria-labelledby="notice-fields" className="notices__fields">
            <h2 id="notice-fields">{t('notices.placeholders')}</h2>
            <ul>{NOTICE_PLACEHOLDERS.map((field) => <li key={field}><code dir="ltr">{field}</code></li>)}</ul>
          </section>
          {error && <p role="alert" className="case-error">{t('errors.generic', { message: error })}</p>}
          {templates?.map((template) => <NoticeEditor key={`${template.kind}-${template.locale}`} template={template} onSaved={(saved) =>
            setTemplates((current) => current?.map((one) => (one.kind === saved.kind && one.locale === saved.locale ? saved : one)) ?? null)} />)}
        </>
      )}
    </main>
  );
}

function NoticeEditor({ template, onSaved }: { template: NoticeTemplate; onSaved: (saved: NoticeTemplate) => void }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [body, setBody] = useState(template.body);
  const [state, setState] = useState<{ error: string | null; saved: boolean; busy: boolean }>({ error: null, saved: false, busy: false });
  const id = `notice-${template.kind}-${template.locale}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ error: null, saved: false, busy: true });
    try {
      onSaved(await complaintsApi.saveNoticeTemplate(template.kind, template.locale, body));
      setState({ error: null, saved: true, busy: false });
    } catch (failure) {
      setState({ error: (failure as Error).message, saved: false, busy: false });
    }
  };
  const updated = template.updatedAt ? dualDateTime(template.updatedAt, locale, timeZone) : null;
  return (
    <form className="case-section notices__template" onSubmit={(event) => void save(event)} data-notice={`${template.kind}-${template.locale}`}>
      <label className="field" htmlFor={id}>
        <span className="notices__label">
          {t('notices.body', { kind: t(`notices.${template.kind}`), language: t(`notices.${template.locale}`) })}
          {' · '}{template.custom ? t('notices.custom') : t('notices.standard')}
          {updated && <> · <time dateTime={template.updatedAt!}>{updated.gregorian} · {updated.hijri}</time></>}
        </span>
      </label>
      <textarea id={id} className="notices__body" rows={5} lang={template.locale} dir={template.locale === 'ar' ? 'rtl' : 'ltr'} value={body}
        onChange={(event) => { setBody(event.target.value); setState({ error: null, saved: false, busy: false }); }} />
      <div className="case-form__bar">
        <button type="submit" className="button button--primary" disabled={state.busy || body === template.body}>{t('notices.save')}</button>
        {state.saved && <span role="status" className="case-saved">{t('notices.saved')}</span>}
        {state.error && <p role="alert" className="case-error">{t('notices.refused')} <bdi>{state.error}</bdi></p>}
      </div>
    </form>
  );
}
