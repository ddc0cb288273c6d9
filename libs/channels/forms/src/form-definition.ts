import { InvalidError } from '@inbox/core';
import { TicketType, TicketTypeHint } from '@inbox/channels/contract';

export const FieldType = {
  Text: 'text',
  Phone: 'phone',
  Email: 'email',
  NationalId: 'national_id',
  Gender: 'gender',
  Branch: 'branch',
  Date: 'date',
  File: 'file',
  Choice: 'choice',
} as const;
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

export type Locale = 'ar' | 'en';
export type Localized = Record<Locale, string>;

/** What a text field is for, beyond being text: the sender's name, the ticket's subject, or the message itself. */
export type TextRole = 'name' | 'subject' | 'message';

export interface ChoiceOption {
  value: string;
  label: Localized;
}

export interface FormField {
  key: string;
  type: FieldType;
  label: Localized;
  help?: Localized;
  required: boolean;
  role?: TextRole;
  /** Text: a multi-line box. */
  multiline?: boolean;
  maxLength?: number;
  /** Choice. */
  options?: ChoiceOption[];
  /** Date: whether a future / past date is allowed (birth dates are past, appointments future). */
  notAfterToday?: boolean;
  /** File: accepted kinds and limits. */
  accept?: FileKind[];
  maxFiles?: number;
  maxBytes?: number;
}

export const FileKind = { Pdf: 'pdf', Jpeg: 'jpeg', Png: 'png', Webp: 'webp' } as const;
export type FileKind = (typeof FileKind)[keyof typeof FileKind];

export interface FormDefinition {
  id: string;
  organizationId: string;
  slug: string;
  preset: string | null;
  ticketType: TicketType;
  title: Localized;
  description: Partial<Localized>;
  declaration: Partial<Localized>;
  fields: FormField[];
  allowAnonymous: boolean;
  enabled: boolean;
  perIpPerHour: number;
  perFormPerMinute: number;
  embedOrigins: string[];
}

export const FORM_LIMITS = {
  fields: 40,
  options: 50,
  textMax: 5000,
  fileMaxBytes: 8 * 1024 * 1024,
  filesPerField: 5,
};

/** The applicant's declaration the policies require, unless the form words its own. */
export const DEFAULT_DECLARATION: Localized = {
  ar: 'أقر بأن البيانات المدخلة صحيحة، وأتحمل مسؤوليتها.',
  en: 'I confirm that the information I entered is correct and I take responsibility for it.',
};

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const IDENTITY_TYPES: FieldType[] = [FieldType.Phone, FieldType.Email, FieldType.NationalId];
const ONE_PER_FORM: FieldType[] = [FieldType.Gender, FieldType.Branch];

const localized = (value: unknown, field: string, required = true): void => {
  const v = value as Partial<Localized> | undefined;
  if (!required && v === undefined) return;
  if (!v || typeof v.ar !== 'string' || typeof v.en !== 'string' || !v.ar.trim() || !v.en.trim()) {
    throw new InvalidError(field, `${field} needs an Arabic and an English text`);
  }
  if (v.ar.length > 500 || v.en.length > 500) throw new InvalidError(field, `${field} is longer than 500 characters`);
};

/**
 * Checks what an admin saves: every field well formed, keys unique, at most
 * one gender and one branch field, and a way to reach the applicant (a
 * phone, email or national id field) unless the form may be anonymous.
 */
export function validateFields(fields: FormField[], ticketType: string, allowAnonymous: boolean): void {
  if (!Object.values(TicketTypeHint).includes(ticketType as TicketType)) throw new InvalidError('ticketType', 'Unknown ticket type');
  if (!Array.isArray(fields) || fields.length === 0) throw new InvalidError('fields', 'A form needs at least one field');
  if (fields.length > FORM_LIMITS.fields) throw new InvalidError('fields', `A form has at most ${FORM_LIMITS.fields} fields`);
  const keys = new Set<string>();
  fields.forEach((field, index) => {
    const at = `fields.${index}`;
    if (!KEY.test(field.key ?? '')) throw new InvalidError(`${at}.key`, 'A field key is lower-case letters, digits and _ , starting with a letter');
    if (keys.has(field.key)) throw new InvalidError(`${at}.key`, `Two fields use the key ${field.key}`);
    keys.add(field.key);
    if (!Object.values(FieldType).includes(field.type)) throw new InvalidError(`${at}.type`, `Unknown field type ${String(field.type)}`);
    localized(field.label, `${at}.label`);
    localized(field.help, `${at}.help`, false);
    if (typeof field.required !== 'boolean') throw new InvalidError(`${at}.required`, 'required is true or false');
    if (field.role && (field.type !== FieldType.Text || !['name', 'subject', 'message'].includes(field.role))) {
      throw new InvalidError(`${at}.role`, 'Only text fields have a role: name, subject or message');
    }
    if (field.maxLength !== undefined && (!Number.isInteger(field.maxLength) || field.maxLength < 1 || field.maxLength > FORM_LIMITS.textMax)) {
      throw new InvalidError(`${at}.maxLength`, `maxLength is 1 to ${FORM_LIMITS.textMax}`);
    }
    if (field.type === FieldType.Choice) {
      if (!field.options?.length || field.options.length > FORM_LIMITS.options) throw new InvalidError(`${at}.options`, `A choice has 1 to ${FORM_LIMITS.options} options`);
      const values = new Set<string>();
      field.options.forEach((option, o) => {
        if (typeof option.value !== 'string' || !option.value.trim() || option.value.length > 100 || values.has(option.value)) {
          throw new InvalidError(`${at}.options.${o}.value`, 'Option values are distinct, non-empty and at most 100 characters');
        }
        values.add(option.value);
        localized(option.label, `${at}.options.${o}.label`);
      });
    } else if (field.options !== undefined) {
      throw new InvalidError(`${at}.options`, 'Only choice fields have options');
    }
    if (field.type === FieldType.File) {
      if (field.accept && (!field.accept.length || field.accept.some((kind) => !Object.values(FileKind).includes(kind)))) {
        throw new InvalidError(`${at}.accept`, `Accepted kinds are ${Object.values(FileKind).join(', ')}`);
      }
      if (field.maxFiles !== undefined && (!Number.isInteger(field.maxFiles) || field.maxFiles < 1 || field.maxFiles > FORM_LIMITS.filesPerField)) {
        throw new InvalidError(`${at}.maxFiles`, `maxFiles is 1 to ${FORM_LIMITS.filesPerField}`);
      }
      if (field.maxBytes !== undefined && (!Number.isInteger(field.maxBytes) || field.maxBytes < 1024 || field.maxBytes > FORM_LIMITS.fileMaxBytes)) {
        throw new InvalidError(`${at}.maxBytes`, `maxBytes is 1 KB to ${FORM_LIMITS.fileMaxBytes / 1024 / 1024} MB`);
      }
    }
  });
  for (const type of ONE_PER_FORM) {
    if (fields.filter((f) => f.type === type).length > 1) throw new InvalidError('fields', `A form has at most one ${type} field`);
  }
  for (const role of ['name', 'subject', 'message'] as const) {
    if (fields.filter((f) => f.role === role).length > 1) throw new InvalidError('fields', `A form has at most one ${role} field`);
  }
  if (!allowAnonymous && !fields.some((f) => IDENTITY_TYPES.includes(f.type))) {
    throw new InvalidError('fields', 'A form needs a phone, email or national id field, so the applicant can be reached (or allow anonymous submissions)');
  }
}

export const isIdentityField = (field: FormField) => IDENTITY_TYPES.includes(field.type);

/** File fields' limits with their defaults filled in. */
export function fileLimits(field: FormField): { accept: FileKind[]; maxFiles: number; maxBytes: number } {
  return {
    accept: field.accept ?? [FileKind.Pdf, FileKind.Jpeg, FileKind.Png],
    maxFiles: field.maxFiles ?? 3,
    maxBytes: field.maxBytes ?? 5 * 1024 * 1024,
  };
}

const FIELD_KEYS: (keyof FormField)[] = ['key', 'type', 'label', 'help', 'required', 'role', 'multiline', 'maxLength', 'options', 'notAfterToday', 'accept', 'maxFiles', 'maxBytes'];

/** Only the properties a field has: anything else an admin's client sent is dropped before the form is stored. */
export function cleanFields(fields: FormField[]): FormField[] {
  return fields.map((field) => {
    const clean = Object.fromEntries(FIELD_KEYS.filter((k) => field[k] !== undefined).map((k) => [k, field[k]])) as unknown as FormField;
    const pick = (value: Partial<Localized> | undefined) => (value ? { ar: value.ar, en: value.en } as Localized : undefined);
    clean.label = pick(field.label)!;
    if (field.help) clean.help = pick(field.help);
    if (field.options) clean.options = field.options.map((o) => ({ value: o.value, label: pick(o.label)! }));
    return clean;
  });
}
