import { MapPin, MessageSquareQuote, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { WhatsAppMessageMetadata } from '@inbox/whatsapp-metadata';
import { formatIdentity } from '../format/phone';

/** The WhatsApp facts of a message (metadata.whatsapp), when it has any. */
export function whatsAppOf(metadata: Record<string, unknown>): WhatsAppMessageMetadata | null {
  const value = metadata.whatsapp;
  return value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string' ? (value as WhatsAppMessageMetadata) : null;
}

const SHOWN_KIND = new Set(['voice', 'audio', 'video', 'image', 'document', 'sticker', 'location', 'contacts', 'reaction', 'unsupported', 'edit', 'revoke']);

/**
 * What WhatsApp said beyond the words, in the reader's language: the kind of
 * message, a location with its map, contact cards, a reaction, the message it
 * quotes, and a file that was not stored with the reason.
 */
export function WhatsAppDetails({ whatsapp }: { whatsapp: WhatsAppMessageMetadata }) {
  const { t } = useTranslation();
  const { location, contacts } = whatsapp;
  return (
    <div className="message__whatsapp" data-whatsapp-type={whatsapp.type}>
      {SHOWN_KIND.has(whatsapp.type) && (
        <p className="message__whatsapp-kind">
          {t(`whatsapp.kind.${whatsapp.type}`, { type: whatsapp.unsupportedType ?? '' })}
        </p>
      )}
      {whatsapp.quotedId && whatsapp.type !== 'reaction' && (
        <p className="message__whatsapp-note"><MessageSquareQuote size={14} aria-hidden="true" />{t('whatsapp.quoted')}</p>
      )}
      {location && (
        <p className="message__whatsapp-note">
          <MapPin size={14} aria-hidden="true" />
          <a href={`https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=17/${location.latitude}/${location.longitude}`} target="_blank" rel="noreferrer noopener">
            {t('whatsapp.openMap')}
          </a>
          <bdi dir="ltr">{`${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`}</bdi>
        </p>
      )}
      {contacts?.map((card, index) => (
        <p key={index} className="message__whatsapp-note">
          <UserRound size={14} aria-hidden="true" />
          <bdi>{card.name}</bdi>
          {card.phones.map((phone) => <bdi key={phone} dir="ltr">{formatIdentity('phone', phone)}</bdi>)}
        </p>
      ))}
      {whatsapp.mediaSkipped && <p className="message__whatsapp-note message__whatsapp-note--warning" dir="auto">{t('whatsapp.mediaSkipped', { reason: whatsapp.mediaSkipped.reason })}</p>}
    </div>
  );
}
