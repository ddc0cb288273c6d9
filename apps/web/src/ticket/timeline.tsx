import { Check, CheckCheck, Clock, Download, Paperclip, StickyNote, TriangleAlert } from 'lucide-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/http';
import type { DeliveryStatus, Message } from '../api/types';
import { dualDateTime } from '../format/dates';
import { useWorkspace } from '../workspace/workspace-context';
import { sanitizeEmailHtml } from './sanitize';
import { WhatsAppDetails, whatsAppOf } from './whatsapp-message';

/** The whole conversation across channels, oldest first: inbound, replies with their delivery, notes and system events. */
export function Timeline({ messages, contactName }: { messages: Message[]; contactName: string | null }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline" aria-label={t('ticket.timeline')}>
      {messages.map((message) => <TimelineEntry key={message.id} message={message} contactName={contactName} />)}
    </ol>
  );
}

const TimelineEntry = memo(function TimelineEntry({ message, contactName }: { message: Message; contactName: string | null }) {
  const { t } = useTranslation();
  const { locale, timeZone, userName } = useWorkspace();
  const when = dualDateTime(message.createdAt, locale, timeZone);
  const author = message.senderName ?? userName(message.authorUserId) ?? (message.direction === 'inbound' ? contactName : null) ?? t('message.someone');
  // Messages the association sends by itself (acknowledgement, closure notice, survey) carry the kind in metadata.system.
  const system = typeof message.metadata?.system === 'string' ? message.metadata.system : null;
  // A delegate's or researcher's entry from the field: written by them, about the contact.
  const field = message.metadata?.field as { delegateName?: string | null; position?: { latitude: number; longitude: number } | null } | undefined;
  const heading = message.direction === 'event'
    ? t('message.event')
    : field
      ? t('message.field', { name: '\u2068' + (field.delegateName ?? t('message.someone')) + '\u2069' })
    : system
      ? t([`message.system.${system}`, 'message.system.other'])
      : t(`message.${message.direction}`, { name: '\u2068' + author + '\u2069' });
  const html = message.html ? sanitizeEmailHtml(message.html) : null;
  const whatsapp = whatsAppOf(message.metadata);
  // A case moved on (the note says where to, in the reader's language), or a visit assigned; a periodic review opened.
  const caseNote = message.metadata?.case as { kind?: string; to?: string; label?: { ar: string; en: string }; assigneeName?: string } | undefined;
  const review = message.metadata?.review as { dueOn?: string } | undefined;
  return (
    <li className={`message message--${message.direction}`} id={`message-${message.id}`} data-message-id={message.id} data-direction={message.direction}>
      <div className="message__meta">
        {message.direction === 'note' && <StickyNote size={14} aria-hidden="true" />}
        <span className="message__author">{heading}</span>
        <time dateTime={message.createdAt} className="message__time">
          <span>{when.gregorian}</span>
          <span className="message__hijri">{when.hijri}</span>
        </time>
      </div>
      {html
        ? <div className="message__body message__body--html" dir="auto" dangerouslySetInnerHTML={{ __html: html }} />
        : !whatsapp?.placeholder && <div className="message__body" dir="auto">{message.body}</div>}
      {whatsapp && <WhatsAppDetails whatsapp={whatsapp} />}
      {caseNote?.kind === 'visit_assigned' && <p className="message__case" data-case-visit="assigned">{t('cases.visitAssigned', { name: '\u2068' + (caseNote.assigneeName ?? '') + '\u2069' })}</p>}
      {caseNote?.to && <p className="message__case" data-case-stage={caseNote.to}>{t('cases.moved', { stage: caseNote.label?.[locale] ?? caseNote.to })}</p>}
      {review?.dueOn && <p className="message__case" data-review={review.dueOn}>{t('cases.reviewOpened', { date: review.dueOn })}</p>}
      {field?.position && (
        <p className="message__case">
          <a href={`https://www.openstreetmap.org/?mlat=${field.position.latitude}&mlon=${field.position.longitude}#map=17/${field.position.latitude}/${field.position.longitude}`}
            target="_blank" rel="noreferrer noopener"><bdi dir="ltr">{`${field.position.latitude.toFixed(5)}, ${field.position.longitude.toFixed(5)}`}</bdi></a>
        </p>
      )}
      <MetadataFields metadata={message.metadata} />
      {message.attachments.length > 0 && <Attachments message={message} />}
      {message.direction === 'outbound' && message.deliveryStatus && (
        <Delivery status={message.deliveryStatus} reason={message.failureReason} />
      )}
    </li>
  );
});

const DELIVERY_ICONS: Record<DeliveryStatus, typeof Check> = {
  queued: Clock, sending: Clock, sent: Check, delivered: CheckCheck, read: CheckCheck, failed: TriangleAlert,
};

function Delivery({ status, reason }: { status: DeliveryStatus; reason: string | null }) {
  const { t } = useTranslation();
  const Icon = DELIVERY_ICONS[status] ?? Clock;
  return (
    <p className={`delivery delivery--${status}`} data-delivery={status} role="status">
      <Icon size={14} aria-hidden="true" />
      <span>{t(`message.delivery.${status}`)}</span>
      {status === 'failed' && reason && <span dir="auto">{t('message.failedBecause', { reason })}</span>}
    </p>
  );
}

function Attachments({ message }: { message: Message }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="attachments">
      <h4 className="visually-hidden">{t('message.attachments')}</h4>
      <ul>
        {message.attachments.map((file, index) => (
          <li key={`${file.fileName}-${index}`}>
            <Paperclip size={14} aria-hidden="true" />
            <bdi>{file.fileName}</bdi>
            <span className="attachments__size">{formatSize(file.size)}</span>
            <button
              type="button"
              className="button button--quiet"
              aria-label={t('message.download', { name: file.fileName })}
              onClick={() => api.download(message.id, index, file.fileName).catch((failure: Error) => setError(t('message.downloadFailed', { message: failure.message })))}
            >
              <Download size={14} aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="composer__error">{error}</p>}
    </div>
  );
}

/** Form fields, call details and letter references that channels put on a message, shown as they came. */
function MetadataFields({ metadata }: { metadata: Record<string, unknown> }) {
  const fields = metadata.fields;
  if (!fields || typeof fields !== 'object') return null;
  const entries = Array.isArray(fields)
    ? fields.map((field: { label?: unknown; value?: unknown }) => [String(field.label ?? ''), String(field.value ?? '')] as const)
    : Object.entries(fields as Record<string, unknown>).map(([key, value]) => [key, String(value)] as const);
  return (
    <dl className="message__fields">
      {entries.map(([label, value], index) => (
        <div key={index}>
          <dt dir="auto">{label}</dt>
          <dd dir="auto">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
