import { randomUUID } from 'node:crypto';
import { Role, TenancyService } from '@inbox/tenancy';
import { createOrganization, dataSource, Http, inbound, PASSWORD, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

/** A 1x1 JPEG-signature photo (the first bytes are what the server checks). */
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]);

/** A valid Saudi national id (Luhn) nobody else in the run uses. */
function uniqueNationalId(): string {
  const body = `1${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  for (let check = 0; check <= 9; check++) {
    const value = `${body}${check}`;
    const sum = [...value].reverse().reduce((total, c, i) => {
      const d = Number(c) * (i % 2 ? 2 : 1);
      return total + (d > 9 ? d - 9 : d);
    }, 0);
    if (sum % 10 === 0) return value;
  }
  throw new Error('unreachable');
}

/**
 * Branch delegates over the API their phone page uses: finding a
 * beneficiary, logging a visit for a new person with photos and position
 * (a field-visit ticket routed to the branch's section), and the same
 * entry sent again or at once by an offline queue, written once.
 */
describe('branch delegates', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let delegate: { id: string; token: string };
  let branchId: string;
  let branchMen: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    branchId = (await tenancy.createBranch(system, { nameAr: 'فرع الخرج', nameEn: 'Al-Kharj branch', city: 'الخرج' })).id;
    branchMen = (await tenancy.createTeam(system, { nameAr: 'رجال الخرج', nameEn: 'Al-Kharj men', section: 'men', purpose: 'service', branchId })).id;
    const user = await tenancy.createUser(null, org.id, { email: `field-${randomUUID().slice(0, 8)}@example.org`, name: 'فهد الدوسري', password: PASSWORD, roles: [Role.Delegate], branchId });
    await tenancy.setMembers(system, branchMen, [{ userId: user.id }]);
    delegate = { id: user.id, token: await http.login(user.email) };
  });
  afterAll(() => testApp.close());

  it('finds a beneficiary by phone or national id, and says when there is none', async () => {
    const phone = uniquePhone();
    const nationalId = uniqueNationalId();
    await inbound(http, org, { externalId: randomUUID(), text: 'سؤال', sender: { name: 'ناصر العتيبي', gender: 'male', identities: [{ kind: 'phone', value: phone }, { kind: 'national_id', value: nationalId }] } });
    const byPhone = await http.get(`/delegate/beneficiaries?phone=${encodeURIComponent(phone)}`, delegate.token);
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.beneficiary).toMatchObject({ name: 'ناصر العتيبي', gender: 'male' });
    expect(byPhone.body.beneficiary.identities.map((i: { value: string }) => i.value).sort()).toEqual([phone.replace(/^0/, '+966'), nationalId].sort());
    const byId = await http.get(`/delegate/beneficiaries?nationalId=${nationalId}`, delegate.token);
    expect(byId.body.beneficiary.id).toBe(byPhone.body.beneficiary.id);
    expect((await http.get(`/delegate/beneficiaries?phone=${uniquePhone()}`, delegate.token)).body).toEqual({ beneficiary: null });
    expect((await http.get('/delegate/beneficiaries?phone=123', delegate.token)).status).toBe(400);
    // Only staff who go out or receive walk-ins; a complaints officer is not one.
    expect((await http.get(`/delegate/beneficiaries?phone=${phone}`, org.users.officer.token)).status).toBe(403);
  });

  it('logs an eligibility visit for a new person: a field-visit ticket of the branch’s section, with photos and position', async () => {
    const nationalId = uniqueNationalId();
    const entry = await http.post('/delegate/entries', {
      clientKey: randomUUID(), kind: 'eligibility_visit', occurredAt: '2024-11-20T08:30:00.000Z',
      person: { name: 'محمد بن سعد', gender: 'male', nationalId, phone: uniquePhone() },
      notes: 'الأسرة مكونة من ستة أفراد، المنزل مستأجر، يحتاجون إلى مكيف.',
      photos: [{ fileName: 'المنزل.jpg', contentBase64: PHOTO.toString('base64') }],
      position: { latitude: 24.1556, longitude: 47.3120, accuracyMeters: 12 },
    }, delegate.token);
    expect(entry.status).toBe(201);
    expect(entry.body.duplicate).toBe(false);
    const ticket = await http.get(`/tickets/${entry.body.ticketId}`, delegate.token);
    expect(ticket.status).toBe(200);
    expect(ticket.body.ticket).toMatchObject({ type: 'field_visit', channelKind: 'field', teamId: branchMen, branchId });
    expect(ticket.body.contact).toMatchObject({ name: 'محمد بن سعد', gender: 'male' });
    const [message] = ticket.body.messages;
    expect(message.body).toBe('زيارة دراسة استحقاق\nالأسرة مكونة من ستة أفراد، المنزل مستأجر، يحتاجون إلى مكيف.');
    expect(message.sentAt).toBe('2024-11-20T08:30:00.000Z');
    expect(message.attachments).toEqual([expect.objectContaining({ fileName: 'المنزل.jpg', contentType: 'image/jpeg' })]);
    expect(message.metadata.field).toMatchObject({ kind: 'eligibility_visit', delegateId: delegate.id, position: { latitude: 24.1556, longitude: 47.312, accuracyMeters: 12 } });

    // The next visit to the same person joins their open field ticket.
    const walkIn = await http.post('/delegate/entries', {
      clientKey: randomUUID(), kind: 'walk_in', occurredAt: new Date().toISOString(), contactId: entry.body.contactId, notes: 'حضر لاستكمال الأوراق',
    }, delegate.token);
    expect(walkIn.body.ticketId).toBe(entry.body.ticketId);
    const newMatter = await http.post('/delegate/entries', {
      clientKey: randomUUID(), kind: 'walk_in', occurredAt: new Date().toISOString(), contactId: entry.body.contactId, notes: 'طلب جديد: كفالة يتيم', newTicket: true,
    }, delegate.token);
    expect(newMatter.body.ticketId).not.toBe(entry.body.ticketId);
  });

  it('writes an entry once however many times an offline queue sends it, even at once', async () => {
    const clientKey = randomUUID();
    const body = { clientKey, kind: 'field_contact', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), person: { phone: uniquePhone() }, notes: `زيارة ${clientKey}` };
    const answers = await Promise.all(Array.from({ length: 5 }, () => http.post('/delegate/entries', body, delegate.token)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.messageId)).size).toBe(1);
    expect(answers.filter((a) => !a.body.duplicate)).toHaveLength(1);
    const later = await http.post('/delegate/entries', body, delegate.token);
    expect(later.body).toMatchObject({ duplicate: true, messageId: answers[0]!.body.messageId });
    const db = dataSource(testApp);
    expect((await db.query(`SELECT count(*)::int AS n FROM messages WHERE organization_id = $1 AND body LIKE $2`, [org.id, `%${clientKey}%`]))[0].n).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM field_entries WHERE client_key = $1`, [clientKey]))[0].n).toBe(1);
    const recent = await http.get('/delegate/entries', delegate.token);
    expect(recent.body.map((e: { clientKey: string }) => e.clientKey)).toContain(clientKey);
  });

  it('refuses what it cannot file: no person, a photo that is not one', async () => {
    expect((await http.post('/delegate/entries', { clientKey: randomUUID(), kind: 'walk_in', occurredAt: new Date().toISOString(), notes: 'x' }, delegate.token)).body.field).toBe('person');
    const photo = await http.post('/delegate/entries', {
      clientKey: randomUUID(), kind: 'walk_in', occurredAt: new Date().toISOString(), notes: 'x', person: { phone: uniquePhone() },
      photos: [{ fileName: 'photo.jpg', contentBase64: Buffer.from('<html>').toString('base64') }],
    }, delegate.token);
    expect(photo.status).toBe(400);
    expect(photo.body.field).toBe('photos.0');
  });
});
