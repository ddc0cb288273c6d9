import { randomUUID } from 'node:crypto';
import { ChannelAccountsService } from '@inbox/channels/accounts';
import { ChannelKind, InboundMessage } from '@inbox/channels/contract';
import { IngestResult, IngestService } from '@inbox/ingest';
import { Role, TenancyService } from '@inbox/tenancy';
import { OrganizationProfileCache } from '@inbox/tickets';
import { createOrganization, dataSource, Http, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * Messages that arrive together are written by one inbox_ingest_batch() call
 * (IngestBatcher); these drive IngestService in-process, so calls made in the
 * same tick really do share batches, and check that each caller still gets
 * exactly what it would have got alone.
 */
describe('ingest of messages arriving together', () => {
  let testApp: TestApp;
  let ingest: IngestService;
  let org: TestOrganization;

  beforeAll(async () => {
    testApp = await startTestApp();
    ingest = testApp.app.get(IngestService);
    org = await createOrganization(testApp, new Http(testApp.url));
  });
  afterAll(() => testApp.close());

  const message = (over: Partial<InboundMessage> & { phone?: string } = {}): InboundMessage => {
    const { phone, ...rest } = over;
    return {
      channelKind: ChannelKind.Api,
      channelAccountId: org.api.id,
      externalId: randomUUID(),
      sender: { name: 'خالد', gender: 'male', identities: [{ kind: 'phone', value: phone ?? uniquePhone() }] },
      text: 'أرغب في الاستفسار عن موعد توزيع السلال',
      ...rest,
    };
  };
  const settle = (promise: Promise<IngestResult>) => promise.then((value) => ({ value }), (error: unknown) => ({ error: error as { code?: string } }));
  const query = <T = any>(sql: string, params: unknown[]) => dataSource(testApp).query(sql, params) as Promise<T[]>;

  it('answers thirty first messages from thirty people, each with its own contact and ticket, in fewer commits than messages', async () => {
    const messages = Array.from({ length: 30 }, () => message());
    const results = await Promise.all(messages.map((m) => ingest.ingest(m)));
    expect(results.every((r) => r.ticketCreated && r.contactCreated && !r.duplicate)).toBe(true);
    expect(new Set(results.map((r) => r.ticketId)).size).toBe(30);
    expect(new Set(results.map((r) => r.contactId)).size).toBe(30);
    const stored = await query(
      `SELECT m.id, m.external_id, m.ticket_id, m.sender_contact_id, t.reference FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ANY($1)`,
      [results.map((r) => r.messageId)],
    );
    for (const [i, result] of results.entries()) {
      expect(stored.find((s) => s.id === result.messageId)).toEqual({
        id: result.messageId, external_id: messages[i]!.externalId, ticket_id: result.ticketId, sender_contact_id: result.contactId, reference: result.ticketReference,
      });
    }
    // now() is the transaction's start: rows written by one batch share it.
    const [{ commits }] = await query(`SELECT count(DISTINCT created_at)::int AS commits FROM events WHERE type = 'ticket.created' AND ticket_id = ANY($1)`, [results.map((r) => r.ticketId)]);
    expect(commits).toBeLessThan(30);
  });

  it('fails only the malformed messages of a batch and writes nothing of them', async () => {
    const good = Array.from({ length: 6 }, () => message());
    // A gender the contacts table refuses fails inside its own savepoint; a NUL character fails the batch's JSON for everyone, so each goes again alone.
    const badGender = message({ sender: { name: 'س', gender: 'other' as 'male', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    const nul = message({ text: 'نص فيه \u0000 محرف فارغ' });
    const results = await Promise.all([...good.slice(0, 3), badGender, nul, ...good.slice(3)].map((m) => settle(ingest.ingest(m))));
    expect(results[3]).toEqual({ error: expect.objectContaining({ code: '23514' }) });
    expect(results[4]).toEqual({ error: expect.objectContaining({ code: '22P05' }) });
    const answered = [...results.slice(0, 3), ...results.slice(5)] as { value: IngestResult }[];
    expect(answered.every((r) => r.value?.ticketCreated)).toBe(true);
    const stored = await query(`SELECT external_id FROM messages WHERE channel_account_id = $1 AND external_id = ANY($2)`,
      [org.api.id, [...good, badGender, nul].map((m) => m.externalId)]);
    expect(stored.map((s) => s.external_id).sort()).toEqual(good.map((m) => m.externalId).sort());
    const strangers = await query(`SELECT 1 FROM contact_identities WHERE organization_id = $1 AND value = ANY($2)`,
      [org.id, [badGender, nul].map((m) => `+966${m.sender.identities[0]!.value.slice(1)}`)]);
    expect(strangers).toHaveLength(0);
  });

  it('answers a message delivered twice in the same batch with the first delivery, among others', async () => {
    const twice = message();
    const others = Array.from({ length: 4 }, () => message());
    const [first, second, ...rest] = await Promise.all([twice, { ...twice }, ...others].map((m) => ingest.ingest(m)));
    expect(first!.duplicate).toBe(false);
    expect(second).toEqual({ ...first, duplicate: true, ticketCreated: false, contactCreated: false });
    expect(rest.every((r) => r.ticketCreated)).toBe(true);
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM messages WHERE channel_account_id = $1 AND external_id = $2`, [org.api.id, twice.externalId]);
    expect(n).toBe(1);
  });

  it('makes one contact and one ticket of a burst from one new person mixed with other people', async () => {
    const phone = uniquePhone();
    const burst = Array.from({ length: 8 }, (_, i) => message({ phone, text: `الرسالة رقم ${i}` }));
    const others = Array.from({ length: 8 }, () => message());
    const mixed = burst.flatMap((m, i) => [m, others[i]!]);
    const results = await Promise.all(mixed.map((m) => ingest.ingest(m)));
    const mine = results.filter((_, i) => i % 2 === 0);
    expect(new Set(mine.map((r) => r.contactId)).size).toBe(1);
    expect(new Set(mine.map((r) => r.ticketId)).size).toBe(1);
    expect(mine.filter((r) => r.ticketCreated)).toHaveLength(1);
    const timeline = await query(`SELECT body FROM messages WHERE ticket_id = $1`, [mine[0]!.ticketId]);
    expect(timeline.map((m) => m.body).sort()).toEqual(burst.map((m) => m.text).sort());
  });

  it('routes a known contact of another branch with the contact\'s own branch, inside a batch', async () => {
    const tenancy = testApp.app.get(TenancyService);
    const system = { userId: org.users.admin.id, organizationId: org.id, roles: [Role.Admin], teamIds: [] };
    const riyadh = await tenancy.createBranch(system, { nameAr: 'الرياض', nameEn: 'Riyadh' });
    const jeddah = await tenancy.createBranch(system, { nameAr: 'جدة', nameEn: 'Jeddah' });
    const riyadhMen = await tenancy.createTeam(system, { nameAr: 'رجال الرياض', nameEn: 'Riyadh men', section: 'men', purpose: 'service', branchId: riyadh.id });
    await tenancy.createTeam(system, { nameAr: 'رجال جدة', nameEn: 'Jeddah men', section: 'men', purpose: 'service', branchId: jeddah.id });
    // Routing reads teams through the organization profile cache, which would otherwise see them after its TTL.
    testApp.app.get(OrganizationProfileCache).invalidate(org.id);
    const accounts = testApp.app.get(ChannelAccountsService);
    const riyadhLine = await accounts.create(system, org.id, { kind: ChannelKind.Api, name: 'riyadh line', branchId: riyadh.id });
    const jeddahLine = await accounts.create(system, org.id, { kind: ChannelKind.Api, name: 'jeddah line', branchId: jeddah.id });
    const phone = uniquePhone();
    const first = await ingest.ingest(message({ phone, channelAccountId: riyadhLine.id }));
    const [elsewhere] = await Promise.all([
      ingest.ingest(message({ phone, channelAccountId: jeddahLine.id })),
      ...Array.from({ length: 5 }, () => ingest.ingest(message({ channelAccountId: jeddahLine.id }))),
    ]);
    expect(elsewhere!.contactId).toBe(first.contactId);
    expect(elsewhere!.ticketCreated).toBe(true);
    const [ticket] = await query(`SELECT branch_id, team_id FROM tickets WHERE id = $1`, [elsewhere!.ticketId]);
    expect(ticket).toEqual({ branch_id: riyadh.id, team_id: riyadhMen.id });
  });

  it('recognises a known sender by any of their identities inside a batch, and stores the ones not seen before', async () => {
    const phone = uniquePhone();
    const email = `khalid-${randomUUID().slice(0, 8)}@example.org`;
    const first = await ingest.ingest(message({ phone }));
    const withEmail = message({ sender: { name: 'خالد', gender: 'male', identities: [{ kind: 'email', value: email }, { kind: 'phone', value: phone }] } });
    const [both] = await Promise.all([ingest.ingest(withEmail), ...Array.from({ length: 5 }, () => ingest.ingest(message()))]);
    expect(both!.contactId).toBe(first.contactId);
    expect(both!.contactCreated).toBe(false);
    // The same number as a WhatsApp id, and the new email alone: still the same person.
    const [byWhatsApp, byEmail] = await Promise.all([
      ingest.ingest(message({ sender: { identities: [{ kind: 'whatsapp', value: `966${phone.slice(1)}@c.us` }] } })),
      ingest.ingest(message({ sender: { identities: [{ kind: 'email', value: email.toUpperCase() }] } })),
      ...Array.from({ length: 5 }, () => ingest.ingest(message())),
    ]);
    expect([byWhatsApp!.contactId, byEmail!.contactId]).toEqual([first.contactId, first.contactId]);
    const identities = await query(`SELECT kind, value FROM contact_identities WHERE contact_id = $1 ORDER BY kind`, [first.contactId]);
    expect(identities.map((i) => i.kind)).toEqual(['email', 'phone', 'whatsapp']);
    expect(identities.find((i) => i.kind === 'email')!.value).toBe(email);
  });
});
