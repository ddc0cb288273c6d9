import { route, RuleForRouting, TeamForRouting } from './routing';

const teams: TeamForRouting[] = [
  { id: 'men-riyadh', section: 'men', purpose: 'service', branchId: 'riyadh' },
  { id: 'men-jeddah', section: 'men', purpose: 'service', branchId: 'jeddah' },
  { id: 'women', section: 'women', purpose: 'service', branchId: null },
  { id: 'research', section: 'mixed', purpose: 'research', branchId: null },
];
const base = { channel: 'whatsapp_web', type: 'inquiry', gender: null, branchId: null, text: '' } as const;
const rule = (over: Partial<RuleForRouting>): RuleForRouting => ({ id: 'r', enabled: true, conditions: {}, teamId: null, priority: null, ...over });

describe('route', () => {
  it('sends women to the women section and men to a men section of their branch', () => {
    expect(route({ ...base, gender: 'female' }, [], teams).teamId).toBe('women');
    expect(route({ ...base, gender: 'male', branchId: 'jeddah' }, [], teams).teamId).toBe('men-jeddah');
  });

  it('leaves a ticket in no team when gender is unknown and there is no mixed service team', () => {
    expect(route(base, [], teams)).toEqual({ teamId: null, priority: 'normal', ruleId: null });
  });

  it('applies the first matching rule in order', () => {
    const rules = [
      rule({ id: 'email-only', conditions: { channels: ['email'] }, teamId: 'research' }),
      rule({ id: 'urgent-words', conditions: { keywords: ['عاجل'] }, priority: 'urgent' }),
      rule({ id: 'catch-all', teamId: 'men-riyadh', priority: 'low' }),
    ];
    const decision = route({ ...base, gender: 'female', text: 'طلب عاجِل' }, rules, teams);
    expect(decision).toEqual({ teamId: 'women', priority: 'urgent', ruleId: 'urgent-words' });
  });

  it('matches keywords with Arabic normalisation and ignores disabled rules', () => {
    const rules = [
      rule({ id: 'off', enabled: false, teamId: 'research' }),
      rule({ id: 'rent', conditions: { keywords: ['إيجار'] }, teamId: 'research' }),
    ];
    expect(route({ ...base, text: 'مساعدة في الايجار' }, rules, teams).ruleId).toBe('rent');
  });

  it('requires every condition of a rule', () => {
    const rules = [rule({ conditions: { types: ['complaint'], genders: ['male'] }, teamId: 'research' })];
    expect(route({ ...base, type: 'complaint', gender: 'female' }, rules, teams).teamId).toBe('women');
    expect(route({ ...base, type: 'complaint', gender: 'male' }, rules, teams).teamId).toBe('research');
  });
});
