import { createHmac, timingSafeEqual } from 'node:crypto';
import { WhatsAppContactCard, WhatsAppLocation, WhatsAppMessageType } from '@inbox/channels/contract';

export const CLOUD_SIGNATURE_HEADER = 'x-hub-signature-256';

/** Meta signs each webhook POST with the app secret: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signCloudWebhook(appSecret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

export function cloudSignatureValid(appSecret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signCloudWebhook(appSecret, body));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** A media object as the webhook names it: the id to fetch it by, and what the sender said about it. */
export interface CloudMedia {
  id: string;
  mimeType: string | null;
  fileName: string | null;
  caption: string | null;
}

/** One inbound message of a webhook, read into the facts the connector needs; nothing fetched yet. */
export interface CloudInbound {
  phoneNumberId: string;
  id: string;
  from: string;
  profileName: string | null;
  timestamp: Date | null;
  type: WhatsAppMessageType;
  text: string | null;
  media: CloudMedia | null;
  quotedId: string | null;
  location: WhatsAppLocation | null;
  contacts: WhatsAppContactCard[] | null;
  reactionTo: string | null;
  unsupportedType: string | null;
}

export interface CloudStatus {
  phoneNumberId: string;
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  reason: string | null;
}

/** A part of the payload that could not be read: kept with the reason, so nothing is dropped silently. */
export interface CloudParked {
  reason: string;
  raw: unknown;
}

export interface CloudWebhook {
  messages: CloudInbound[];
  statuses: CloudStatus[];
  parked: CloudParked[];
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown, max = 100_000): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null);

const MEDIA_TYPES = new Set(['image', 'document', 'audio', 'video', 'sticker']);

/**
 * Reads a Cloud API webhook (`object: whatsapp_business_account`, entries of
 * `messages` changes) as Meta documents it: the messages with their sender's
 * profile name, and the status updates of messages we sent. Pure: a part it
 * cannot read is parked with the reason, the rest goes on.
 */
export function readCloudWebhook(body: unknown): CloudWebhook {
  const result: CloudWebhook = { messages: [], statuses: [], parked: [] };
  const root = object(body);
  if (!root || root.object !== 'whatsapp_business_account') {
    result.parked.push({ reason: 'not a WhatsApp Business Account webhook', raw: body });
    return result;
  }
  for (const entry of list(root.entry)) {
    for (const change of list(object(entry)?.changes)) {
      const value = object(object(change)?.value);
      if (object(change)?.field !== 'messages' || !value) {
        result.parked.push({ reason: `a change of field ${String(object(change)?.field)} is not read`, raw: change });
        continue;
      }
      const phoneNumberId = text(object(value.metadata)?.phone_number_id, 100);
      if (!phoneNumberId) {
        result.parked.push({ reason: 'the change names no phone_number_id', raw: change });
        continue;
      }
      const names = new Map<string, string>();
      for (const contact of list(value.contacts)) {
        const waId = text(object(contact)?.wa_id, 50);
        const name = text(object(object(contact)?.profile)?.name, 200);
        if (waId && name) names.set(waId, name);
      }
      for (const raw of list(value.messages)) {
        const read = readMessage(phoneNumberId, raw, names);
        if ('reason' in read) result.parked.push(read);
        else result.messages.push(read);
      }
      for (const raw of list(value.statuses)) {
        const status = readStatus(phoneNumberId, raw);
        if ('reason' in status && !('status' in status)) result.parked.push(status);
        else result.statuses.push(status as CloudStatus);
      }
    }
  }
  return result;
}

function readMessage(phoneNumberId: string, raw: unknown, names: Map<string, string>): CloudInbound | CloudParked {
  const m = object(raw);
  const id = text(m?.id, 500);
  const from = text(m?.from, 50);
  const kind = text(m?.type, 50);
  if (!m || !id || !from || !kind) return { reason: 'a message without id, from or type', raw };
  const seconds = number(m.timestamp);
  const base: CloudInbound = {
    phoneNumberId, id, from, profileName: names.get(from) ?? null, timestamp: seconds === null ? null : new Date(seconds * 1000),
    type: 'unsupported', text: null, media: null, quotedId: text(object(m.context)?.id, 500), location: null, contacts: null, reactionTo: null, unsupportedType: null,
  };
  const part = object(m[kind]);
  if (kind === 'text') return { ...base, type: 'text', text: text(part?.body) };
  if (MEDIA_TYPES.has(kind)) {
    const mediaId = text(part?.id, 200);
    if (!mediaId) return { reason: `a ${kind} message without a media id`, raw };
    const type: WhatsAppMessageType = kind === 'audio' && part?.voice === true ? 'voice' : (kind as WhatsAppMessageType);
    return {
      ...base, type, text: text(part?.caption),
      media: { id: mediaId, mimeType: text(part?.mime_type, 200), fileName: text(part?.filename, 255), caption: text(part?.caption) },
    };
  }
  if (kind === 'location') {
    const latitude = number(part?.latitude);
    const longitude = number(part?.longitude);
    if (latitude === null || longitude === null) return { reason: 'a location without coordinates', raw };
    return { ...base, type: 'location', location: { latitude, longitude, name: text(part?.name, 500), address: text(part?.address, 1000) } };
  }
  if (kind === 'contacts') {
    const cards = list(m.contacts).map((card) => ({
      name: text(object(object(card)?.name)?.formatted_name, 200) ?? text(object(object(card)?.name)?.first_name, 200) ?? '',
      phones: list(object(card)?.phones).map((p) => text(object(p)?.phone, 50) ?? text(object(p)?.wa_id, 50)).filter((p): p is string => Boolean(p)),
    }));
    return { ...base, type: 'contacts', contacts: cards };
  }
  if (kind === 'reaction') {
    return { ...base, type: 'reaction', text: text(part?.emoji, 20), reactionTo: text(part?.message_id, 500) };
  }
  // Buttons and list choices are the person's answer in words.
  if (kind === 'button') return { ...base, type: 'text', text: text(part?.text) ?? text(part?.payload) };
  if (kind === 'interactive') {
    const reply = object(part?.button_reply) ?? object(part?.list_reply);
    return { ...base, type: 'text', text: text(reply?.title) ?? text(reply?.id) };
  }
  const error = object(list(m.errors)[0]);
  return { ...base, type: 'unsupported', unsupportedType: kind === 'unsupported' ? text(error?.title, 200) ?? 'unsupported' : kind };
}

function readStatus(phoneNumberId: string, raw: unknown): CloudStatus | CloudParked {
  const s = object(raw);
  const id = text(s?.id, 500);
  const status = s?.status;
  if (!s || !id || (status !== 'sent' && status !== 'delivered' && status !== 'read' && status !== 'failed')) {
    return { reason: `a status that is not sent, delivered, read or failed`, raw };
  }
  const error = object(list(s.errors)[0]);
  const detail = text(object(error?.error_data)?.details, 500);
  const reason = error ? [text(error.title, 200) ?? text(error.message, 200), detail].filter(Boolean).join(': ') || `error ${String(error.code)}` : null;
  return { phoneNumberId, id, status, reason };
}
