import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { InvalidError, toAsciiDigits } from '@inbox/core';

export const IdentityKind = { Phone: 'phone', Email: 'email', WhatsApp: 'whatsapp', NationalId: 'national_id' } as const;
export type IdentityKind = (typeof IdentityKind)[keyof typeof IdentityKind];

export interface Identity {
  kind: IdentityKind;
  value: string;
}

/**
 * Phones to E.164 with Saudi Arabia as the default region. Accepts 05xxxxxxxx,
 * 5xxxxxxxx, 9665..., +966 5..., 00966... and Arabic-Indic digits.
 */
export function normalizePhone(raw: string, field = 'phone'): string {
  let digits = toAsciiDigits(raw).replace(/[\s\-().\u200e\u200f\u202a-\u202e]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  // 9665xxxxxxxx written without a plus is an international number, not a local one.
  if (/^966\d{9}$/.test(digits)) digits = `+${digits}`;
  const parsed = parsePhoneNumberFromString(digits, 'SA');
  if (!parsed || !parsed.isValid()) throw new InvalidError(field, `${field} is not a valid phone number`);
  return parsed.number;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

export function normalizeEmail(raw: string, field = 'email'): string {
  const value = raw.trim().toLowerCase();
  if (value.length > 254 || !EMAIL.test(value)) throw new InvalidError(field, `${field} is not a valid email address`);
  return value;
}

/** Saudi national id (starts with 1) or residence id (starts with 2): ten digits with a Luhn check digit. */
export function normalizeNationalId(raw: string, field = 'nationalId'): string {
  const value = toAsciiDigits(raw).replace(/[\s-]/g, '');
  if (!/^[12]\d{9}$/.test(value) || !luhn(value)) throw new InvalidError(field, `${field} is not a valid national or residence id`);
  return value;
}

function luhn(value: string): boolean {
  let sum = 0;
  for (let i = 0; i < value.length; i++) {
    let digit = Number(value[value.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** WhatsApp ids arrive as 9665xxxxxxxx@c.us or as phone numbers; both normalise to E.164. */
export function normalizeWhatsApp(raw: string, field = 'whatsapp'): string {
  const number = raw.replace(/@(c|s)\.us$|@s\.whatsapp\.net$/, '');
  return normalizePhone(/^\d+$/.test(number) ? `+${number}` : number, field);
}

const NORMALIZERS: Record<IdentityKind, (raw: string, field?: string) => string> = {
  phone: normalizePhone,
  email: normalizeEmail,
  whatsapp: normalizeWhatsApp,
  national_id: normalizeNationalId,
};

export function normalizeIdentity(kind: IdentityKind, raw: string, field: string = kind): Identity {
  return { kind, value: NORMALIZERS[kind](raw, field) };
}

/** What a search box string is, when it is an exact identity rather than words. */
export function identityFromQuery(query: string): Identity | null {
  const text = query.trim();
  if (text.includes('@')) {
    try {
      return normalizeIdentity('email', text);
    } catch {
      return null;
    }
  }
  const compact = toAsciiDigits(text).replace(/[\s\-()]/g, '');
  if (/^\+?\d{9,15}$/.test(compact)) {
    if (/^[12]\d{9}$/.test(compact)) {
      try {
        return normalizeIdentity('national_id', compact);
      } catch {
        // ten digits starting with 1 or 2 that fail the check digit may still be a phone
      }
    }
    try {
      return normalizeIdentity('phone', compact);
    } catch {
      return null;
    }
  }
  return null;
}
