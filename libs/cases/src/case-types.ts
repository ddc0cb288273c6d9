import { Role } from '@inbox/tenancy';

/** Something a request must have before it may move on: a document attached, data checked, the signed declaration. */
export interface ChecklistItem {
  key: string;
  kind: 'document' | 'check' | 'declaration';
  label: { ar: string; en: string };
  /** Asked of the applicant, in their language, when it is missing. */
  ask: { ar: string; en: string };
}

export interface CaseStage {
  key: string;
  label: { ar: string; en: string };
  /** Who may move a case into this stage. */
  roles: Role[];
  /** Checklist items that must be done before a case enters this stage. */
  requires: string[];
  /** The stages a case may go to from here. */
  next: string[];
  /** The applicant is told when the case reaches it (a decision). */
  notify?: boolean;
  /** Reaching it makes the applicant a permanent beneficiary, their file reviewed every so many months. */
  registers?: { reviewEveryMonths: number };
}

export interface CaseType {
  key: string;
  ticketType: string;
  label: { ar: string; en: string };
  checklist: ChecklistItem[];
  stages: CaseStage[];
}

const STAFF: Role[] = [Role.Agent, Role.Supervisor, Role.Admin, Role.Researcher];
const RESEARCH: Role[] = [Role.Researcher, Role.Supervisor, Role.Admin];
const COMMITTEE: Role[] = [Role.Supervisor, Role.Admin];

const ID_COPY: ChecklistItem = {
  key: 'national_id_copy', kind: 'document', label: { ar: 'صورة الهوية الوطنية', en: 'Copy of the national ID' },
  ask: { ar: 'صورة واضحة من الهوية الوطنية', en: 'a clear copy of your national ID' },
};
const ID_VALID: ChecklistItem = {
  key: 'national_id_valid', kind: 'check', label: { ar: 'رقم الهوية صحيح ومطابق', en: 'National ID number valid and matching' },
  ask: { ar: 'رقم الهوية الوطنية كما هو في البطاقة', en: 'your national ID number as on the card' },
};
const PHONE: ChecklistItem = {
  key: 'phone_reachable', kind: 'check', label: { ar: 'رقم الجوال يعمل وتم التواصل', en: 'Mobile number reachable' },
  ask: { ar: 'رقم جوال نستطيع التواصل معك عليه', en: 'a mobile number we can reach you on' },
};
const DECLARATION: ChecklistItem = {
  key: 'declaration_signed', kind: 'declaration', label: { ar: 'إقرار صحة البيانات موقّع', en: 'Signed declaration that the data is correct' },
  ask: { ar: 'إقرار موقّع بصحة البيانات', en: 'the signed declaration that your data is correct' },
};
const INCOME: ChecklistItem = {
  key: 'income_proof', kind: 'document', label: { ar: 'ما يثبت الدخل', en: 'Proof of income' },
  ask: { ar: 'ما يثبت دخل الأسرة (تعريف راتب أو صك ضمان)', en: 'proof of the household income (a salary letter or social security statement)' },
};
const FAMILY: ChecklistItem = {
  key: 'family_record', kind: 'document', label: { ar: 'سجل الأسرة', en: 'Family record' },
  ask: { ar: 'صورة سجل الأسرة', en: 'a copy of the family record' },
};
const CV: ChecklistItem = {
  key: 'cv', kind: 'document', label: { ar: 'السيرة الذاتية', en: 'CV' }, ask: { ar: 'سيرتك الذاتية', en: 'your CV' },
};

const stage = (key: string, ar: string, en: string, roles: Role[], requires: string[], next: string[], notify = false, registers?: CaseStage['registers']): CaseStage =>
  ({ key, label: { ar, en }, roles, requires, next, notify, ...(registers ? { registers } : {}) });

/**
 * The requests the associations' policies describe, with the path each takes:
 * checked for completeness, referred to social research when unclear, decided
 * by the committee, then carried out. Every organization starts with these.
 */
export const DEFAULT_CASE_TYPES: CaseType[] = [
  {
    key: 'support_request', ticketType: 'support_request', label: { ar: 'طلب دعم', en: 'Support request' },
    checklist: [ID_COPY, ID_VALID, PHONE, INCOME, DECLARATION],
    stages: [
      stage('received', 'مستلم', 'Received', STAFF, [], ['verification']),
      stage('verification', 'التحقق من البيانات', 'Verification', STAFF, [], ['research', 'committee']),
      stage('research', 'محال للبحث الاجتماعي', 'Referred to social research', STAFF, ['national_id_copy', 'phone_reachable'], ['committee', 'verification']),
      stage('committee', 'لدى لجنة البحث', 'With the committee', [...STAFF], ['national_id_copy', 'national_id_valid', 'phone_reachable', 'income_proof', 'declaration_signed'], ['accepted', 'rejected', 'research']),
      stage('accepted', 'مقبول', 'Accepted', COMMITTEE, [], ['delivered'], true),
      stage('rejected', 'مرفوض', 'Rejected', COMMITTEE, [], [], true),
      stage('delivered', 'تم تقديم الخدمة', 'Service delivered', STAFF, [], []),
    ],
  },
  {
    key: 'registration', ticketType: 'registration', label: { ar: 'تسجيل مستفيد', en: 'Beneficiary registration' },
    checklist: [ID_COPY, ID_VALID, PHONE, FAMILY, INCOME, DECLARATION],
    stages: [
      stage('received', 'مستلم', 'Received', STAFF, [], ['verification']),
      stage('verification', 'التحقق من البيانات', 'Verification', STAFF, [], ['research', 'committee']),
      stage('research', 'محال للبحث الاجتماعي', 'Referred to social research', STAFF, ['national_id_copy', 'phone_reachable'], ['committee', 'verification']),
      stage('committee', 'لدى لجنة البحث', 'With the committee', STAFF, ['national_id_copy', 'national_id_valid', 'phone_reachable', 'family_record', 'income_proof', 'declaration_signed'], ['accepted', 'rejected', 'research']),
      stage('accepted', 'مقبول', 'Accepted', COMMITTEE, [], ['registered'], true),
      stage('rejected', 'مرفوض', 'Rejected', COMMITTEE, [], [], true),
      stage('registered', 'اكتمل التسجيل', 'Registration completed', STAFF, [], [], false, { reviewEveryMonths: 12 }),
    ],
  },
  {
    key: 'volunteer', ticketType: 'volunteer', label: { ar: 'طلب تطوع', en: 'Volunteer application' },
    checklist: [ID_VALID, PHONE, DECLARATION],
    stages: [
      stage('received', 'مستلم', 'Received', STAFF, [], ['verification']),
      stage('verification', 'التحقق من البيانات', 'Verification', STAFF, [], ['interview']),
      stage('interview', 'المقابلة', 'Interview', STAFF, ['phone_reachable'], ['accepted', 'rejected']),
      stage('accepted', 'مقبول', 'Accepted', COMMITTEE, ['national_id_valid', 'declaration_signed'], [], true),
      stage('rejected', 'مرفوض', 'Rejected', COMMITTEE, [], [], true),
    ],
  },
  {
    key: 'job_application', ticketType: 'job_application', label: { ar: 'طلب توظيف', en: 'Job application' },
    checklist: [CV, ID_VALID, PHONE],
    stages: [
      stage('received', 'مستلم', 'Received', STAFF, [], ['screening']),
      stage('screening', 'الفرز', 'Screening', STAFF, ['cv'], ['interview', 'rejected']),
      stage('interview', 'المقابلة', 'Interview', STAFF, ['phone_reachable'], ['accepted', 'rejected']),
      stage('accepted', 'مقبول', 'Accepted', COMMITTEE, ['national_id_valid'], [], true),
      stage('rejected', 'مرفوض', 'Rejected', COMMITTEE, [], [], true),
    ],
  },
];

export const caseTypeFor = (ticketType: string, types: CaseType[] = DEFAULT_CASE_TYPES): CaseType | null =>
  types.find((type) => type.ticketType === ticketType) ?? null;

export type ChecklistState = Record<string, { done: boolean; by: string | null; at: string | null; note: string | null }>;

/** What a case still lacks to enter a stage. */
export function missingFor(type: CaseType, stageKey: string, checklist: ChecklistState): ChecklistItem[] {
  const target = type.stages.find((s) => s.key === stageKey);
  if (!target) return [];
  return target.requires.map((key) => type.checklist.find((item) => item.key === key)!).filter((item) => item && !checklist[item.key]?.done);
}

/** Why a move is refused, or null when the actor may make it now. */
export function refusal(type: CaseType, from: string, to: string, roles: Role[], checklist: ChecklistState): { code: 'invalid' | 'forbidden' | 'incomplete'; missing?: ChecklistItem[] } | null {
  const current = type.stages.find((s) => s.key === from);
  const target = type.stages.find((s) => s.key === to);
  if (!current || !target || !current.next.includes(to)) return { code: 'invalid' };
  if (!target.roles.some((role) => roles.includes(role))) return { code: 'forbidden' };
  const missing = missingFor(type, to, checklist);
  return missing.length ? { code: 'incomplete', missing } : null;
}

/** Everything the applicant has not provided yet, of the whole checklist. */
export const outstanding = (type: CaseType, checklist: ChecklistState): ChecklistItem[] => type.checklist.filter((item) => !checklist[item.key]?.done);

/** The ticket types a request type may follow: the requests, never complaints (their case is the confidential one). */
export const REQUEST_TICKET_TYPES = ['support_request', 'registration', 'volunteer', 'job_application'] as const;

/**
 * What is wrong with a request type an organization wrote, field by field
 * (empty when it holds together): every stage reachable by its keys, every
 * requirement on the checklist, the first stage where cases open.
 */
export function caseTypeProblems(type: CaseType): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!(REQUEST_TICKET_TYPES as readonly string[]).includes(type.ticketType)) add('ticketType', `A request type follows one of ${REQUEST_TICKET_TYPES.join(', ')}`);
  const itemKeys = new Set<string>();
  type.checklist.forEach((item, i) => {
    if (itemKeys.has(item.key)) add(`checklist.${i}.key`, `${item.key} is on the checklist twice`);
    itemKeys.add(item.key);
  });
  const stageKeys = new Set<string>();
  type.stages.forEach((s, i) => {
    if (stageKeys.has(s.key)) add(`stages.${i}.key`, `${s.key} is a stage twice`);
    stageKeys.add(s.key);
  });
  if (type.stages.length < 2) add('stages', 'A request type needs at least two stages');
  type.stages.forEach((s, i) => {
    s.requires.forEach((key) => { if (!itemKeys.has(key)) add(`stages.${i}.requires`, `${key} is not on the checklist`); });
    s.next.forEach((key) => {
      if (!stageKeys.has(key)) add(`stages.${i}.next`, `${key} is not a stage`);
      if (key === s.key) add(`stages.${i}.next`, `${key} cannot follow itself`);
    });
    if (s.roles.length === 0 && i > 0) add(`stages.${i}.roles`, `Nobody may move a case to ${s.key}`);
  });
  // Every stage but the first must be reachable from it, or cases could never get there.
  const reached = new Set<string>();
  const walk = (key: string) => {
    if (reached.has(key)) return;
    reached.add(key);
    type.stages.find((s) => s.key === key)?.next.forEach(walk);
  };
  if (type.stages[0]) walk(type.stages[0].key);
  type.stages.forEach((s, i) => { if (!reached.has(s.key)) add(`stages.${i}.key`, `No path from ${type.stages[0].key} reaches ${s.key}`); });
  return problems;
}
