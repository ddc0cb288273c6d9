import { WhatsAppContactCard, WhatsAppLocation, WhatsAppMessageType } from '@inbox/channels/contract';

/**
 * The parts of a whatsapp-web.js `Message` the connector reads (the library's
 * own class has many more). Kept as an interface so the connector can be
 * driven by a stand-in client in tests, with objects of exactly this shape.
 */
export interface WebMessage {
  id: { fromMe: boolean; remote: string; id: string; _serialized: string };
  from: string;
  to: string;
  author?: string;
  body: string;
  type: string;
  timestamp: number;
  hasMedia: boolean;
  hasQuotedMsg: boolean;
  isStatus?: boolean;
  fromMe: boolean;
  ack?: number;
  location?: { latitude: number | string; longitude: number | string; description?: string; name?: string; address?: string } | null;
  vCards?: string[];
  _data?: { notifyName?: string; quotedStanzaID?: string; quotedMsg?: { id?: string } };
  downloadMedia(): Promise<WebMedia | undefined>;
  getQuotedMessage?(): Promise<WebMessage | undefined>;
}

export interface WebMedia {
  mimetype: string;
  /** base64 */
  data: string;
  filename?: string | null;
  filesize?: number | null;
}

/** whatsapp-web.js MessageAck: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
export function ackStatus(ack: number): 'sent' | 'delivered' | 'read' | 'failed' | null {
  if (ack === -1) return 'failed';
  if (ack === 1) return 'sent';
  if (ack === 2) return 'delivered';
  if (ack >= 3) return 'read';
  return null;
}

const TYPES: Record<string, WhatsAppMessageType> = {
  chat: 'text', image: 'image', video: 'video', audio: 'audio', ptt: 'voice', document: 'document', sticker: 'sticker',
  location: 'location', vcard: 'contacts', multi_vcard: 'contacts', revoked: 'revoke', reaction: 'reaction',
};

/** Private chats only: groups (`@g.us`), status updates, broadcasts and newsletters are not a person writing to the association. */
export function isPersonalChat(message: Pick<WebMessage, 'from' | 'isStatus'>, allowGroups = false): boolean {
  if (message.isStatus || message.from === 'status@broadcast' || message.from.endsWith('@broadcast') || message.from.endsWith('@newsletter')) return false;
  if (message.from.endsWith('@g.us')) return allowGroups;
  return message.from.endsWith('@c.us') || message.from.endsWith('@lid');
}

export interface WebFacts {
  type: WhatsAppMessageType;
  text: string | null;
  location: WhatsAppLocation | null;
  contacts: WhatsAppContactCard[] | null;
  unsupportedType: string | null;
}

/** Reads a message's kind, words, place and cards; media is fetched by the connector. */
export function webFacts(message: WebMessage): WebFacts {
  const type = TYPES[message.type] ?? 'unsupported';
  const facts: WebFacts = { type, text: message.body?.trim() ? message.body : null, location: null, contacts: null, unsupportedType: type === 'unsupported' ? message.type : null };
  if (type === 'location' && message.location) {
    const latitude = Number(message.location.latitude);
    const longitude = Number(message.location.longitude);
    const [name, ...rest] = (message.location.description ?? message.location.name ?? '').split('\n');
    facts.location = Number.isFinite(latitude) && Number.isFinite(longitude)
      ? { latitude, longitude, name: name || null, address: message.location.address ?? (rest.join(' ') || null) }
      : null;
    // A location's body is a thumbnail in base64, not words.
    facts.text = facts.location ? [facts.location.name, facts.location.address].filter(Boolean).join(' — ') || `${latitude}, ${longitude}` : null;
  }
  if (type === 'contacts') {
    facts.contacts = (message.vCards ?? (message.body ? [message.body] : [])).map(readVCard);
    facts.text = facts.contacts.map((c) => `${c.name} ${c.phones.join(' ')}`.trim()).join('\n') || null;
  }
  // Media messages carry their caption in the body; stickers and voice notes a thumbnail or nothing.
  if (type === 'sticker' || type === 'voice' || type === 'audio') facts.text = null;
  return facts;
}

/** The name and numbers of a vCard (FN and TEL lines), as WhatsApp sends contact cards. */
export function readVCard(card: string): WhatsAppContactCard {
  const lines = card.replace(/\r\n[ \t]/g, '').split(/\r?\n/);
  const value = (line: string) => line.slice(line.indexOf(':') + 1).trim();
  const name = lines.find((line) => /^FN[:;]/i.test(line));
  const phones = lines.filter((line) => /^(item\d+\.)?TEL[:;]/i.test(line)).map(value).filter(Boolean);
  return { name: name ? value(name) : '', phones };
}
