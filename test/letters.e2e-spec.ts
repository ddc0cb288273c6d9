import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind } from '@inbox/channels/contract';
import { hijriYear } from '@inbox/core';
import { createOrganization, dataSource, Http, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

jest.setTimeout(60_000);

const SCAN = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
/** A 1x1 PNG, for the letterhead logo. */
const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The PDF's text as pdftotext (poppler-utils) reads it, without the bidi marks it adds around RTL runs. */
function pdfText(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'letter-')), 'letter.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\u202a-\u202e\u200e\u200f]/g, '');
}

/**
 * The correspondence register: incoming letters numbered per Hijri year with
 * their scanned pages on a ticket; outgoing letters from a template printed
 * to PDF by Chromium on the letterhead (checked with pdftotext for their
 * Arabic text and number), dispatched by hand or email; numbering per branch.
 */
describe('letters', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  const year = hijriYear(new Date(), 'Asia/Riyadh');

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const settings = await http.request('PUT', '/admin/letters/settings', {
      token: org.users.admin.token,
      body: { letterheadLines: ['ترخيص المركز الوطني لتنمية القطاع غير الربحي رقم 1234', 'الرياض — حي النخيل'], footer: 'هاتف 920000000', logoBase64: LOGO.toString('base64') },
    });
    expect(settings.status).toBe(200);
  });
  afterAll(() => testApp.close());

  async function incoming(phone: string, extra: Record<string, unknown> = {}) {
    return http.post('/letters/incoming', {
      sender: 'وزارة الموارد البشرية والتنمية الاجتماعية', senderReference: '45/ق/1446', subject: 'طلب إفادة عن أسرة مستفيدة', attachmentsCount: 2,
      phone, contactName: 'أبو خالد', letterDate: '2024-12-01', notes: 'وصل باليد إلى الاستقبال',
      pages: [{ fileName: 'scan-1.pdf', contentBase64: SCAN.toString('base64') }], ...extra,
    }, org.users.agentMen.token);
  }

  it('registers incoming letters with the next number of the Hijri year, their pages on a ticket', async () => {
    const phone = uniquePhone();
    const first = await incoming(phone);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ direction: 'incoming', letterDate: '2024-12-01', attachmentsCount: 2, correspondentReference: '45/ق/1446' });
    expect(first.body.number).toMatch(new RegExp(`^${year}/\\d{4}$`));
    expect(first.body.displayNumber).toBe(`و ${first.body.number}`);
    expect(first.body.hijriDate).toContain('1446');
    const second = await incoming(uniquePhone());
    expect(Number(second.body.number.split('/')[1])).toBe(Number(first.body.number.split('/')[1]) + 1);

    const ticket = await http.get(`/tickets/${first.body.ticketId}`, org.users.supervisor.token);
    expect(ticket.body.ticket.channelKind).toBe('letter');
    expect(ticket.body.contact.identities.map((i: { value: string }) => i.value)).toContain(phone.replace(/^0/, '+966'));
    const [message] = ticket.body.messages;
    expect(message.body).toContain(`خطاب وارد رقم ${first.body.number}`);
    expect(message.attachments).toEqual([expect.objectContaining({ fileName: 'scan-1.pdf', contentType: 'application/pdf' })]);
    expect(message.metadata.letter).toMatchObject({ number: first.body.number, sender: 'وزارة الموارد البشرية والتنمية الاجتماعية', pages: 1 });
    // A letter from someone nobody can file it under, or a page that is not a scan, is refused.
    expect((await http.post('/letters/incoming', { sender: 'x', subject: 'y', attachmentsCount: 0 }, org.users.agentMen.token)).status).toBe(400);
    const bad = await incoming(uniquePhone(), { pages: [{ fileName: 'virus.pdf', contentBase64: Buffer.from('MZ....').toString('base64') }] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('pages.0');
  });

  it('prints an outgoing letter from a template on the letterhead, with its number and Arabic text', async () => {
    const received = await incoming(uniquePhone());
    const template = await http.post('/admin/letters/templates', {
      name: 'رد على جهة حكومية', locale: 'ar', subject: 'إفادة بخصوص {{contact.name}}',
      body: 'إشارة إلى خطابكم، نفيدكم بأن الأسرة مسجلة لدى {{organization.name}} برقم الطلب {{ticket.reference}}.\n\nونأمل التكرم بالاطلاع.',
    }, org.users.admin.token);
    expect(template.status).toBe(201);
    const started = Date.now();
    const letter = await http.post('/letters/outgoing', {
      ticketId: received.body.ticketId, templateId: template.body.id, recipient: { name: 'سعادة مدير مكتب الضمان الاجتماعي' }, attachmentsCount: 1, senderTitle: 'المدير التنفيذي',
    }, org.users.agentMen.token);
    expect(letter.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(letter.body).toMatchObject({ direction: 'outgoing', subject: 'إفادة بخصوص أبو خالد', correspondent: 'سعادة مدير مكتب الضمان الاجتماعي' });
    expect(letter.body.number).toMatch(new RegExp(`^${year}/\\d{4}$`));

    const pdf = await fetch(`${testApp.url}/api/v1/letters/${letter.body.id}/pdf`, { headers: { authorization: `Bearer ${org.users.agentMen.token}` } });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes);
    const reference = (await http.get(`/tickets/${received.body.ticketId}`, org.users.agentMen.token)).body.ticket.reference;
    const [{ name_ar: organizationName }] = await dataSource(testApp).query(`SELECT name_ar FROM organizations WHERE id = $1`, [org.id]);
    // Shaped Arabic comes back as the letters it was written with, in reading order.
    for (const phrase of [
      organizationName, 'إفادة بخصوص أبو خالد', 'سعادة مدير مكتب الضمان الاجتماعي', 'ونأمل التكرم بالاطلاع', 'المدير التنفيذي',
      'ترخيص المركز الوطني لتنمية القطاع غير الربحي', 'المرفقات', letter.body.number, reference,
    ]) {
      expect(text).toContain(phrase);
    }
    // The letter's Hijri date is on it, beside the Gregorian one.
    expect(text).toMatch(new RegExp(`${year}\\s*هـ`));

    const ticket = await http.get(`/tickets/${received.body.ticketId}`, org.users.agentMen.token);
    const stored = ticket.body.messages.find((m: { id: string }) => m.id === letter.body.messageId);
    expect(stored).toMatchObject({ direction: 'outbound', deliveryStatus: null });
    expect(stored.attachments[0]).toMatchObject({ contentType: 'application/pdf', fileName: `letter-${letter.body.number.replace('/', '-')}.pdf` });
    expect(ticket.body.ticket.status).toBe('open');
  });

  it('prints English letters left to right, and dispatches by hand once', async () => {
    const received = await incoming(uniquePhone());
    const letter = await http.post('/letters/outgoing', {
      ticketId: received.body.ticketId, locale: 'en', subject: 'Confirmation of registration', body: 'We confirm that {{recipient.name}} is registered under {{ticket.reference}}.',
      recipient: { name: 'Mr. Omar Khan' },
    }, org.users.agentMen.token);
    expect(letter.status).toBe(201);
    const bytes = Buffer.from(await (await fetch(`${testApp.url}/api/v1/letters/${letter.body.id}/pdf`, { headers: { authorization: `Bearer ${org.users.agentMen.token}` } })).arrayBuffer());
    expect(pdfText(bytes)).toContain('We confirm that Mr. Omar Khan is registered under T-');

    const dispatched = await http.post(`/letters/${letter.body.id}/dispatch`, { method: 'hand', at: '2024-12-02T09:00:00.000Z' }, org.users.agentMen.token);
    expect(dispatched.status).toBe(201);
    expect(dispatched.body).toMatchObject({ dispatchMethod: 'hand', dispatchedAt: '2024-12-02T09:00:00.000Z' });
    expect((await http.post(`/letters/${letter.body.id}/dispatch`, { method: 'post' }, org.users.agentMen.token)).status).toBe(409);
    const ticket = await http.get(`/tickets/${received.body.ticketId}`, org.users.agentMen.token);
    expect(ticket.body.messages.find((m: { id: string }) => m.id === letter.body.messageId)).toMatchObject({ deliveryStatus: 'sent' });
  });

  it('emails a letter as a PDF through the association’s email channel', async () => {
    const email = `beneficiary-${randomUUID().slice(0, 8)}@example.org`;
    const received = await incoming(uniquePhone(), { email });
    const letter = await http.post('/letters/outgoing', { ticketId: received.body.ticketId, subject: 'رد', body: 'نفيدكم بالموافقة.' }, org.users.agentMen.token);
    // No email channel yet: the letter cannot be emailed, and says why.
    const refused = await http.post(`/letters/${letter.body.id}/dispatch`, { method: 'email' }, org.users.agentMen.token);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('no email channel');
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: ['admin' as const], teamIds: [] };
    await testApp.app.get(ChannelAccountsService).create(system, org.id, {
      kind: ChannelKind.Email, name: 'البريد', enabled: true,
      settings: { address: 'info@assoc.invalid', imap: { host: 'imap.assoc.invalid', port: 993, secure: true, user: 'info' }, smtp: { host: 'smtp.assoc.invalid', port: 465, secure: true, user: 'info' } },
    });
    const sent = await http.post(`/letters/${letter.body.id}/dispatch`, { method: 'email' }, org.users.agentMen.token);
    expect(sent.status).toBe(201);
    const [message] = await dataSource(testApp).query(
      `SELECT m.direction, m.attachments, m.metadata, i.value FROM messages m JOIN contact_identities i ON i.id = (m.metadata ->> 'toIdentityId')::uuid WHERE m.id = $1`,
      [sent.body.emailedMessageId],
    );
    expect(message).toMatchObject({ direction: 'outbound', value: email });
    expect(message.attachments).toEqual([expect.objectContaining({ contentType: 'application/pdf', storageKey: letter.body.pdf.storageKey })]);
  });

  it('numbers per branch when the organization says so', async () => {
    const token = org.users.admin.token;
    const jeddah = (await http.post('/admin/branches', { nameAr: 'فرع جدة', nameEn: 'Jeddah' }, token)).body.id;
    const makkah = (await http.post('/admin/branches', { nameAr: 'فرع مكة', nameEn: 'Makkah' }, token)).body.id;
    expect((await http.request('PUT', '/admin/letters/settings', { token, body: { numberPerBranch: true } })).status).toBe(200);
    try {
      const a = await incoming(uniquePhone(), { branchId: jeddah });
      const b = await incoming(uniquePhone(), { branchId: makkah });
      const c = await incoming(uniquePhone(), { branchId: jeddah });
      expect([a.body.number, b.body.number, c.body.number]).toEqual([`${year}/0001`, `${year}/0001`, `${year}/0002`]);
      expect(a.body.branchId).toBe(jeddah);
      const listed = await http.get('/letters?direction=incoming&limit=200', org.users.supervisor.token);
      expect(listed.body.filter((l: { branchId: string }) => l.branchId === jeddah).map((l: { number: string }) => l.number)).toEqual([`${year}/0002`, `${year}/0001`]);
    } finally {
      await http.request('PUT', '/admin/letters/settings', { token, body: { numberPerBranch: false } });
    }
  });
});
