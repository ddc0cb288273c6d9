import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import type { ReplyWindow, TicketDetail, WhatsAppTemplate } from '../api/types';
import { relativeTime } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';

/** WhatsApp's 24-hour window for the ticket's Cloud API number, read again when the ticket changes or a message arrives. */
export function useReplyWindow(detail: TicketDetail): ReplyWindow | null {
  const [window, setWindow] = useState<ReplyWindow | null>(null);
  const latest = detail.messages[detail.messages.length - 1]?.id;
  useEffect(() => {
    if (detail.ticket.channelKind !== 'whatsapp_cloud') {
      setWindow(null);
      return;
    }
    let live = true;
    api.replyWindow(detail.ticket.id).then((found) => live && setWindow(found), () => live && setWindow(null));
    return () => { live = false; };
  }, [detail.ticket.id, detail.ticket.channelKind, latest]);
  return window;
}

/** A short line under the composer while the window is open: until when free text may go out. */
export function WindowOpenHint({ window }: { window: ReplyWindow }) {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  if (!window.open || !window.closesAt) return null;
  return <p className="composer__hint" data-testid="whatsapp-window-open">{t('whatsapp.windowOpen', { when: relativeTime(window.closesAt, locale) })}</p>;
}

/**
 * Outside the window: why free text cannot go out, and the approved
 * templates with their placeholders to fill; the filled text is shown as the
 * person will read it before it is sent.
 */
export function TemplateReply({ detail, window, onSent }: { detail: TicketDetail; window: ReplyWindow; onSent: () => void }) {
  const { t } = useTranslation();
  const { locale } = useWorkspace();
  const ordered = [...window.templates].sort((a, b) => Number(b.language.startsWith(locale)) - Number(a.language.startsWith(locale)) || a.name.localeCompare(b.name));
  const [chosen, setChosen] = useState<WhatsAppTemplate | null>(ordered[0] ?? null);
  const [values, setValues] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // The usual first placeholders: the person's name, then the ticket's reference.
    const defaults = [detail.contact.name ?? '', detail.ticket.reference];
    setValues(Array.from({ length: chosen?.parameters ?? 0 }, (_, i) => defaults[i] ?? ''));
  }, [chosen, detail.contact.name, detail.ticket.reference]);

  const preview = chosen ? chosen.body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => values[Number(n) - 1] || whole) : '';
  const complete = Boolean(chosen) && values.every((value) => value.trim());

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || !complete || sending) return;
    setSending(true);
    setError(null);
    try {
      await api.addMessage(detail.ticket.id, { internal: false, whatsappTemplate: { name: chosen.name, language: chosen.language, parameters: values.map((v) => v.trim()) } });
      onSent();
    } catch (failure) {
      setError(t('composer.sendFailed', { message: (failure as Error).message }));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="whatsapp-window" data-testid="whatsapp-window-closed">
      <p className="composer__hint" role="note">
        {t('whatsapp.windowClosed', { when: window.lastInboundAt ? relativeTime(window.lastInboundAt, locale) : t('whatsapp.never') })}
      </p>
      {window.templatesError && <p className="composer__error" role="alert">{t('whatsapp.templatesFailed', { message: window.templatesError })}</p>}
      {ordered.length === 0 && !window.templatesError && <p className="composer__hint">{t('whatsapp.noTemplates')}</p>}
      {ordered.length > 0 && (
        <div className="whatsapp-window__form" role="group" aria-label={t('whatsapp.templateReply')}>
          <label className="inline-field">
            <span>{t('whatsapp.template')}</span>
            <select
              value={chosen ? `${chosen.name}|${chosen.language}` : ''}
              onChange={(event) => setChosen(ordered.find((tpl) => `${tpl.name}|${tpl.language}` === event.target.value) ?? null)}
              data-testid="whatsapp-template"
            >
              {ordered.map((tpl) => <option key={`${tpl.name}|${tpl.language}`} value={`${tpl.name}|${tpl.language}`}>{`${tpl.name} (${tpl.language})`}</option>)}
            </select>
          </label>
          {values.map((value, index) => (
            <label key={index} className="inline-field">
              <span>{t('whatsapp.parameter', { n: index + 1 })}</span>
              <input dir="auto" value={value} maxLength={1000} onChange={(event) => setValues((current) => current.map((v, i) => (i === index ? event.target.value : v)))} data-testid={`whatsapp-parameter-${index + 1}`} />
            </label>
          ))}
          <p className="whatsapp-window__preview" dir="auto" aria-label={t('whatsapp.preview')} data-testid="whatsapp-preview">{preview}</p>
          {error && <p className="composer__error" role="alert">{error}</p>}
          <div className="composer__actions">
            <button type="button" className="button button--primary" disabled={!complete || sending} onClick={(event) => void send(event)} data-testid="whatsapp-send-template">
              {sending ? t('composer.sending') : t('whatsapp.sendTemplate')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
