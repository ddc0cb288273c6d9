/**
 * What both WhatsApp adapters (whatsapp-web.js and the Cloud API) put under
 * `metadata.whatsapp` on a message, so the timeline shows WhatsApp's own kinds
 * the same way whichever way the number is connected. Types only: the web app
 * compiles this file too.
 */
export type WhatsAppMessageType =
  | 'text' | 'image' | 'document' | 'audio' | 'voice' | 'video' | 'location' | 'contacts' | 'sticker'
  | 'reaction' | 'edit' | 'revoke' | 'unsupported';

export interface WhatsAppLocation {
  latitude: number;
  longitude: number;
  name?: string | null;
  address?: string | null;
}

export interface WhatsAppContactCard {
  name: string;
  phones: string[];
}

export interface WhatsAppMessageMetadata {
  type: WhatsAppMessageType;
  /** The provider's own id (whatsapp-web.js `id._serialized`, the Cloud API `wamid.…`). */
  id: string;
  /** The sender's WhatsApp id (digits, or `<digits>@c.us`). */
  from: string;
  /** The message this one quotes, when the person replied to one. */
  quotedId?: string | null;
  location?: WhatsAppLocation | null;
  contacts?: WhatsAppContactCard[] | null;
  /** An edit: the message it changes; the new text is the message's body. */
  editOf?: string | null;
  /** A deletion for everyone: the message the sender took back (its text stays on our side, marked). */
  revokedId?: string | null;
  /** A media file that was not stored (over the size limit, expired on the provider), and why. */
  mediaSkipped?: { reason: string; mimeType?: string | null; size?: number | null } | null;
  /** The message's text only stands in for a message with no words and no stored file (`[video]`): show its kind instead. */
  placeholder?: boolean;
  /** A type we cannot show, named as WhatsApp named it. */
  unsupportedType?: string | null;
}
