import { policyFor } from './deadlines';
import { SlaPolicy } from './organization-profile.cache';

const policy = (id: string, over: Partial<SlaPolicy>): SlaPolicy => ({
  id, ticketType: null, priority: null, channelKind: null, firstResponseMinutes: 60, nextResponseMinutes: null, resolutionMinutes: 480, decisionDays: null, ...over,
});

describe('choosing the deadline policy', () => {
  const policies = [
    policy('any', {}),
    policy('inquiries', { ticketType: 'inquiry' }),
    policy('urgent-inquiries', { ticketType: 'inquiry', priority: 'urgent' }),
    policy('whatsapp', { channelKind: 'whatsapp_web' }),
  ];

  it('takes the policy stating the most matching conditions', () => {
    expect(policyFor(policies, 'inquiry', { priority: 'urgent' })?.id).toBe('urgent-inquiries');
    expect(policyFor(policies, 'inquiry', { priority: 'normal' })?.id).toBe('inquiries');
    expect(policyFor(policies, 'complaint', { channel: 'whatsapp_web' })?.id).toBe('whatsapp');
    expect(policyFor(policies, 'complaint', {})?.id).toBe('any');
  });

  it('never takes a policy one of whose conditions does not match', () => {
    expect(policyFor([policy('email', { channelKind: 'email' })], 'inquiry', { channel: 'api' })).toBeNull();
    expect(policyFor([], 'inquiry')).toBeNull();
  });
});
