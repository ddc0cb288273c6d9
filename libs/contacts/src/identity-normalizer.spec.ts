import { InvalidError } from '@inbox/core';
import { identityFromQuery, normalizeEmail, normalizeNationalId, normalizePhone, normalizeWhatsApp } from './identity-normalizer';

describe('normalizePhone', () => {
  it.each([
    '0509994514',
    '509994514',
    '966509994514',
    '+966 50 999 4514',
    '00966509994514',
    '٠٥٠٩٩٩٤٥١٤',
    '+٩٦٦٥٠٩٩٩٤٥١٤',
    '050-999-4514',
    '(050) 999 4514',
  ])('reads %s as +966509994514', (raw) => {
    expect(normalizePhone(raw)).toBe('+966509994514');
  });

  it('keeps other countries in E.164', () => {
    expect(normalizePhone('+20 100 123 4567')).toBe('+201001234567');
  });

  it.each(['12', 'abc', '+966 12', '05099945141234'])('refuses %s and names the field', (raw) => {
    expect(() => normalizePhone(raw, 'from.phone')).toThrow(InvalidError);
    try {
      normalizePhone(raw, 'from.phone');
    } catch (error) {
      expect((error as InvalidError).details).toEqual({ field: 'from.phone' });
    }
  });
});

describe('normalizeEmail', () => {
  it('lower-cases and trims', () => {
    expect(normalizeEmail('  Sara.Ali@Example.ORG ')).toBe('sara.ali@example.org');
  });
  it.each(['sara', 'sara@', '@example.org', 'sara@example', 'a b@example.org'])('refuses %s', (raw) => {
    expect(() => normalizeEmail(raw)).toThrow(InvalidError);
  });
});

describe('normalizeNationalId', () => {
  it('accepts a valid id written in Arabic-Indic digits', () => {
    expect(normalizeNationalId('١٠٠٠٠٠٠٠٠٨')).toBe('1000000008');
  });
  it('refuses a wrong check digit or a wrong first digit', () => {
    expect(() => normalizeNationalId('1000000009')).toThrow(InvalidError);
    expect(() => normalizeNationalId('3000000008')).toThrow(InvalidError);
  });
});

describe('normalizeWhatsApp', () => {
  it('reads whatsapp-web.js ids', () => {
    expect(normalizeWhatsApp('966509994514@c.us')).toBe('+966509994514');
  });
});

describe('identityFromQuery', () => {
  it('recognises phones, emails and national ids', () => {
    expect(identityFromQuery('٠٥٠٩٩٩٤٥١٤')).toEqual({ kind: 'phone', value: '+966509994514' });
    expect(identityFromQuery('Sara@Example.org')).toEqual({ kind: 'email', value: 'sara@example.org' });
    expect(identityFromQuery('1000000008')).toEqual({ kind: 'national_id', value: '1000000008' });
  });
  it('leaves words alone', () => {
    expect(identityFromQuery('سلة غذائية')).toBeNull();
  });
});
