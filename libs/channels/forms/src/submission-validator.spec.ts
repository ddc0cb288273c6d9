import { DEFAULT_FORMS } from './default-forms';
import { FormDefinition, validateFields } from './form-definition';
import { checkSubmission, SubmissionInput, SubmissionRejected } from './submission-validator';

const form = (preset: string): FormDefinition => {
  const d = DEFAULT_FORMS.find((f) => f.preset === preset)!;
  return {
    id: 'f', organizationId: 'o', slug: `x-${preset}`, preset, ticketType: d.ticketType, title: d.title, description: d.description, declaration: {},
    fields: d.fields, allowAnonymous: d.allowAnonymous, enabled: true, perIpPerHour: 10, perFormPerMinute: 600, embedOrigins: [],
  };
};
const input = (values: Record<string, unknown>, extra: Partial<SubmissionInput> = {}): SubmissionInput => ({
  values, files: [], declaration: true, anonymous: false, honeypot: '', locale: 'ar', ...extra,
});
const problems = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof SubmissionRejected) return Object.fromEntries(error.problems.map((p) => [p.field, p.message.en]));
    throw error;
  }
  throw new Error('not rejected');
};

describe('form submissions', () => {
  const branches = [{ id: 'b1', name: { ar: 'فرع جدة', en: 'Jeddah' } }];

  it('normalises what identifies the person and shows choices in the submission language', () => {
    const checked = checkSubmission(form('inquiry'), input({ name: ' سارة ', phone: '٠٥٠١٢٣٤٥٦٧', gender: 'female', branch: 'b1', details: 'سؤال' }), branches, '2024-12-01');
    expect(checked).toMatchObject({ name: 'سارة', gender: 'female', branchId: 'b1', message: 'سؤال', identities: [{ kind: 'phone', value: '+966501234567' }] });
    expect(checked.answers.find((a) => a.key === 'branch')).toEqual({ key: 'branch', label: 'الفرع الأقرب إليك', value: 'فرع جدة' });
  });

  it('drops the name and every way to reach an anonymous complainant, even when typed', () => {
    const checked = checkSubmission(form('complaint'), input({ name: 'Named', phone: '0501234567', about: 'staff', details: 'x' }, { anonymous: true }), [], '2024-12-01');
    expect(checked).toMatchObject({ anonymous: true, name: null, identities: [] });
    expect(checked.answers.map((a) => a.key)).toEqual(['about', 'details']);
  });

  it('asks for a way to reach the person when every contact field is optional and empty', () => {
    expect(problems(() => checkSubmission(form('complaint'), input({ about: 'staff', details: 'x' }), [], '2024-12-01'))).toEqual({
      phone: 'Give a phone number, email or ID so we can reach you.',
    });
  });

  it('refuses the honeypot before anything else, and leaves out a branch question with no branches', () => {
    expect(() => checkSubmission(form('inquiry'), input({}, { honeypot: 'http://spam' }), [], '2024-12-01')).toThrow(expect.objectContaining({ reason: 'spam' }));
    expect(problems(() => checkSubmission(form('registration'), input({ name: 'a', national_id: '1000000008', phone: '0501234567', gender: 'male', birth_date: '1990-02-30', city: 'x', family_size: '1-2' }), [], '2024-12-01')))
      .toEqual({ birth_date: 'This is not a valid date.' });
  });

  it('keeps admins from saving a field that cannot work', () => {
    const fields = form('inquiry').fields;
    expect(() => validateFields([...fields, { ...fields[0]! }], 'inquiry', false)).toThrow('Two fields use the key name');
    expect(() => validateFields([{ key: 'x', type: 'choice', required: true, label: { ar: 'س', en: 'x' } }], 'inquiry', true)).toThrow('A choice has 1 to 50 options');
    expect(() => validateFields(fields, 'unknown', false)).toThrow('Unknown ticket type');
  });
});
