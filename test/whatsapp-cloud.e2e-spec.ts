import { randomBytes } from 'node:crypto';
import { cloudWebhook, FakeGraph, postWebhook, startFakeGraph } from './helpers/fake-graph';
import { createOrganization, dataSource, eventually, Http, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';

/**
 * The Cloud API channel end to end: Meta's webhook handshake and signed
 * events in, replies out through a local stand-in for the Graph API, statuses
 * back to the timeline, the 24-hour window and its templates.
 */
describe('WhatsApp through the Cloud API', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let graph: FakeGraph;
  let accountId: string;
  const phoneNumberId = '106540352242922';
  const appSecret = randomBytes(16).toString('hex');
  const verifyToken = 'verify-me-please';
  let seq = 0;
  const wamid = () => `wamid.HBgMOTY2NTAxMjM0NTY3FQIAEhgU${Date.now()}${++seq}`;
  const now = () => String(Math.floor(Date.now() / 1000));
  const from = `966${uniquePhone().slice(1)}`;
  const profile = [{ profile: { name: 'أبو فهد' }, wa_id: from }];
  const db = () => dataSource(testApp);
  const messagesOf = (externalId: string) => db().query(`SELECT m.*, t.id AS ticket FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.external_id = $1`, [externalId]);

  beforeAll(async () => {
    graph = await startFakeGraph();
    testApp = await startTestApp();
    http = new Http(testApp.url);
    org = await createOrganization(testApp, http);
    const created = await http.post('/admin/channel-accounts', {
      kind: 'whatsapp_cloud', name: 'واتساب الجمعية',
      settings: { phoneNumberId, businessAccountId: '102290129340398', graphUrl: graph.url, graphVersion: graph.version, maxMediaBytes: 64 * 1024 },
      secrets: { accessToken: graph.token, appSecret, verifyToken },
    }, org.users.admin.token);
    expect(created.status).toBe(201);
    accountId = created.body.id;
  });
  afterAll(async () => {
    await testApp?.close();
    await graph?.close();
  });

  it('refuses an account without its number and secrets', async () => {
    const response = await http.post('/admin/channel-accounts', { kind: 'whatsapp_cloud', name: 'x', settings: { phoneNumberId } }, org.users.admin.token);
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('appSecret');
  });

  it('answers Meta\'s verification handshake only with the verify token', async () => {
    const url = (token: string) => `${testApp.url}/api/v1/channels/whatsapp/${accountId}/webhook?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
    const right = await fetch(url(verifyToken));
    expect(right.status).toBe(200);
    expect(await right.text()).toBe('1158201444');
    expect((await fetch(url('guess'))).status).toBe(403);
    expect((await fetch(`${testApp.url}/api/v1/channels/whatsapp/${org.api.id}/webhook?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=1`)).status).toBe(404);
  });

  it('refuses a forged signature and ingests nothing', async () => {
    const id = wamid();
    const payload = cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id, timestamp: now(), type: 'text', text: { body: 'مزور' } }] });
    expect((await postWebhook(testApp.url, accountId, appSecret, payload, `sha256=${'0'.repeat(64)}`)).status).toBe(403);
    expect((await postWebhook(testApp.url, accountId, 'another-secret', payload)).status).toBe(403);
    const unsigned = await fetch(`${testApp.url}/api/v1/channels/whatsapp/${accountId}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    expect(unsigned.status).toBe(403);
    expect(await messagesOf(id)).toEqual([]);
  });

  it('turns a text into a ticket of the sender, once however often Meta delivers it', async () => {
    const id = wamid();
    const payload = cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id, timestamp: now(), type: 'text', text: { body: 'السلام عليكم، متى يصرف الدعم؟' } }] });
    expect(await postWebhook(testApp.url, accountId, appSecret, payload)).toMatchObject({ status: 200, body: { messages: 1 } });
    expect((await postWebhook(testApp.url, accountId, appSecret, payload)).status).toBe(200);
    const rows = await messagesOf(id);
    expect(rows).toHaveLength(1);
    const detail = await http.get(`/tickets/${rows[0].ticket}`, org.users.admin.token);
    expect(detail.body.ticket.channelKind).toBe('whatsapp_cloud');
    expect(detail.body.contact.name).toBe('أبو فهد');
    expect(detail.body.contact.identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)).toEqual(expect.arrayContaining([`phone:+${from}`]));
    expect(detail.body.messages[0]).toMatchObject({ body: 'السلام عليكم، متى يصرف الدعم؟', metadata: { whatsapp: { type: 'text', id, from } } });
  });

  it('stores media within the limit, notes what it could not store, and reads every other kind', async () => {
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
    graph.media.set('1481294252637121', { bytes: photo, mimeType: 'image/jpeg' });
    graph.media.set('2222', { bytes: randomBytes(100), mimeType: 'video/mp4', announcedSize: 50 * 1024 * 1024 });
    graph.media.set('3333', { bytes: Buffer.from('OggS voice'), mimeType: 'audio/ogg; codecs=opus' });
    graph.media.set('4444', { bytes: Buffer.from('%PDF-1.4 doc'), mimeType: 'application/pdf' });
    const quoted = wamid();
    const ids = { image: wamid(), video: wamid(), voice: wamid(), document: wamid(), location: wamid(), contacts: wamid(), reaction: wamid(), sticker: wamid(), unsupported: wamid(), reply: wamid() };
    await postWebhook(testApp.url, accountId, appSecret, cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id: quoted, timestamp: now(), type: 'text', text: { body: 'أول' } }] }));
    const payload = cloudWebhook(phoneNumberId, {
      contacts: profile,
      messages: [
        { from, id: ids.image, timestamp: now(), type: 'image', image: { caption: 'صورة الهوية', mime_type: 'image/jpeg', sha256: 'x', id: '1481294252637121' } },
        { from, id: ids.video, timestamp: now(), type: 'video', video: { mime_type: 'video/mp4', sha256: 'x', id: '2222' } },
        { from, id: ids.voice, timestamp: now(), type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'x', id: '3333', voice: true } },
        { from, id: ids.document, timestamp: now(), type: 'document', document: { filename: 'صك.pdf', mime_type: 'application/pdf', sha256: 'x', id: '4444' } },
        { from, id: ids.sticker, timestamp: now(), type: 'sticker', sticker: { mime_type: 'image/webp', sha256: 'x', id: 'missing-on-graph', animated: false } },
        { from, id: ids.location, timestamp: now(), type: 'location', location: { latitude: 24.7136, longitude: 46.6753, name: 'مقر الجمعية', address: 'الرياض' } },
        { from, id: ids.contacts, timestamp: now(), type: 'contacts', contacts: [{ name: { formatted_name: 'خالد', first_name: 'خالد' }, phones: [{ phone: '+966 50 111 2222', wa_id: '966501112222', type: 'CELL' }] }] },
        { from, id: ids.reaction, timestamp: now(), type: 'reaction', reaction: { message_id: quoted, emoji: '👍' } },
        { from, id: ids.unsupported, timestamp: now(), type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown' }] },
        { from, id: ids.reply, timestamp: now(), type: 'text', context: { from, id: quoted }, text: { body: 'ردًا على رسالتي' } },
        { from, timestamp: now(), type: 'text', text: { body: 'بلا معرف' } },
      ],
    });
    const answer = await postWebhook(testApp.url, accountId, appSecret, payload);
    const parked = await db().query(`SELECT reason FROM whatsapp_parked_events WHERE channel_account_id = $1`, [accountId]);
    expect({ answer, parked: parked.map((p: { reason: string }) => p.reason) }).toEqual({ answer: { status: 200, body: { messages: 10, statuses: 0, parked: 1 } }, parked: ['a message without id, from or type'] });
    const one = async (id: string) => (await messagesOf(id))[0];
    expect((await one(ids.image)).attachments).toEqual([expect.objectContaining({ contentType: 'image/jpeg', size: photo.length })]);
    expect((await one(ids.image)).body).toBe('صورة الهوية');
    expect((await one(ids.video)).attachments).toEqual([]);
    expect((await one(ids.video)).metadata.whatsapp.mediaSkipped).toMatchObject({ reason: `larger than ${64 * 1024} bytes`, size: 50 * 1024 * 1024 });
    expect((await one(ids.voice)).metadata.whatsapp.type).toBe('voice');
    expect((await one(ids.voice)).attachments[0]).toMatchObject({ contentType: 'audio/ogg; codecs=opus' });
    expect((await one(ids.document)).attachments[0]).toMatchObject({ fileName: 'صك.pdf', contentType: 'application/pdf' });
    expect((await one(ids.sticker)).metadata.whatsapp.mediaSkipped.reason).toContain('does not exist');
    expect((await one(ids.location)).metadata.whatsapp.location).toEqual({ latitude: 24.7136, longitude: 46.6753, name: 'مقر الجمعية', address: 'الرياض' });
    expect((await one(ids.location)).body).toBe('مقر الجمعية — الرياض');
    expect((await one(ids.video)).body).toBe('[video]');
    expect((await one(ids.video)).metadata.whatsapp.placeholder).toBe(true);
    expect((await one(ids.contacts)).metadata.whatsapp.contacts).toEqual([{ name: 'خالد', phones: ['+966 50 111 2222'] }]);
    expect((await one(ids.reaction)).metadata.whatsapp).toMatchObject({ type: 'reaction', quotedId: quoted });
    expect((await one(ids.unsupported)).metadata.whatsapp).toMatchObject({ type: 'unsupported', unsupportedType: 'Message type unknown' });
    expect((await one(ids.reply)).metadata.whatsapp.quotedId).toBe(quoted);
    expect((await one(ids.reply)).ticket).toBe((await one(quoted)).ticket);
  });

  it('replies through the Graph API quoting the last message, and follows its statuses to read; a failure keeps the reason', async () => {
    const id = wamid();
    await postWebhook(testApp.url, accountId, appSecret, cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id, timestamp: now(), type: 'text', text: { body: 'هل وصل طلبي؟' } }] }));
    const [{ ticket }] = await messagesOf(id);
    const reply = await http.post(`/tickets/${ticket}/messages`, { body: 'نعم، وصل وهو قيد الدراسة' }, org.users.admin.token);
    expect(reply.status).toBe(201);
    const sent = await eventually(async () => (await db().query(`SELECT external_id, delivery_status FROM messages WHERE id = $1 AND delivery_status = 'sent'`, [reply.body.id]))[0], 15_000);
    const request = graph.sent.find((s) => s.body.text?.body === 'نعم، وصل وهو قيد الدراسة')!;
    expect(request).toMatchObject({ phoneNumberId, body: { messaging_product: 'whatsapp', to: from, type: 'text' } });
    expect(request.body.context?.message_id).toMatch(/^wamid\./);
    const status = (s: string, extra: Record<string, unknown> = {}) => cloudWebhook(phoneNumberId, {
      statuses: [{ id: sent.external_id, status: s, timestamp: now(), recipient_id: from, conversation: { id: 'c', origin: { type: 'service' } }, pricing: { billable: false, category: 'service' }, ...extra }],
    });
    await postWebhook(testApp.url, accountId, appSecret, status('delivered'));
    await postWebhook(testApp.url, accountId, appSecret, status('read'));
    await postWebhook(testApp.url, accountId, appSecret, status('delivered'));
    const timeline = await http.get(`/tickets/${ticket}`, org.users.admin.token);
    expect(timeline.body.messages.find((m: { id: string }) => m.id === reply.body.id).deliveryStatus).toBe('read');

    const second = await http.post(`/tickets/${ticket}/messages`, { body: 'رسالة ثانية' }, org.users.admin.token);
    const secondSent = await eventually(async () => (await db().query(`SELECT external_id FROM messages WHERE id = $1 AND delivery_status = 'sent'`, [second.body.id]))[0], 15_000);
    await postWebhook(testApp.url, accountId, appSecret, cloudWebhook(phoneNumberId, {
      statuses: [{ id: secondSent.external_id, status: 'failed', timestamp: now(), recipient_id: from, errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'The recipient is not on WhatsApp' } }] }],
    }));
    const [failed] = await db().query(`SELECT delivery_status, failure_reason FROM messages WHERE id = $1`, [second.body.id]);
    expect(failed).toEqual({ delivery_status: 'failed', failure_reason: 'Message undeliverable: The recipient is not on WhatsApp' });
  });

  it('uploads a reply\'s photo to the Graph API and sends it as an image after the text', async () => {
    const id = wamid();
    await postWebhook(testApp.url, accountId, appSecret, cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id, timestamp: now(), type: 'text', text: { body: 'أين المقر؟' } }] }));
    const [{ ticket }] = await messagesOf(id);
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), randomBytes(300)]);
    const reply = await http.post(`/tickets/${ticket}/messages`, {
      body: 'هذه خريطة المقر', attachments: [{ fileName: 'map.png', contentType: 'image/png', contentBase64: photo.toString('base64') }],
    }, org.users.admin.token);
    expect(reply.status).toBe(201);
    const image = await eventually(async () => graph.sent.find((s) => s.body.type === 'image'), 15_000);
    expect(graph.uploads.at(-1)).toMatchObject({ phoneNumberId, contentType: expect.stringContaining('multipart/form-data') });
    expect(graph.uploads.at(-1)!.size).toBeGreaterThan(photo.length);
    expect(image.body).toMatchObject({ to: from, image: { id: expect.any(String) } });
    expect(graph.sent.find((s) => s.body.text?.body === 'هذه خريطة المقر')).toBeTruthy();
  });

  it('outside the 24-hour window takes only an approved template, and says why', async () => {
    graph.templates.push(
      { name: 'request_update', language: 'ar', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'مرحبًا {{1}}، لدينا تحديث على طلبك رقم {{2}}. ردّ على هذه الرسالة لمتابعة المحادثة.' }] },
      { name: 'draft_one', language: 'ar', status: 'PENDING', category: 'UTILITY', components: [{ type: 'BODY', text: 'لم يعتمد' }] },
    );
    const id = wamid();
    await postWebhook(testApp.url, accountId, appSecret, cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id, timestamp: now(), type: 'text', text: { body: 'شكرًا' } }] }));
    const [{ ticket }] = await messagesOf(id);
    expect((await http.get(`/tickets/${ticket}/reply-window`, org.users.admin.token)).body).toMatchObject({ channelKind: 'whatsapp_cloud', open: true });
    // A day and an hour later.
    await db().query(`UPDATE messages SET created_at = created_at - interval '25 hours' WHERE channel_account_id = $1 AND direction = 'inbound'`, [accountId]);
    const window = (await http.get(`/tickets/${ticket}/reply-window`, org.users.admin.token)).body;
    expect(window).toMatchObject({ open: false, templates: [{ name: 'request_update', language: 'ar', parameters: 2 }] });
    expect(window.templates).toHaveLength(1);
    const refused = await http.post(`/tickets/${ticket}/messages`, { body: 'هل ما زلت هنا؟' }, org.users.admin.token);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'body', message: expect.stringContaining('24 hours') });
    expect((await http.post(`/tickets/${ticket}/messages`, { whatsappTemplate: { name: 'draft_one', language: 'ar', parameters: [] } }, org.users.admin.token)).status).toBe(400);
    expect((await http.post(`/tickets/${ticket}/messages`, { whatsappTemplate: { name: 'request_update', language: 'ar', parameters: ['أبو فهد'] } }, org.users.admin.token)).body.field).toBe('whatsappTemplate.parameters');
    const reference = (await http.get(`/tickets/${ticket}`, org.users.admin.token)).body.ticket.reference;
    const template = await http.post(`/tickets/${ticket}/messages`, { whatsappTemplate: { name: 'request_update', language: 'ar', parameters: ['أبو فهد', reference] } }, org.users.admin.token);
    expect(template.status).toBe(201);
    expect(template.body.body).toBe(`مرحبًا أبو فهد، لدينا تحديث على طلبك رقم ${reference}. ردّ على هذه الرسالة لمتابعة المحادثة.`);
    await eventually(async () => graph.sent.find((s) => s.body.type === 'template'), 15_000);
    expect(graph.sent.find((s) => s.body.type === 'template')!.body).toMatchObject({
      to: from, template: { name: 'request_update', language: { code: 'ar' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'أبو فهد' }, { type: 'text', text: reference }] }] },
    });
    // Internal notes are never held back by the window.
    expect((await http.post(`/tickets/${ticket}/messages`, { body: 'اتصلت به هاتفيًا', internal: true }, org.users.admin.token)).status).toBe(201);
  });

  it('marks a reply failed for good when the Graph API says the window has closed', async () => {
    const id = wamid();
    await postWebhook(testApp.url, accountId, appSecret, cloudWebhook(phoneNumberId, { contacts: profile, messages: [{ from, id, timestamp: now(), type: 'text', text: { body: 'مرحبا' } }] }));
    const [{ ticket }] = await messagesOf(id);
    graph.failNext = { status: 400, code: 131047, message: 'Re-engagement message' };
    const reply = await http.post(`/tickets/${ticket}/messages`, { body: 'أهلًا' }, org.users.admin.token);
    const failed = await eventually(async () => (await db().query(`SELECT failure_reason FROM messages WHERE id = $1 AND delivery_status = 'failed'`, [reply.body.id]))[0], 15_000);
    expect(failed.failure_reason).toContain('131047');
  });
});
