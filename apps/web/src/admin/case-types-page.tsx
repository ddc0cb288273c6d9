import '../styles/supervision.css';
import '../cases/case-panel.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http';
import type { Role } from '../api/types';
import { useWorkspace } from '../workspace/workspace-context';

type Label = { ar: string; en: string };
interface Item { key: string; kind: 'document' | 'check' | 'declaration'; label: Label; ask: Label }
interface Stage { key: string; label: Label; roles: Role[]; requires: string[]; next: string[]; notify?: boolean; registers?: { reviewEveryMonths: number } }
interface CaseType { key: string; ticketType: string; label: Label; checklist: Item[]; stages: Stage[]; customized: boolean }

const ROLES: Role[] = ['agent', 'researcher', 'supervisor', 'admin', 'delegate'];
const KINDS: Item['kind'][] = ['document', 'check', 'declaration'];
const keyOf = (text: string) => text.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

/**
 * The association's request types: for each, its checklist (documents, checks
 * by staff, the signed declaration, and how the applicant is asked for each)
 * and its stages (who may move a case into each, what must be done first,
 * where it may go next, whether the applicant is told). The server checks
 * that a version holds together, and refuses one that strands cases.
 */
export default function CaseTypesPage() {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const [types, setTypes] = useState<CaseType[] | null>(null);
  const [editing, setEditing] = useState<CaseType | null>(null);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () => request<CaseType[]>('GET', '/admin/case-types').then(setTypes, (failure: Error) => setNote({ text: failure.message, error: true }));
  useEffect(() => { void load(); }, []);

  const run = async (call: () => Promise<CaseType>) => {
    setBusy(true);
    setNote(null);
    try {
      const saved = await call();
      setEditing(saved);
      setNote({ text: t('caseTypes.saved'), error: false });
      await load();
    } catch (failure) {
      setNote({ text: (failure as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };

  const save = (type: CaseType) => run(() => request<CaseType>('PUT', `/admin/case-types/${type.key}`, {
    label: type.label, checklist: type.checklist,
    stages: type.stages.map(({ key, label, roles, requires, next, notify, registers }) => ({ key, label, roles, requires, next, ...(notify ? { notify } : {}), ...(registers ? { registers } : {}) })),
  }));

  return (
    <main className="supervisor case-types" data-testid="case-types">
      <h1>{t('caseTypes.title')}</h1>
      <p className="desk-hint">{t('caseTypes.intro')}</p>
      {note && !editing && <p role={note.error ? 'alert' : 'status'} className={note.error ? 'case-error' : 'desk-hint'}>{note.text}</p>}
      {!types && !note && <p role="status" className="list-message">{t('list.loading')}</p>}
      <ul className="file-list">
        {types?.map((type) => (
          <li key={type.key} data-case-type={type.key}>
            <strong>{type.label[locale]}</strong>
            <span className="case-visit-status">{type.customized ? t('caseTypes.customized') : t('caseTypes.default')}</span>
            <span className="desk-hint">{type.stages.map((s) => s.label[locale]).join(locale === 'ar' ? ' ← ' : ' → ')}</span>
            <button type="button" className="button" onClick={() => { setEditing(structuredClone(type)); setNote(null); }} data-testid={`edit-${type.key}`}>{t('caseTypes.edit')}</button>
          </li>
        ))}
      </ul>
      {editing && <Editor type={editing} busy={busy} note={note} onChange={setEditing} onSave={() => void save(editing)}
        onReset={() => window.confirm(t('caseTypes.confirmReset', { name: editing.label[locale] })) && void run(() => request<CaseType>('DELETE', `/admin/case-types/${editing.key}`))} />}
    </main>
  );
}

function Editor({ type, busy, note, onChange, onSave, onReset }: {
  type: CaseType; busy: boolean; note: { text: string; error: boolean } | null; onChange: (type: CaseType) => void; onSave: () => void; onReset: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const [newStage, setNewStage] = useState('');
  const setItem = (index: number, item: Item) => onChange({ ...type, checklist: type.checklist.map((it, i) => (i === index ? item : it)) });
  const setStage = (index: number, stage: Stage) => onChange({ ...type, stages: type.stages.map((s, i) => (i === index ? stage : s)) });
  const removeItem = (index: number) => {
    const key = type.checklist[index].key;
    onChange({ ...type, checklist: type.checklist.filter((_, i) => i !== index), stages: type.stages.map((s) => ({ ...s, requires: s.requires.filter((r) => r !== key) })) });
  };
  const removeStage = (index: number) => {
    const key = type.stages[index].key;
    onChange({ ...type, stages: type.stages.filter((_, i) => i !== index).map((s) => ({ ...s, next: s.next.filter((n) => n !== key) })) });
  };
  const addStage = () => {
    if (!newStage.trim()) return;
    // An Arabic name gives no Latin key: number it instead (the key is only an id).
    let key = keyOf(newStage) || `stage_${type.stages.length + 1}`;
    while (type.stages.some((s) => s.key === key)) key = `${key}_2`;
    onChange({ ...type, stages: [...type.stages, { key, label: { ar: newStage.trim(), en: newStage.trim() }, roles: ['supervisor', 'admin'], requires: [], next: [] }] });
    setNewStage('');
  };

  return (
    <form className="case-type-editor" data-testid="case-type-editor" data-editing={type.key} onSubmit={(event) => { event.preventDefault(); onSave(); }}>
      <h2>{type.label[locale]}</h2>
      <div className="case-type-editor__row">
        <label className="field"><span>{t('caseTypes.labelAr')}</span><input dir="rtl" value={type.label.ar} onChange={(e) => onChange({ ...type, label: { ...type.label, ar: e.target.value } })} /></label>
        <label className="field"><span>{t('caseTypes.labelEn')}</span><input dir="ltr" value={type.label.en} onChange={(e) => onChange({ ...type, label: { ...type.label, en: e.target.value } })} /></label>
      </div>

      <fieldset className="case-type-editor__group">
        <legend>{t('caseTypes.checklist')}</legend>
        {type.checklist.map((item, index) => (
          <div key={index} className="case-type-editor__item" data-item={item.key}>
            <label className="field"><span>{t('caseTypes.key')}</span><input dir="ltr" value={item.key} onChange={(e) => setItem(index, { ...item, key: keyOf(e.target.value) })} /></label>
            <label className="field"><span>{t('caseTypes.kind')}</span>
              <select value={item.kind} onChange={(e) => setItem(index, { ...item, kind: e.target.value as Item['kind'] })}>
                {KINDS.map((kind) => <option key={kind} value={kind}>{t(`caseTypes.kinds.${kind}`)}</option>)}
              </select>
            </label>
            <label className="field"><span>{t('caseTypes.labelAr')}</span><input dir="rtl" value={item.label.ar} onChange={(e) => setItem(index, { ...item, label: { ...item.label, ar: e.target.value } })} data-field="label-ar" /></label>
            <label className="field"><span>{t('caseTypes.labelEn')}</span><input dir="ltr" value={item.label.en} onChange={(e) => setItem(index, { ...item, label: { ...item.label, en: e.target.value } })} data-field="label-en" /></label>
            <label className="field"><span>{t('caseTypes.askAr')}</span><input dir="rtl" value={item.ask.ar} onChange={(e) => setItem(index, { ...item, ask: { ...item.ask, ar: e.target.value } })} data-field="ask-ar" /></label>
            <label className="field"><span>{t('caseTypes.askEn')}</span><input dir="ltr" value={item.ask.en} onChange={(e) => setItem(index, { ...item, ask: { ...item.ask, en: e.target.value } })} data-field="ask-en" /></label>
            <button type="button" className="button button--quiet" onClick={() => removeItem(index)}>{t('caseTypes.removeItem')}</button>
          </div>
        ))}
        <button type="button" className="button" data-testid="add-item"
          onClick={() => onChange({ ...type, checklist: [...type.checklist, { key: `item_${type.checklist.length + 1}`, kind: 'document', label: { ar: '', en: '' }, ask: { ar: '', en: '' } }] })}>
          {t('caseTypes.addItem')}
        </button>
      </fieldset>

      <fieldset className="case-type-editor__group">
        <legend>{t('caseTypes.stages')}</legend>
        {type.stages.map((stage, index) => (
          <div key={stage.key} className="case-type-editor__stage" data-stage={stage.key}>
            <div className="case-type-editor__row">
              <label className="field"><span>{t('caseTypes.labelAr')}</span><input dir="rtl" value={stage.label.ar} onChange={(e) => setStage(index, { ...stage, label: { ...stage.label, ar: e.target.value } })} /></label>
              <label className="field"><span>{t('caseTypes.labelEn')}</span><input dir="ltr" value={stage.label.en} onChange={(e) => setStage(index, { ...stage, label: { ...stage.label, en: e.target.value } })} /></label>
              <label className="inline-field"><input type="checkbox" checked={Boolean(stage.notify)} onChange={(e) => setStage(index, { ...stage, notify: e.target.checked })} /><span>{t('caseTypes.notify')}</span></label>
              {index > 0 && <button type="button" className="button button--quiet" onClick={() => removeStage(index)}>{t('caseTypes.removeItem')}</button>}
            </div>
            {index > 0 && <Choices legend={t('caseTypes.roles')} options={ROLES.map((role) => ({ key: role, label: t(`caseTypes.roleNames.${role}`) }))} chosen={stage.roles}
              onToggle={(key, on) => setStage(index, { ...stage, roles: toggle(stage.roles, key as Role, on) })} name={`roles-${stage.key}`} />}
            {index > 0 && type.checklist.length > 0 && <Choices legend={t('caseTypes.requires')} options={type.checklist.map((item) => ({ key: item.key, label: item.label[locale] || item.key }))}
              chosen={stage.requires} onToggle={(key, on) => setStage(index, { ...stage, requires: toggle(stage.requires, key, on) })} name={`requires-${stage.key}`} />}
            <Choices legend={t('caseTypes.next')} options={type.stages.filter((s) => s.key !== stage.key).map((s) => ({ key: s.key, label: s.label[locale] }))}
              chosen={stage.next} onToggle={(key, on) => setStage(index, { ...stage, next: toggle(stage.next, key, on) })} name={`next-${stage.key}`} />
          </div>
        ))}
        <div className="case-type-editor__row">
          <label className="field"><span>{t('caseTypes.newStage')}</span><input value={newStage} dir="auto" maxLength={120} onChange={(e) => setNewStage(e.target.value)} /></label>
          <button type="button" className="button" onClick={addStage} disabled={!newStage.trim()}>{t('caseTypes.addStage')}</button>
        </div>
      </fieldset>

      {note && <p role={note.error ? 'alert' : 'status'} className={note.error ? 'case-error' : 'desk-hint'} data-testid="case-type-note">{note.text}</p>}
      <div className="case-type-editor__row">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="case-type-save">{t('caseTypes.save')}</button>
        {type.customized && <button type="button" className="button" disabled={busy} onClick={onReset} data-testid="case-type-reset">{t('caseTypes.reset')}</button>}
      </div>
    </form>
  );
}

function Choices({ legend, options, chosen, onToggle, name }: {
  legend: string; options: { key: string; label: string }[]; chosen: string[]; onToggle: (key: string, on: boolean) => void; name: string;
}) {
  return (
    <fieldset className="case-type-editor__choices" data-choices={name}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.key} className="inline-field">
          <input type="checkbox" checked={chosen.includes(option.key)} value={option.key} onChange={(e) => onToggle(option.key, e.target.checked)} />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
