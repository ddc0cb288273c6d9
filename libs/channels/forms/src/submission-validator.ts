import { DomainError, ErrorCode, toAsciiDigits } from '@inbox/core';
import { SenderIdentityKind } from '@inbox/channels/contract';
import { normalizeEmail, normalizeNationalId, normalizePhone } from '@inbox/contacts';
import { sniffFile, contentTypeOf, safeFileName } from '@inbox/storage';
import { fileLimits, FileKind, FormDefinition, FormField, isIdentityField, Locale, Localized } from './form-definition';

/** One submission as either entrance (the HTML page or the JSON endpoint) hands it over. */
export interface SubmissionInput {
  values: Record<string, unknown>;
  files: { field: string; fileName: string; bytes: Buffer }[];
  declaration: boolean;
  anonymous: boolean;
  /** The hidden field people never see; anything in it is a robot. */
  honeypot: string | null | undefined;
  locale: Locale;
}

export interface FieldProblem {
  field: string;
  message: Localized;
}

export interface CheckedFile {
  field: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface Answer {
  key: string;
  label: string;
  value: string;
}

export interface CheckedSubmission {
  answers: Answer[];
  identities: { kind: SenderIdentityKind; value: string }[];
  name: string | null;
  gender: 'male' | 'female' | null;
  branchId: string | null;
  subject: string | null;
  message: string | null;
  files: CheckedFile[];
  anonymous: boolean;
}

export interface BranchOption {
  id: string;
  name: Localized;
}

/** Why a submission was refused, per field, in both languages: the page and the JSON answer say it. */
export class SubmissionRejected extends DomainError {
  constructor(readonly reason: 'invalid' | 'spam', readonly problems: FieldProblem[]) {
    super(ErrorCode.Invalid, problems.map((p) => `${p.field}: ${p.message.en}`).join('; '), {
      reason, fields: problems.map((p) => ({ field: p.field, messages: [p.message.en], message: p.message })),
    });
  }
}

const T = {
  required: { ar: 'هذا الحقل مطلوب.', en: 'This field is required.' },
  tooLong: (max: number) => ({ ar: `النص أطول من ${max} حرفًا.`, en: `Longer than ${max} characters.` }),
  phone: { ar: 'رقم الجوال غير صحيح.', en: 'This is not a valid phone number.' },
  email: { ar: 'البريد الإلكتروني غير صحيح.', en: 'This is not a valid email address.' },
  nationalId: { ar: 'رقم الهوية أو الإقامة غير صحيح (عشرة أرقام تبدأ بـ 1 أو 2).', en: 'Not a valid national or residence ID (ten digits starting with 1 or 2).' },
  choice: { ar: 'اختر أحد الخيارات المتاحة.', en: 'Choose one of the options.' },
  date: { ar: 'التاريخ غير صحيح.', en: 'This is not a valid date.' },
  future: { ar: 'لا يمكن أن يكون التاريخ بعد اليوم.', en: 'The date cannot be after today.' },
  tooManyFiles: (max: number) => ({ ar: `الحد الأعلى ${max} ملفات.`, en: `At most ${max} files.` }),
  fileTooLarge: (name: string, max: number) => ({
    ar: `الملف ${name} أكبر من ${max} ميجابايت.`, en: `The file ${name} is larger than ${max} MB.`,
  }),
  fileType: (name: string, accept: FileKind[]) => ({
    ar: `نوع الملف ${name} غير مقبول؛ المقبول: ${accept.join('، ')}.`, en: `The file ${name} is not an accepted type (${accept.join(', ')}).`,
  }),
  unknown: { ar: 'حقل غير موجود في النموذج.', en: 'This field is not part of the form.' },
  declaration: { ar: 'يجب الإقرار بصحة البيانات قبل الإرسال.', en: 'Please confirm the declaration before sending.' },
  reach: { ar: 'أدخل رقم جوال أو بريدًا إلكترونيًا أو رقم هوية لنتمكن من التواصل معك.', en: 'Give a phone number, email or ID so we can reach you.' },
  spam: { ar: 'تعذّر قبول الطلب.', en: 'The submission could not be accepted.' },
};

const GENDERS: Record<string, { value: 'male' | 'female'; label: Localized }> = {
  male: { value: 'male', label: { ar: 'ذكر', en: 'Male' } },
  female: { value: 'female', label: { ar: 'أنثى', en: 'Female' } },
};

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** A calendar date, YYYY-MM-DD (Arabic-Indic digits accepted), that exists. */
function parseDate(raw: string): string | null {
  const value = toAsciiDigits(raw);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value ? value : null;
}

/**
 * Every field of a submission checked against its form, all problems at
 * once (a page shows them beside their fields): required values, phones,
 * emails and national ids by the same normalisers ingest uses, choices and
 * branches from their lists, dates, files by their bytes and limits, the
 * declaration, the honeypot. Anonymous submissions (where the form allows
 * them) drop the name and every way to reach the person, even if typed.
 */
export function checkSubmission(form: FormDefinition, input: SubmissionInput, branches: BranchOption[], today: string): CheckedSubmission {
  if (input.honeypot && input.honeypot.trim()) throw new SubmissionRejected('spam', [{ field: 'form', message: T.spam }]);
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: Localized) => problems.push({ field, message });
  const anonymous = form.allowAnonymous && input.anonymous;
  const known = new Set(form.fields.map((f) => f.key));
  for (const key of Object.keys(input.values)) if (!known.has(key)) problem(key, T.unknown);
  for (const file of input.files) if (!known.has(file.field)) problem(file.field, T.unknown);
  if (!input.declaration) problem('declaration', T.declaration);

  const result: CheckedSubmission = {
    answers: [], identities: [], name: null, gender: null, branchId: null, subject: null, message: null, files: [], anonymous,
  };
  const locale = input.locale;
  for (const field of form.fields) {
    const hidden = anonymous && (isIdentityField(field) || field.role === 'name');
    if (field.type === 'file') {
      checkFiles(field, input.files.filter((f) => f.field === field.key), result, problem);
      continue;
    }
    const raw = text(input.values[field.key]);
    // An organization without branches has nothing to choose: the field is left out, required or not.
    if (hidden || (field.type === 'branch' && branches.length === 0)) continue;
    if (!raw) {
      if (field.required && !(anonymous && isIdentityField(field))) problem(field.key, T.required);
      continue;
    }
    const display = checkValue(field, raw, branches, today, locale, result, problem);
    if (display !== null) result.answers.push({ key: field.key, label: field.label[locale], value: display });
  }
  if (!anonymous && result.identities.length === 0 && !problems.some((p) => form.fields.find((f) => f.key === p.field && isIdentityField(f)))) {
    const first = form.fields.find(isIdentityField);
    problem(first?.key ?? 'form', T.reach);
  }
  if (problems.length) throw new SubmissionRejected('invalid', problems);
  return result;
}

function checkValue(
  field: FormField, raw: string, branches: BranchOption[], today: string, locale: Locale, result: CheckedSubmission,
  problem: (field: string, message: Localized) => void,
): string | null {
  const normalized = (normalize: (value: string) => string, message: Localized) => {
    try {
      return normalize(raw);
    } catch {
      problem(field.key, message);
      return null;
    }
  };
  switch (field.type) {
    case 'text': {
      const max = field.maxLength ?? (field.multiline ? 4000 : 300);
      if (raw.length > max) return problem(field.key, T.tooLong(max)), null;
      if (field.role === 'name') result.name = raw;
      if (field.role === 'subject') result.subject = raw;
      if (field.role === 'message') result.message = raw;
      return raw;
    }
    case 'phone': {
      const value = normalized(normalizePhone, T.phone);
      if (value) result.identities.push({ kind: 'phone', value });
      return value;
    }
    case 'email': {
      const value = normalized(normalizeEmail, T.email);
      if (value) result.identities.push({ kind: 'email', value });
      return value;
    }
    case 'national_id': {
      const value = normalized(normalizeNationalId, T.nationalId);
      if (value) result.identities.push({ kind: 'national_id', value });
      return value;
    }
    case 'gender': {
      const gender = GENDERS[raw];
      if (!gender) return problem(field.key, T.choice), null;
      result.gender = gender.value;
      return gender.label[locale];
    }
    case 'branch': {
      const branch = branches.find((b) => b.id === raw);
      if (!branch) return problem(field.key, T.choice), null;
      result.branchId = branch.id;
      return branch.name[locale];
    }
    case 'date': {
      const date = parseDate(raw);
      if (!date) return problem(field.key, T.date), null;
      if (field.notAfterToday && date > today) return problem(field.key, T.future), null;
      return date;
    }
    case 'choice': {
      const option = field.options?.find((o) => o.value === raw);
      if (!option) return problem(field.key, T.choice), null;
      return option.label[locale];
    }
    default:
      return null;
  }
}

function checkFiles(
  field: FormField, files: SubmissionInput['files'], result: CheckedSubmission, problem: (field: string, message: Localized) => void,
): void {
  const limits = fileLimits(field);
  const present = files.filter((f) => f.bytes.length > 0);
  if (present.length === 0) {
    if (field.required) problem(field.key, T.required);
    return;
  }
  if (present.length > limits.maxFiles) return void problem(field.key, T.tooManyFiles(limits.maxFiles));
  for (const file of present) {
    if (file.bytes.length > limits.maxBytes) {
      problem(field.key, T.fileTooLarge(file.fileName, Math.round((limits.maxBytes / 1024 / 1024) * 10) / 10));
      continue;
    }
    const kind = sniffFile(file.bytes);
    if (!kind || !(limits.accept as string[]).includes(kind)) {
      problem(field.key, T.fileType(file.fileName, limits.accept));
      continue;
    }
    result.files.push({ field: field.key, fileName: safeFileName(file.fileName, kind), contentType: contentTypeOf(kind), bytes: file.bytes });
  }
}
