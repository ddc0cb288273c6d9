import '../styles/supervision.css';
import '../desks/desks.css';
import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { useWorkspace } from '../workspace/workspace-context';
import { formsAdminApi, type FieldType, type FileKind, type FormDefinition, type FormField, type Localized } from './forms-admin-api';

const FIELD_TYPES: FieldType[] = ['text', 'phone', 'email', 'national_id', 'gender', 'branch', 'date', 'file', 'choice'];
const FILE_KINDS: FileKind[] = ['pdf', 'jpeg', 'png', 'webp'];
const TICKET_TYPES = ['inquiry', 'support_request', 'registration', 'volunteer', 'job_application', 'complaint', 'suggestion'] as const;

/** `#/admin/forms`: the organization's public forms, and the editor of one (titles and fields in Arabic and English side by side). */
export default function FormsAdminPage() {
  const { t } = useTranslation();
  const { me } = useWorkspace();
  const admin = me.roles.includes('admin');
  const [forms, setForms] = useState<FormDefinition[] | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (admin) formsAdminApi.list().then(setForms, (failure: Error) => setError(failure.message));
  }, [admin]);
  const form = forms?.find((one) => one.id === editing);

  return (
    <main className="desk" id="ticket-list">
      <h1>{t('formsAdmin.title')}</h1>
      {!admin ? <p role="alert">{t('formsAdmin.adminsOnly')}</p> : (
        <>
          <p className="desk-hint">{t('formsAdmin.intro')}</p>
          {error && <p role="alert" className="field-error">{t('errors.generic', { message: error })}</p>}
          {form ? (
            <FormEditor key={form.id} form={form} onBack={() => setEditing(null)}
              onSaved={(saved) => setForms((all) => all?.map((one) => (one.id === saved.id ? saved : one)) ?? null)} />
          ) : forms && (
            <div className="table-scroll desk__section">
              <table className="table" data-testid="forms-list">
                <thead><tr><th>{t('formsAdmin.titleAr')}</th><th>{t('formsAdmin.ticketType')}</th><th>{t('formsAdmin.publicLink')}</th><th /></tr></thead>
                <tbody>
                  {forms.map((one) => (
                    <tr key={one.id} data-form-slug={one.slug} data-preset={one.preset ?? undefined}>
                      <td><bdi>{one.title.ar}</bdi><div className="desk-number"><bdi>{one.title.en}</bdi></div></td>
                      <td>{t(`formsAdmin.ticketTypes.${one.ticketType}` as 'formsAdmin.ticketTypes.inquiry')} · {one.enabled ? t('formsAdmin.enabled') : t('formsAdmin.disabled')}</td>
                      <td><a href={`/f/${one.slug}`} target="_blank" rel="noreferrer"><bdi dir="ltr">/f/{one.slug}</bdi></a></td>
                      <td><button type="button" className="button" onClick={() => setEditing(one.id)}>{t('formsAdmin.edit')}</button></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </main>
  );
}

const emptyLocalized = (): Localized => ({ ar: '', en: '' });

function FormEditor({ form, onBack, onSaved }: { form: FormDefinition; onBack: () => void; onSaved: (form: FormDefinition) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => structuredClone(form));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const publicUrl = `${location.origin}/f/${form.slug}`;
  const embed = `<iframe src="${publicUrl}/embed" title="${form.title.ar}" style="width:100%;border:0;min-height:640px" loading="lazy"></iframe>`;

  const setField = (index: number, change: Partial<FormField>) =>
    setDraft((current) => ({ ...current, fields: current.fields.map((field, i) => (i === index ? { ...field, ...change } : field)) }));
  const move = (index: number, by: number) => setDraft((current) => {
    const fields = [...current.fields];
    const [field] = fields.splice(index, 1);
    fields.splice(index + by, 0, field!);
    return { ...current, fields };
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const fields = draft.fields.map((field) => {
        const clean: FormField = { ...field };
        if (clean.help && !clean.help.ar.trim() && !clean.help.en.trim()) delete clean.help;
        if (clean.type !== 'choice') delete clean.options;
        if (clean.type !== 'file') { delete clean.accept; delete clean.maxFiles; delete clean.maxBytes; }
        if (clean.type !== 'text') { delete clean.role; delete clean.multiline; delete clean.maxLength; }
        return clean;
      });
      const result = await formsAdminApi.update(form.id, {
        ticketType: draft.ticketType, title: draft.title, description: draft.description, fields, allowAnonymous: draft.allowAnonymous, enabled: draft.enabled,
      });
      onSaved(result);
      setDraft(structuredClone(result));
      setSaved(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? { message: failure.message, field: failure.field } : { message: (failure as Error).message });
    } finally {
      setSaving(false);
    }
  };

  const errorAt = (path: string) => (error?.field === path || error?.field?.startsWith(`${path}.`) ? error : null);
  const localizedInputs = (value: Localized | Partial<Localized> | undefined, labels: [string, string], onChange: (next: Localized) => void, name: string, multiline = false) => (
    <div className="desk-row">
      {(['ar', 'en'] as const).map((lang, i) => {
        const props = {
          name: `${name}-${lang}`, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', value: value?.[lang] ?? '',
          onChange: (event: { target: { value: string } }) => onChange({ ...emptyLocalized(), ...value, [lang]: event.target.value }),
        };
        return (
          <label key={lang} className="field">
            <span>{labels[i]}</span>
            {multiline ? <textarea rows={2} {...props} /> : <input {...props} />}
          </label>
        );
      })}
    </div>
  );

  return (
    <form className="desk-form desk__section" onSubmit={(event) => void submit(event)} data-testid="form-editor" data-form-slug={form.slug}>
      <div className="desk__heading">
        <h2>{draft.title.ar} · <bdi>{draft.title.en}</bdi></h2>
        <button type="button" className="button button--quiet" onClick={onBack}>{t('formsAdmin.back')}</button>
      </div>
      <div className="desk-row">
        <label className="field"><span>{t('formsAdmin.publicLink')}</span><input readOnly dir="ltr" value={publicUrl} onFocus={(event) => event.target.select()} data-testid="form-public-link" /></label>
        <label className="field"><span>{t('formsAdmin.embed')}</span><input readOnly dir="ltr" value={embed} onFocus={(event) => event.target.select()} data-testid="form-embed" /></label>
      </div>
      {localizedInputs(draft.title, [t('formsAdmin.titleAr'), t('formsAdmin.titleEn')], (title) => setDraft({ ...draft, title }), 'title')}
      {errorAt('title') && <p className="field-error" role="alert">{error!.message}</p>}
      {localizedInputs(draft.description, [t('formsAdmin.descriptionAr'), t('formsAdmin.descriptionEn')], (description) => setDraft({ ...draft, description }), 'description', true)}
      <div className="desk-row">
        <label className="field">
          <span>{t('formsAdmin.ticketType')}</span>
          <select name="ticketType" value={draft.ticketType} onChange={(event) => setDraft({ ...draft, ticketType: event.target.value })}>
            {TICKET_TYPES.map((type) => <option key={type} value={type}>{t(`formsAdmin.ticketTypes.${type}`)}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" name="enabled" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />{t('formsAdmin.publish')}</label>
        <label className="check"><input type="checkbox" name="allowAnonymous" checked={draft.allowAnonymous} onChange={(event) => setDraft({ ...draft, allowAnonymous: event.target.checked })} />{t('formsAdmin.allowAnonymous')}</label>
      </div>
      <h3>{t('formsAdmin.fields')}</h3>
      {error?.field === 'fields' && <p className="field-error" role="alert">{error.message}</p>}
      <ol className="form-fields">
        {draft.fields.map((field, index) => (
          <li key={index} className="form-field" data-field-key={field.key} data-index={index} aria-label={t('formsAdmin.fieldNumber', { n: index + 1 })}>
            <div className="desk-row">
              <label className="field"><span>{t('formsAdmin.key')}</span><input name="key" dir="ltr" value={field.key} onChange={(event) => setField(index, { key: event.target.value })} /></label>
              <label className="field">
                <span>{t('formsAdmin.type')}</span>
                <select name="type" value={field.type} onChange={(event) => setField(index, { type: event.target.value as FieldType })}>
                  {FIELD_TYPES.map((type) => <option key={type} value={type}>{t(`formsAdmin.types.${type}`)}</option>)}
                </select>
              </label>
              <label className="check"><input type="checkbox" name="required" checked={field.required} onChange={(event) => setField(index, { required: event.target.checked })} />{t('formsAdmin.required')}</label>
              <span className="form-field__tools">
                <button type="button" className="button button--quiet" aria-label={t('formsAdmin.moveUp')} disabled={index === 0} onClick={() => move(index, -1)}><ArrowUp size={14} aria-hidden="true" /></button>
                <button type="button" className="button button--quiet" aria-label={t('formsAdmin.moveDown')} disabled={index === draft.fields.length - 1} onClick={() => move(index, 1)}><ArrowDown size={14} aria-hidden="true" /></button>
                <button type="button" className="button button--quiet" aria-label={t('formsAdmin.removeField')}
                  onClick={() => setDraft({ ...draft, fields: draft.fields.filter((_, i) => i !== index) })}><Trash2 size={14} aria-hidden="true" /></button>
              </span>
            </div>
            {localizedInputs(field.label, [t('formsAdmin.labelAr'), t('formsAdmin.labelEn')], (label) => setField(index, { label }), `label-${index}`)}
            {localizedInputs(field.help, [t('formsAdmin.helpAr'), t('formsAdmin.helpEn')], (help) => setField(index, { help }), `help-${index}`)}
            {field.type === 'choice' && (
              <fieldset className="form-field__options">
                <legend>{t('formsAdmin.options')}</legend>
                {(field.options ?? []).map((option, o) => (
                  <div key={o} className="desk-row" data-option={o}>
                    <label className="field"><span>{t('formsAdmin.optionValue')}</span><input name="option-value" dir="ltr" value={option.value}
                      onChange={(event) => setField(index, { options: field.options!.map((one, i) => (i === o ? { ...one, value: event.target.value } : one)) })} /></label>
                    {(['ar', 'en'] as const).map((lang) => (
                      <label key={lang} className="field"><span>{lang === 'ar' ? t('formsAdmin.labelAr') : t('formsAdmin.labelEn')}</span>
                        <input name={`option-${lang}`} lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} value={option.label[lang]}
                          onChange={(event) => setField(index, { options: field.options!.map((one, i) => (i === o ? { ...one, label: { ...one.label, [lang]: event.target.value } } : one)) })} />
                      </label>
                    ))}
                    <button type="button" className="button button--quiet" aria-label={t('formsAdmin.removeOption')}
                      onClick={() => setField(index, { options: field.options!.filter((_, i) => i !== o) })}><Trash2 size={14} aria-hidden="true" /></button>
                  </div>
                ))}
                <button type="button" className="button" onClick={() => setField(index, { options: [...(field.options ?? []), { value: '', label: emptyLocalized() }] })}>{t('formsAdmin.addOption')}</button>
              </fieldset>
            )}
            {field.type === 'file' && (
              <div className="desk-row">
                <fieldset className="desk-choice">
                  <legend>{t('formsAdmin.accept')}</legend>
                  {FILE_KINDS.map((kind) => (
                    <label key={kind}><input type="checkbox" checked={(field.accept ?? []).includes(kind)}
                      onChange={(event) => setField(index, { accept: event.target.checked ? [...(field.accept ?? []), kind] : (field.accept ?? []).filter((k) => k !== kind) })} />{kind.toUpperCase()}</label>
                  ))}
                </fieldset>
                <label className="field"><span>{t('formsAdmin.maxFiles')}</span><input type="number" min={1} max={5} value={field.maxFiles ?? 1}
                  onChange={(event) => setField(index, { maxFiles: Number(event.target.value) })} /></label>
              </div>
            )}
            {errorAt(`fields.${index}`) && <p className="field-error" role="alert">{error!.message}</p>}
          </li>
        ))}
      </ol>
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="add-field"
          onClick={() => setDraft({ ...draft, fields: [...draft.fields, { key: '', type: 'text', label: emptyLocalized(), required: false }] })}>{t('formsAdmin.addField')}</button>
      </div>
      {error && !errorAt('title') && error.field !== 'fields' && !error.field?.startsWith('fields.') && <p className="field-error" role="alert">{error.message}</p>}
      {saved && <p className="desk-done" role="status">{t('formsAdmin.saved')}</p>}
      <div className="dialog-actions">
        <button type="submit" className="button button--primary" disabled={saving} data-testid="form-save">{saving ? t('formsAdmin.saving') : t('formsAdmin.save')}</button>
      </div>
    </form>
  );
}
