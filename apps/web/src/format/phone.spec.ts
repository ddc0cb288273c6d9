import { formatIdentity, formatPhone } from './phone';

describe('phone numbers for display', () => {
  it('groups Saudi mobile and landline numbers as they are read aloud', () => {
    expect(formatPhone('+966501234567')).toBe('+966 50 123 4567');
    expect(formatPhone('+966112345678')).toBe('+966 11 234 5678');
  });

  it('leaves other numbers and other identities as stored', () => {
    expect(formatPhone('+447700900123')).toBe('+447700900123');
    expect(formatIdentity('email', 'a@example.org')).toBe('a@example.org');
    expect(formatIdentity('whatsapp', '+966501234567')).toBe('+966 50 123 4567');
  });
});
