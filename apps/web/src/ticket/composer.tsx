import { Menu } from '@mantine/core';
import { FileText, Paperclip, Send, StickyNote, X } from 'lucide-react';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import type { ReplyTemplate, TicketDetail } from '../api/types';
import { longDate } from '../format/dates';
import { formatIdentity } from '../format/phone';
import { useWorkspace } from '../workspace/workspace-context';
import { ShelfPanel } from '../shelf/shelf-panel';
import { appendText, fillTemplate, insertMention, mentionedIds, mentionQuery, shelfText, type ShelfInsert } from './composer-text';
import { useTypingSignal } from './use-ticket';
import { TemplateReply, useReplyWindow, WindowOpenHint } from './whatsapp-window';

export type ComposerMode = 'reply' | 'note';

export interface ComposerHandle {
  focus(mode: ComposerMode): void;
}

interface Props {
  detail: TicketDetail;
  templates: ReplyTemplate[];
  onSent: () => void;
  ref?: Ref<ComposerHandle>;
}

const MENTION_RESULTS = 6;
/** As the server's ATTACHMENT_MAX_BYTES default and its five files a message. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_FILES = 5;

/** A chosen file as the api takes it: base64 in the JSON body. */
function asAttachment(file: File): Promise<{ fileName: string; contentType: string; contentBase64: string }> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: String(reader.result).split(',')[1] ?? '' });
    reader.onerror = () => reject(reader.error ?? new Error(file.name));
    reader.readAsDataURL(file);
  });
}

/** Replies on the ticket's channel (or another identity of the contact), or adds an internal note with @mentions. */
export function Composer({ detail, templates, onSent, ref }: Props) {
  const { t } = useTranslation();
  const { me, workspace, realtime, organizationName, locale, timeZone } = useWorkspace();
  const { ticket, contact } = detail;
  const [mode, setMode] = useState<ComposerMode>(ticket.channelAccountId ? 'reply' : 'note');
  const [text, setText] = useState('');
  const [identityId, setIdentityId] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [mention, setMention] = useState<{ start: number; query: string; active: number } | null>(null);
  const picked = useRef(new Map<string, string>());
  const textarea = useRef<HTMLTextAreaElement>(null);
  const { typed, stop } = useTypingSignal(ticket.id, realtime);
  const replyWindow = useReplyWindow(detail);

  useImperativeHandle(ref, () => ({
    focus(next) {
      setMode(next);
      textarea.current?.focus();
    },
  }), []);

  useEffect(() => {
    setText('');
    setError(null);
    setIdentityId('');
    setFiles([]);
    picked.current.clear();
  }, [ticket.id]);

  const addFiles = (chosen: FileList | null) => {
    const next = [...files, ...Array.from(chosen ?? [])];
    const tooBig = next.find((file) => file.size > MAX_FILE_BYTES);
    if (tooBig) setError(t('composer.fileTooBig', { name: tooBig.name }));
    else if (next.length > MAX_FILES) setError(t('composer.tooManyFiles', { n: MAX_FILES }));
    else {
      setError(null);
      setFiles(next);
    }
    if (fileInput.current) fileInput.current.value = '';
  };

  const candidates = useMemo(() => {
    if (!mention || mode !== 'note') return [];
    const query = mention.query.toLocaleLowerCase();
    return workspace.users.filter((user) => user.id !== me.id && user.name.toLocaleLowerCase().includes(query)).slice(0, MENTION_RESULTS);
  }, [mention, mode, workspace.users, me.id]);

  const orderedTemplates = useMemo(
    () => [...templates].sort((a, b) => Number(b.locale === locale) - Number(a.locale === locale) || a.name.localeCompare(b.name)),
    [templates, locale],
  );

  const onChange = (value: string, caret: number) => {
    setText(value);
    if (mode === 'reply') typed();
    const found = mode === 'note' ? mentionQuery(value, caret) : null;
    setMention(found ? { ...found, active: 0 } : null);
  };

  const pick = (user: { id: string; name: string }) => {
    const element = textarea.current;
    if (!mention || !element) return;
    const next = insertMention(text, mention.start, element.selectionStart, user.name);
    picked.current.set(user.name, user.id);
    setText(next.text);
    setMention(null);
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(next.caret, next.caret);
    });
  };

  const applyTemplate = (template: ReplyTemplate) => {
    const today = longDate(new Date(), template.locale, timeZone);
    const filled = fillTemplate(template.body, {
      'contact.name': contact.name ?? '', 'ticket.reference': ticket.reference, 'agent.name': me.name, 'organization.name': organizationName,
      'date.hijri': today.hijri, 'date.gregorian': today.gregorian,
    });
    setText((current) => (current.trim() ? `${current.trimEnd()}\n${filled}` : filled));
    // Back to the text once the menu has closed, to go on writing (or send with Ctrl+Enter).
    requestAnimationFrame(() => textarea.current?.focus());
  };

  /** The reply goes by email when the ticket's channel or the chosen identity is email; links are written for it. */
  const replyChannel = identityId ? (contact.identities.find((identity) => identity.id === identityId)?.kind === 'email' ? 'email' : 'text') : ticket.channelKind;
  const insertFromShelf = (item: ShelfInsert, what: 'passage' | 'link') => {
    setText((current) => appendText(current, shelfText(item, what, replyChannel)));
    requestAnimationFrame(() => textarea.current?.focus());
  };

  const send = async () => {
    const body = text.trim();
    if ((!body && files.length === 0) || sending) return;
    setSending(true);
    setError(null);
    stop();
    try {
      const attachments = files.length ? await Promise.all(files.map(asAttachment)) : undefined;
      await api.addMessage(ticket.id, mode === 'note'
        ? { ...(body ? { body } : {}), internal: true, mentions: mentionedIds(body, picked.current), attachments }
        : { ...(body ? { body } : {}), internal: false, ...(identityId ? { identityId } : {}), attachments });
      setText('');
      setFiles([]);
      picked.current.clear();
      onSent();
    } catch (failure) {
      setError(t('composer.sendFailed', { message: (failure as Error).message }));
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (candidates.length && mention) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, active: (mention.active + step + candidates.length) % candidates.length });
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(candidates[mention.active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setMention(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  };

  const noChannel = mode === 'reply' && !ticket.channelAccountId && !identityId;
  // Outside WhatsApp's 24-hour window only an approved template can go out on the ticket's number.
  const templateOnly = mode === 'reply' && !identityId && replyWindow !== null && !replyWindow.open;
  const label = mode === 'reply' ? t('composer.replyLabel') : t('composer.noteLabel');
  const listId = `mentions-${ticket.id}`;

  return (
    <form className="composer" data-mode={mode} onSubmit={(event) => { event.preventDefault(); void send(); }} aria-label={label}>
      <div className="composer__bar">
        <div role="radiogroup" aria-label={label} className="mode-switch">
          {(['reply', 'note'] as const).map((value) => (
            <label key={value} className="mode-switch__option" data-checked={mode === value || undefined}>
              <input type="radio" name={`mode-${ticket.id}`} value={value} checked={mode === value} onChange={() => setMode(value)} />
              {value === 'reply' ? <Send size={14} aria-hidden="true" /> : <StickyNote size={14} aria-hidden="true" />}
              {t(`composer.${value}`)}
            </label>
          ))}
        </div>
        {mode === 'reply' && contact.identities.length > 0 && (
          <label className="inline-field">
            <span>{t('composer.to')}</span>
            <select value={identityId} onChange={(event) => setIdentityId(event.target.value)}>
              <option value="">{t('composer.ticketChannel', { channel: t(`channel.${ticket.channelKind}`) })}</option>
              {contact.identities.filter((identity) => identity.kind !== 'national_id').map((identity) => (
                <option key={identity.id} value={identity.id}>{`${t(`identity.${identity.kind}`)}: \u2066${formatIdentity(identity.kind, identity.value)}\u2069`}</option>
              ))}
            </select>
          </label>
        )}
        {!templateOnly && <ShelfPanel ticketId={ticket.id} onInsert={insertFromShelf} />}
        {!templateOnly && <Menu position="bottom-end" withinPortal returnFocus={false}>
          <Menu.Target>
            <button type="button" className="button button--quiet"><FileText size={14} aria-hidden="true" />{t('composer.templates')}</button>
          </Menu.Target>
          <Menu.Dropdown>
            {orderedTemplates.length === 0 && <Menu.Label>{t('composer.noTemplates')}</Menu.Label>}
            {orderedTemplates.map((template) => (
              <Menu.Item key={template.id} onClick={() => applyTemplate(template)}>
                <span dir="auto">{template.name}</span>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>}
      </div>
      {templateOnly && replyWindow ? (
        <TemplateReply detail={detail} window={replyWindow} onSent={onSent} />
      ) : (
        <>
          <div className="composer__field">
            <textarea
              ref={textarea}
              dir="auto"
              value={text}
              rows={4}
              aria-label={label}
              placeholder={mode === 'reply' ? t('composer.replyPlaceholder') : t('composer.notePlaceholder')}
              onChange={(event) => onChange(event.target.value, event.target.selectionStart)}
              onKeyDown={onKeyDown}
              onBlur={() => setTimeout(() => setMention(null), 150)}
              role={candidates.length ? 'combobox' : undefined}
              aria-expanded={candidates.length ? true : undefined}
              aria-controls={candidates.length ? listId : undefined}
              aria-activedescendant={candidates.length && mention ? `${listId}-${mention.active}` : undefined}
              data-testid="composer-text"
            />
            {candidates.length > 0 && mention && (
              <ul id={listId} role="listbox" aria-label={t('composer.mentionList')} className="mention-list">
                {candidates.map((user, index) => (
                  <li
                    key={user.id}
                    id={`${listId}-${index}`}
                    role="option"
                    aria-selected={index === mention.active}
                    onMouseDown={(event) => { event.preventDefault(); pick(user); }}
                  >
                    <bdi>{user.name}</bdi>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {files.length > 0 && (
            <ul className="composer__files" aria-label={t('composer.files')}>
              {files.map((file, index) => (
                <li key={`${file.name}-${index}`}>
                  <Paperclip size={12} aria-hidden="true" /><bdi>{file.name}</bdi>
                  <button type="button" className="composer__file-remove" aria-label={t('composer.removeFile', { name: file.name })} onClick={() => setFiles((current) => current.filter((_, i) => i !== index))}>
                    <X size={12} aria-hidden="true" />
                  </button>
                </li>
              ))}
            </ul>
          )}
          {noChannel && <p className="composer__hint" role="note">{t('composer.noChannel')}</p>}
          {mode === 'reply' && !identityId && replyWindow && <WindowOpenHint window={replyWindow} />}
          {error && <p className="composer__error" role="alert">{error}</p>}
          <div className="composer__actions">
            <span className="composer__hint">{t('composer.sendHint')}</span>
            <input ref={fileInput} type="file" multiple hidden onChange={(event) => addFiles(event.target.files)} data-testid="composer-files" />
            <button type="button" className="button button--quiet" onClick={() => fileInput.current?.click()}>
              <Paperclip size={14} aria-hidden="true" />{t('composer.attach')}
            </button>
            <button type="submit" className="button button--primary" disabled={sending || (!text.trim() && files.length === 0) || noChannel}>
              {sending ? t('composer.sending') : mode === 'reply' ? t('composer.send') : t('composer.addNote')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
