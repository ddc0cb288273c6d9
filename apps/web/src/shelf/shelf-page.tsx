import '../desks/desks.css';
import './shelf.css';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, request } from '../api/http';
import type { ReplyTemplate } from '../api/types';
import { dualDate } from '../format/dates';
import { sanitizeEmailHtml } from '../ticket/sanitize';
import { useWorkspace } from '../workspace/workspace-context';
import { RichEditor } from './rich-editor';
import { HitRow } from './shelf-panel';
import { shelfApi, titleIn, type ShelfCategory, type ShelfFeedback, type ShelfHit, type ShelfItem, type ShelfItemDetail } from './shelf-api';

type Tab = 'items' | 'templates' | 'feedback';
type Failure = { message: string; field?: string } | null;
const failureOf = (error: unknown): Failure => (error instanceof ApiError ? { message: error.message, field: error.field } : { message: (error as Error).message });
const TEMPLATE_VARIABLES = ['contact.name', 'ticket.reference', 'agent.name', 'organization.name', 'date.hijri', 'date.gregorian'];

/** `#/shelf`: the reference shelf (documents, articles and their versions), the reply templates, and what the help center's readers said. */
export default function ShelfPage() {
  const { t } = useTranslation();
  const { me, workspace, locale } = useWorkspace();
  const editor = me.roles.includes('admin') || me.roles.includes('supervisor');
  const [tab, setTab] = useState<Tab>('items');
  const [hits, setHits] = useState<ShelfHit[] | null>(null);
  const [error, setError] = useState<Failure>(null);

  const search = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    setError(null);
    if (!q) return setHits(null);
    try {
      setHits(await shelfApi.search(q));
    } catch (failure) {
      setError(failureOf(failure));
    }
  };

  return (
    <main className="desk" id="ticket-list" data-testid="shelf-page">
      <div className="desk__heading">
        <h1>{t('shelf.title')}</h1>
        <a href={`/help/${workspace.organization.slug}?lang=${locale}`} target="_blank" rel="noopener" data-testid="help-center-link">{t('shelf.helpCenter')}</a>
      </div>
      <p className="desk-hint">{t('shelf.intro')}</p>
      <form className="shelf-search" role="search" onSubmit={(event) => void search(event)}>
        <input name="q" type="search" dir="auto" maxLength={200} placeholder={t('shelf.search')} aria-label={t('shelf.search')} data-testid="shelf-search" />
        <button type="submit" className="button button--primary">{t('shelf.searchButton')}</button>
      </form>
      {error && <p className="field-error" role="alert">{error.message}</p>}
      {hits && (
        <section className="desk__section" aria-labelledby="shelf-results" data-testid="shelf-results">
          <h2 id="shelf-results">{t('shelf.results')}</h2>
          {hits.length === 0 ? <p className="desk-hint" role="status">{t('shelf.noResults')}</p>
            : <ul className="shelf-hits">{hits.map((hit) => <HitRow key={hit.itemId} hit={hit} locale={locale} />)}</ul>}
        </section>
      )}
      <div className="desk-tabs" role="group" aria-label={t('shelf.title')}>
        {(['items', 'templates', ...(editor ? ['feedback'] as const : [])] as Tab[]).map((value) => (
          <button key={value} type="button" className="button" aria-pressed={tab === value} onClick={() => setTab(value)} data-testid={`shelf-tab-${value}`}>
            {t(`shelf.tab${value[0]!.toUpperCase()}${value.slice(1)}`)}
          </button>
        ))}
      </div>
      {tab === 'items' && <Items editor={editor} />}
      {tab === 'templates' && <Templates admin={me.roles.includes('admin')} />}
      {tab === 'feedback' && editor && <Feedback />}
    </main>
  );
}

type Editing = { kind: 'article' | 'document'; item: ShelfItemDetail | null } | null;

function Items({ editor }: { editor: boolean }) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [items, setItems] = useState<ShelfItem[] | null>(null);
  const [categories, setCategories] = useState<ShelfCategory[]>([]);
  const [archived, setArchived] = useState(false);
  const [selected, setSelected] = useState<ShelfItemDetail | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<Failure>(null);

  const reload = useCallback(() => {
    shelfApi.items(archived).then(setItems, (e) => setError(failureOf(e)));
    shelfApi.categories().then(setCategories, () => undefined);
  }, [archived]);
  useEffect(reload, [reload]);

  const open = async (id: string) => {
    setEditing(null);
    try {
      setSelected(await shelfApi.item(id));
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  const saved = (item: ShelfItemDetail) => {
    setEditing(null);
    setSelected(item);
    reload();
  };
  const categoryName = (id: string | null) => {
    const category = categories.find((c) => c.id === id);
    return category ? (locale === 'ar' ? category.name.ar : category.name.en) : t('shelf.noCategory');
  };

  if (editing) {
    return editing.kind === 'article'
      ? <ArticleForm item={editing.item} categories={categories} onSaved={saved} onCancel={() => setEditing(null)} />
      : <DocumentForm item={editing.item} categories={categories} onSaved={saved} onCancel={() => setEditing(null)} />;
  }
  if (selected) {
    return <ItemDetail item={selected} categoryName={categoryName(selected.categoryId)} editor={editor} onChanged={saved}
      onRevise={() => setEditing({ kind: selected.kind, item: selected })} onBack={() => { setSelected(null); reload(); }} />;
  }
  return (
    <section className="desk__section" aria-labelledby="shelf-items" data-testid="shelf-items">
      <div className="desk__heading">
        <h2 id="shelf-items">{t('shelf.items')}</h2>
        {editor && (
          <div className="shelf-actions">
            <button type="button" className="button button--primary" onClick={() => setEditing({ kind: 'article', item: null })} data-testid="new-article">{t('shelf.newArticle')}</button>
            <button type="button" className="button" onClick={() => setEditing({ kind: 'document', item: null })} data-testid="upload-document">{t('shelf.uploadDocument')}</button>
            <label className="check"><input type="checkbox" checked={archived} onChange={(event) => setArchived(event.target.checked)} />{t('shelf.archived')}</label>
          </div>
        )}
      </div>
      {!editor && <p className="desk-hint">{t('shelf.editorsOnly')}</p>}
      {error && <p className="field-error" role="alert">{error.message}</p>}
      {items && items.length === 0 && <p className="desk-hint" role="status">{t('shelf.empty')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead><tr><th>{t('shelf.titleCol')}</th><th>{t('shelf.kind')}</th><th>{t('shelf.category')}</th><th>{t('shelf.audience')}</th><th>{t('shelf.approvalCol')}</th><th>{t('shelf.updated')}</th></tr></thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-slug={item.slug}>
                  <td><button type="button" className="shelf-item-link" onClick={() => void open(item.id)}><bdi>{titleIn(item.current.title, locale)}</bdi></button></td>
                  <td>{t(`shelf.${item.kind}`)}</td>
                  <td>{categoryName(item.categoryId)}</td>
                  <td><span className="shelf-badge" data-audience={item.audience}>{t(`shelf.${item.audience}`)}</span></td>
                  <td><bdi>{item.current.approval ?? '—'}</bdi> · {t('shelf.version', { n: item.current.number })}</td>
                  <td>{dualDate(item.updatedAt, locale, timeZone).hijri}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editor && <CategoryForm onAdded={reload} />}
    </section>
  );
}

function CategoryForm({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<Failure>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    try {
      await shelfApi.addCategory({ slug: String(data.get('slug')), nameAr: String(data.get('nameAr')), nameEn: String(data.get('nameEn')) });
      form.reset();
      onAdded();
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  return (
    <form className="desk-form desk-form--inline" onSubmit={(event) => void submit(event)} aria-label={t('shelf.addCategory')}>
      <label className="field"><span>{t('shelf.nameAr')}</span><input name="nameAr" dir="rtl" required maxLength={120} /></label>
      <label className="field"><span>{t('shelf.nameEn')}</span><input name="nameEn" dir="ltr" required maxLength={120} /></label>
      <label className="field"><span>{t('shelf.slug')}</span><input name="slug" dir="ltr" required pattern="[a-z0-9][a-z0-9\-]{0,79}" /></label>
      <button type="submit" className="button">{t('shelf.addCategory')}</button>
      {error && <p className="field-error" role="alert">{error.message}</p>}
    </form>
  );
}

interface DetailProps {
  item: ShelfItemDetail;
  categoryName: string;
  editor: boolean;
  onChanged: (item: ShelfItemDetail) => void;
  onRevise: () => void;
  onBack: () => void;
}

function ItemDetail({ item, categoryName, editor, onChanged, onRevise, onBack }: DetailProps) {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [error, setError] = useState<Failure>(null);
  const act = async (run: () => Promise<ShelfItemDetail>) => {
    setError(null);
    try {
      onChanged(await run());
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  const source = item.current.textSource ? t(`shelf.${item.current.textSource}`) : '';
  return (
    <section className="desk__section" aria-labelledby="shelf-item" data-testid="shelf-item">
      <p><button type="button" className="shelf-item-link" onClick={onBack}>{t('shelf.back')}</button></p>
      <h2 id="shelf-item"><bdi>{titleIn(item.current.title, locale)}</bdi></h2>
      <p className="shelf-meta">
        {t(`shelf.${item.kind}`)} · {categoryName} · <span className="shelf-badge" data-audience={item.audience}>{t(`shelf.${item.audience}`)}</span>
        {item.archived && <> · <span className="shelf-badge" data-archived>{t('shelf.archived')}</span></>}
        {' · '}{t('shelf.version', { n: item.current.number })}{item.current.approval && <> · <bdi>{item.current.approval}</bdi></>}
        {item.publicPath && <> · <a href={`${item.publicPath}?lang=${locale}`} target="_blank" rel="noopener">{t('shelf.openPublic')}</a></>}
        {item.audience === 'public' && <> · {t('shelf.feedbackCounts', { yes: item.feedback.helpful, no: item.feedback.notHelpful })}</>}
      </p>
      {editor && (
        <div className="shelf-actions">
          <button type="button" className="button button--primary" onClick={onRevise} data-testid="new-version">{t('shelf.newVersion')}</button>
          <button type="button" className="button" onClick={() => void act(() => shelfApi.update(item.id, { audience: item.audience === 'public' ? 'internal' : 'public' }))} data-testid="toggle-audience">
            {item.audience === 'public' ? t('shelf.makeInternal') : t('shelf.makePublic')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => void act(() => shelfApi.update(item.id, { archived: !item.archived }))}>
            {item.archived ? t('shelf.unarchive') : t('shelf.archive')}
          </button>
        </div>
      )}
      {error && <p className="field-error" role="alert">{error.message}</p>}
      {item.kind === 'article' ? (
        <div className="shelf-columns">
          {(['ar', 'en'] as const).filter((lang) => item.body[lang]).map((lang) => (
            // The server keeps a small allow-list of tags; the page sanitises again before it renders.
            <div key={lang} className="shelf-article" lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} dangerouslySetInnerHTML={{ __html: sanitizeEmailHtml(item.body[lang]!) }} />
          ))}
        </div>
      ) : (
        <>
          {item.current.textChars === 0 ? <p className="field-error" role="note">{t('shelf.noText')}</p> : (
            <details>
              <summary>{t('shelf.textOf', { n: item.current.textChars })} · {source}</summary>
              <div className="shelf-text" dir="auto">{item.text}</div>
            </details>
          )}
        </>
      )}
      <h3>{t('shelf.versions')}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="shelf-versions">
          <thead><tr><th>#</th><th>{t('shelf.updated')}</th><th>{t('shelf.approvalCol')}</th><th>{t('shelf.changeNote')}</th><th /></tr></thead>
          <tbody>
            {item.versions.map((version) => (
              <tr key={version.number} data-version={version.number} data-current={version.current || undefined}>
                <td>{version.number}{version.current && <> <span className="shelf-badge">{t('shelf.current')}</span></>}</td>
                <td>{dualDate(version.createdAt, locale, timeZone).hijri}{version.createdBy && <> · <bdi>{t('shelf.by', { name: version.createdBy })}</bdi></>}</td>
                <td><bdi>{version.approval ?? '—'}</bdi>{version.approvedOn && <> (<bdi>{version.approvedOn}</bdi>)</>}</td>
                <td><bdi>{version.changeNote ?? '—'}</bdi></td>
                <td className="shelf-actions">
                  {version.file && <button type="button" className="button button--quiet" onClick={() => void shelfApi.download(item.id, version.number, version.file!.name)}>{t('shelf.download')}</button>}
                  {editor && !version.current && <button type="button" className="button button--quiet" onClick={() => void act(() => shelfApi.makeCurrent(item.id, version.number))}>{t('shelf.makeCurrent')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface FormProps {
  item: ShelfItemDetail | null;
  categories: ShelfCategory[];
  onSaved: (item: ShelfItemDetail) => void;
  onCancel: () => void;
}

/** Where an item is filed and who reads it; asked once, when the item is made. */
function Placement({ categories }: { categories: ShelfCategory[] }) {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  return (
    <div className="desk-row">
      <label className="field"><span>{t('shelf.slug')}</span><input name="slug" dir="ltr" required pattern="[a-z0-9][a-z0-9\-]{0,79}" data-testid="shelf-slug" /></label>
      <label className="field"><span>{t('shelf.category')}</span>
        <select name="categoryId" defaultValue="">
          <option value="">{t('shelf.noCategory')}</option>
          {categories.map((c) => <option key={c.id} value={c.id}>{locale === 'ar' ? c.name.ar : c.name.en}</option>)}
        </select>
      </label>
      <fieldset className="desk-choice">
        <legend>{t('shelf.audience')}</legend>
        <label><input type="radio" name="audience" value="internal" defaultChecked />{t('shelf.audienceInternal')}</label>
        <label><input type="radio" name="audience" value="public" />{t('shelf.audiencePublic')}</label>
      </fieldset>
    </div>
  );
}

function VersionFacts({ item }: { item: ShelfItemDetail | null }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="desk-row">
        <label className="field"><span>{t('shelf.titleAr')}</span><input name="titleAr" dir="rtl" maxLength={200} defaultValue={item?.current.title.ar ?? ''} data-testid="shelf-title-ar" /></label>
        <label className="field"><span>{t('shelf.titleEn')}</span><input name="titleEn" dir="ltr" maxLength={200} defaultValue={item?.current.title.en ?? ''} data-testid="shelf-title-en" /></label>
      </div>
      <div className="desk-row">
        <label className="field"><span>{t('shelf.approval')}</span><input name="approval" dir="auto" maxLength={300} defaultValue={item?.current.approval ?? ''} /></label>
        <label className="field"><span>{t('shelf.approvedOn')}</span><input name="approvedOn" type="date" dir="ltr" defaultValue={item?.current.approvedOn ?? ''} /></label>
        {item && <label className="field"><span>{t('shelf.changeNote')}</span><input name="changeNote" dir="auto" maxLength={500} /></label>}
      </div>
    </>
  );
}

const fieldsOf = (data: FormData, names: string[]) =>
  Object.fromEntries(names.map((name) => [name, String(data.get(name) ?? '').trim()]).filter(([, value]) => value !== ''));

function ArticleForm({ item, categories, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [bodyAr, setBodyAr] = useState(item?.body.ar ?? '');
  const [bodyEn, setBodyEn] = useState(item?.body.en ?? '');
  const [error, setError] = useState<Failure>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const facts = fieldsOf(data, ['titleAr', 'titleEn', 'approval', 'approvedOn', 'changeNote']);
    setError(null);
    setSaving(true);
    try {
      onSaved(item
        ? await shelfApi.reviseArticle(item.id, { ...facts, bodyAr, bodyEn })
        : await shelfApi.createArticle({ ...facts, ...fieldsOf(data, ['slug', 'categoryId', 'audience']), bodyAr, bodyEn }));
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="desk__section" aria-labelledby="article-form">
      <h2 id="article-form">{item ? `${t('shelf.newVersion')}: ${titleIn(item.current.title, 'ar')}` : t('shelf.newArticle')}</h2>
      <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="article-form">
        {!item && <Placement categories={categories} />}
        <VersionFacts item={item} />
        <div className="shelf-columns">
          <div className="field"><span>{t('shelf.bodyAr')}</span><RichEditor lang="ar" label={t('shelf.bodyAr')} initial={bodyAr} onChange={setBodyAr} testId="editor-ar" /></div>
          <div className="field"><span>{t('shelf.bodyEn')}</span><RichEditor lang="en" label={t('shelf.bodyEn')} initial={bodyEn} onChange={setBodyEn} testId="editor-en" /></div>
        </div>
        {error && <p className="field-error" role="alert">{error.message}</p>}
        <div className="dialog-actions">
          <button type="submit" className="button button--primary" disabled={saving}>{t('shelf.save')}</button>
          <button type="button" className="button button--quiet" onClick={onCancel}>{t('shelf.cancel')}</button>
        </div>
      </form>
    </section>
  );
}

function DocumentForm({ item, categories, onSaved, onCancel }: FormProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<Failure>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // Empty fields are left out, so the server reads them as not given.
    for (const [name, value] of [...data.entries()]) if (value === '') data.delete(name);
    setError(null);
    setSaving(true);
    try {
      onSaved(item ? await shelfApi.reviseDocument(item.id, data) : await shelfApi.createDocument(data));
    } catch (failure) {
      setError(failureOf(failure));
    } finally {
      setSaving(false);
    }
  };
  return (
    <section className="desk__section" aria-labelledby="document-form">
      <h2 id="document-form">{item ? `${t('shelf.newVersion')}: ${titleIn(item.current.title, 'ar')}` : t('shelf.uploadDocument')}</h2>
      <form className="desk-form" onSubmit={(event) => void submit(event)} data-testid="document-form">
        {!item && <Placement categories={categories} />}
        <label className="field"><span>{t('shelf.file')}</span>
          <input name="file" type="file" required accept=".pdf,.docx,image/jpeg,image/png,image/webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" data-testid="shelf-file" /></label>
        <label className="field"><span>{t('shelf.language')}</span>
          <select name="language" defaultValue={item?.current.language ?? 'ar'}>
            <option value="ar">{t('shelf.languageAr')}</option><option value="en">{t('shelf.languageEn')}</option><option value="both">{t('shelf.languageBoth')}</option>
          </select>
        </label>
        <VersionFacts item={item} />
        <label className="field"><span>{t('shelf.enteredText')}</span><textarea name="text" dir="auto" rows={5} maxLength={400000} /></label>
        {error && <p className="field-error" role="alert">{error.message}</p>}
        <div className="dialog-actions">
          <button type="submit" className="button button--primary" disabled={saving}>{t('shelf.save')}</button>
          <button type="button" className="button button--quiet" onClick={onCancel}>{t('shelf.cancel')}</button>
        </div>
      </form>
    </section>
  );
}

/** Reply templates on the shelf: everyone reads them, admins add and remove them. */
function Templates({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [error, setError] = useState<Failure>(null);
  const reload = useCallback(() => void api.templates().then(setTemplates, (e) => setError(failureOf(e))), []);
  useEffect(reload, [reload]);
  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError(null);
    try {
      await request('POST', '/admin/templates', { name: String(data.get('name')), locale: String(data.get('locale')), body: String(data.get('body')) });
      form.reset();
      reload();
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  const remove = async (id: string) => {
    try {
      await request('DELETE', `/admin/templates/${id}`);
      reload();
    } catch (failure) {
      setError(failureOf(failure));
    }
  };
  return (
    <section className="desk__section" aria-labelledby="shelf-templates" data-testid="shelf-templates">
      <h2 id="shelf-templates">{t('shelf.tabTemplates')}</h2>
      <p className="desk-hint">{t('shelf.templatesIntro')}</p>
      <p className="desk-hint" dir="ltr">{t('shelf.variables', { list: TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(' ') })}</p>
      {templates && templates.length === 0 && <p className="desk-hint">{t('shelf.noTemplates')}</p>}
      {templates && templates.length > 0 && (
        <ul className="shelf-hits">
          {templates.map((template) => (
            <li key={template.id} className="shelf-hit">
              <p className="shelf-hit__title"><bdi>{template.name}</bdi><span className="shelf-badge">{template.locale === 'ar' ? 'العربية' : 'English'}</span></p>
              <p className="shelf-hit__passage" dir={template.locale === 'ar' ? 'rtl' : 'ltr'}>{template.body}</p>
              {admin && <div className="shelf-hit__actions"><button type="button" className="button button--quiet" onClick={() => void remove(template.id)}>{t('shelf.remove')}</button></div>}
            </li>
          ))}
        </ul>
      )}
      {error && <p className="field-error" role="alert">{error.message}</p>}
      {admin ? (
        <form className="desk-form" onSubmit={(event) => void add(event)} data-testid="template-form">
          <div className="desk-row">
            <label className="field"><span>{t('shelf.templateName')}</span><input name="name" dir="auto" required maxLength={200} /></label>
            <label className="field"><span>{t('shelf.templateLocale')}</span><select name="locale" defaultValue="ar"><option value="ar">العربية</option><option value="en">English</option></select></label>
          </div>
          <label className="field"><span>{t('shelf.templateBody')}</span><textarea name="body" dir="auto" rows={4} required maxLength={5000} /></label>
          <div className="dialog-actions"><button type="submit" className="button button--primary">{t('shelf.addTemplate')}</button></div>
        </form>
      ) : <p className="desk-hint">{t('shelf.adminsOnlyTemplates')}</p>}
    </section>
  );
}

function Feedback() {
  const { t } = useTranslation();
  const { locale, timeZone } = useWorkspace();
  const [entries, setEntries] = useState<ShelfFeedback[] | null>(null);
  const [error, setError] = useState<Failure>(null);
  useEffect(() => void shelfApi.feedback().then(setEntries, (e) => setError(failureOf(e))), []);
  return (
    <section className="desk__section" aria-labelledby="shelf-feedback" data-testid="shelf-feedback">
      <h2 id="shelf-feedback">{t('shelf.tabFeedback')}</h2>
      {error && <p className="field-error" role="alert">{error.message}</p>}
      {entries && entries.length === 0 && <p className="desk-hint">{t('shelf.noFeedback')}</p>}
      {entries && entries.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <thead><tr><th>{t('shelf.item')}</th><th>{t('shelf.audience')}</th><th>{t('shelf.comment')}</th><th>{t('shelf.updated')}</th></tr></thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td><bdi>{titleIn(entry.title, locale)}</bdi> · {t('shelf.version', { n: entry.versionNumber })}</td>
                  <td>{entry.helpful ? t('shelf.helpful') : t('shelf.notHelpful')}</td>
                  <td className="shelf-comment"><bdi>{entry.comment ?? '—'}</bdi></td>
                  <td>{dualDate(entry.createdAt, locale, timeZone).hijri}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
