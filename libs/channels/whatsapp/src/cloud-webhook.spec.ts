import { cloudSignatureValid, readCloudWebhook, signCloudWebhook } from './cloud-webhook';
import { whatsAppRecipient } from './cloud-channel.adapter';
import { renderTemplate } from './graph-client';

const change = (value: Record<string, unknown>, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: '42' }, ...value } }] }],
});

describe('reading Cloud API webhooks', () => {
  it('checks the signature over the exact bytes', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account"}');
    expect(cloudSignatureValid('s3cret', body, signCloudWebhook('s3cret', body))).toBe(true);
    expect(cloudSignatureValid('s3cret', Buffer.from(`${body} `), signCloudWebhook('s3cret', body))).toBe(false);
    expect(cloudSignatureValid('s3cret', body, undefined)).toBe(false);
    expect(cloudSignatureValid('s3cret', body, 'sha256=short')).toBe(false);
  });

  it('reads buttons and list replies as the words chosen, and names unknown kinds', () => {
    const read = readCloudWebhook(change({
      messages: [
        { from: '9665', id: 'wamid.1', timestamp: '1700000000', type: 'button', button: { payload: 'yes', text: 'نعم' } },
        { from: '9665', id: 'wamid.2', timestamp: '1700000000', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'طلب دعم' } } },
        { from: '9665', id: 'wamid.3', timestamp: '1700000000', type: 'order', order: {} },
      ],
    }));
    expect(read.messages.map((m) => [m.type, m.text, m.unsupportedType])).toEqual([['text', 'نعم', null], ['text', 'طلب دعم', null], ['unsupported', null, 'order']]);
    expect(read.messages[0].timestamp).toEqual(new Date(1_700_000_000_000));
  });

  it('reads statuses with the reason of a failure, and parks what it cannot read', () => {
    const read = readCloudWebhook(change({
      statuses: [
        { id: 'wamid.9', status: 'failed', recipient_id: '9665', errors: [{ code: 131049, title: 'This message was not delivered to maintain healthy ecosystem engagement.' }] },
        { id: 'wamid.8', status: 'warning' },
      ],
    }));
    expect(read.statuses).toEqual([{ phoneNumberId: '42', id: 'wamid.9', status: 'failed', reason: 'This message was not delivered to maintain healthy ecosystem engagement.' }]);
    expect(read.parked.map((p) => p.reason)).toEqual(['a status that is not sent, delivered, read or failed']);
    expect(readCloudWebhook({ object: 'page', entry: [] }).parked).toHaveLength(1);
    expect(readCloudWebhook(change({}, 'account_update')).parked[0].reason).toContain('account_update');
  });
});

describe('replying on the Cloud API', () => {
  it('writes to the WhatsApp identity, else the mobile number, as digits with the country code', () => {
    expect(whatsAppRecipient([{ kind: 'email', value: 'a@b.sa' }, { kind: 'phone', value: '+966501234567' }])).toBe('966501234567');
    expect(whatsAppRecipient([{ kind: 'phone', value: '+966501234567' }, { kind: 'whatsapp', value: '966551112222@c.us' }])).toBe('966551112222');
    expect(whatsAppRecipient([{ kind: 'phone', value: '123' }])).toBeNull();
  });

  it('fills template placeholders in order and leaves unknown ones visible', () => {
    expect(renderTemplate('مرحبًا {{1}}، طلبك {{2}} {{3}}', ['سارة', 'T-1447-0001'])).toBe('مرحبًا سارة، طلبك T-1447-0001 {{3}}');
  });
});
