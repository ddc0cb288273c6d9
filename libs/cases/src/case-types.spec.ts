import { Role } from '@inbox/tenancy';
import { caseTypeFor, DEFAULT_CASE_TYPES, missingFor, refusal, caseTypeProblems } from './case-types';
import { applicantLocale, decisionMessage, missingItemsMessage } from './cases.service';

describe('request types', () => {
  const support = caseTypeFor('support_request')!;
  const done = (...keys: string[]) => Object.fromEntries(keys.map((key) => [key, { done: true, by: null, at: null, note: null }]));

  it('are well formed: every next stage and required item exists, and every stage is reachable', () => {
    for (const type of DEFAULT_CASE_TYPES) {
      const stages = new Set(type.stages.map((s) => s.key));
      const items = new Set(type.checklist.map((i) => i.key));
      for (const stage of type.stages) {
        for (const next of stage.next) expect(stages.has(next)).toBe(true);
        for (const item of stage.requires) expect(items.has(item)).toBe(true);
      }
      const reached = new Set([type.stages[0].key]);
      for (let round = 0; round < type.stages.length; round++) for (const s of type.stages) if (reached.has(s.key)) s.next.forEach((n) => reached.add(n));
      expect([...reached].sort()).toEqual([...stages].sort());
    }
  });

  it('refuses a move that does not follow, one the role may not make, and one that lacks what the stage requires', () => {
    expect(refusal(support, 'received', 'committee', [Role.Admin], {})).toEqual({ code: 'invalid' });
    expect(refusal(support, 'committee', 'accepted', [Role.Agent, Role.Researcher], {})).toEqual({ code: 'forbidden' });
    expect(refusal(support, 'verification', 'research', [Role.Agent], done('national_id_copy'))).toMatchObject({ code: 'incomplete', missing: [{ key: 'phone_reachable' }] });
    expect(refusal(support, 'verification', 'research', [Role.Agent], done('national_id_copy', 'phone_reachable'))).toBeNull();
    expect(missingFor(support, 'committee', done('national_id_copy')).map((i) => i.key)).toEqual(['national_id_valid', 'phone_reachable', 'income_proof', 'declaration_signed']);
  });

  it('writes to the applicant in their language, with the reference and never the committee\'s reasons', () => {
    expect(applicantLocale('أرجو المساعدة')).toBe('ar');
    expect(applicantLocale('Please help')).toBe('en');
    expect(applicantLocale(null)).toBe('ar');
    expect(missingItemsMessage([support.checklist[0]], 'T-1448-0007', 'en')).toContain('a clear copy of your national ID');
    expect(decisionMessage(support, 'rejected', 'T-1448-0007', 'ar')).toContain('T-1448-0007');
    expect(decisionMessage(support, 'accepted', 'T-1448-0007', 'en')).toBe('Your support request T-1448-0007 has been accepted; we will contact you for the next steps.');
  });
});

describe('caseTypeProblems', () => {
  const base = DEFAULT_CASE_TYPES.find((type) => type.key === 'support_request')!;

  it('finds nothing wrong with the defaults', () => {
    for (const type of DEFAULT_CASE_TYPES) expect(caseTypeProblems(type)).toEqual([]);
  });

  it('names requirements off the checklist, unknown and unreachable stages, and duplicates', () => {
    const broken = {
      ...base,
      checklist: [...base.checklist, base.checklist[0]],
      stages: [
        ...base.stages.map((s) => (s.key === 'research' ? { ...s, requires: ['bank_statement'], next: ['committee', 'archive'] } : s)),
        { ...base.stages[1], key: 'orphan', next: [] },
      ],
    };
    const messages = caseTypeProblems(broken).map((p) => p.message);
    expect(messages).toEqual(expect.arrayContaining([
      'national_id_copy is on the checklist twice', 'bank_statement is not on the checklist', 'archive is not a stage', 'No path from received reaches orphan',
    ]));
    expect(caseTypeProblems({ ...base, ticketType: 'complaint' })[0].field).toBe('ticketType');
  });
});
