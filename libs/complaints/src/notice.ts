import { InvalidError } from '@inbox/core';

/**
 * The two messages a complainant receives from the organization itself: the
 * acknowledgement and the closure notice. Their text comes from a locked
 * template per language (admins only) whose placeholders are this
 * allow-list; the values come from `NoticeFacts`, which holds nothing about
 * the findings or the action taken, so no template can reach them.
 */
export const NOTICE_FIELDS = ['reference', 'trackingCode', 'openedDate', 'closedDate', 'organization.name'] as const;
export type NoticeField = (typeof NOTICE_FIELDS)[number];
export type NoticeKind = 'acknowledgement' | 'closure';
export type NoticeLocale = 'ar' | 'en';

export interface NoticeFacts {
  reference: string;
  trackingCode: string;
  openedAt: Date;
  closedAt: Date | null;
  organizationName: { ar: string; en: string };
  timeZone: string;
}

export const DEFAULT_NOTICES: Record<NoticeKind, Record<NoticeLocale, string>> = {
  acknowledgement: {
    ar: 'السلام عليكم ورحمة الله،\nتم استلام شكواكم وتسجيلها برقم {{reference}}، ورمز متابعتها {{trackingCode}}. ستُعامل بسرية تامة، وقد نتواصل معكم للاستيضاح.\n{{organization.name}}',
    en: 'Hello,\nWe have received your complaint and registered it as {{reference}}; its tracking code is {{trackingCode}}. It will be handled in confidence, and we may contact you for clarification.\n{{organization.name}}',
  },
  closure: {
    ar: 'السلام عليكم ورحمة الله،\nنفيدكم بأن الشكوى رقم {{reference}} المقدمة بتاريخ {{openedDate}} قد دُرست، واتُّخذ الإجراء المناسب بشأنها، وأُغلقت بتاريخ {{closedDate}}.\nشاكرين لكم تواصلكم مع {{organization.name}}.',
    en: 'Hello,\nYour complaint {{reference}}, submitted on {{openedDate}}, has been examined, appropriate action has been taken, and it was closed on {{closedDate}}.\nThank you for contacting {{organization.name}}.',
  },
};

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;

/** Refuses a template with a placeholder outside the allow-list. */
export function checkNoticeTemplate(body: string): void {
  for (const [, name] of body.matchAll(PLACEHOLDER)) {
    if (!(NOTICE_FIELDS as readonly string[]).includes(name)) {
      throw new InvalidError('body', `{{${name}}} is not allowed in a notice; use ${NOTICE_FIELDS.map((f) => `{{${f}}}`).join(', ')}`);
    }
  }
}

/** A date as the organization's people read it: Umm al-Qura Hijri, then Gregorian, in its time zone. */
export function noticeDate(date: Date, locale: NoticeLocale, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'long', year: 'numeric' };
  const hijri = new Intl.DateTimeFormat(`${locale === 'ar' ? 'ar-SA' : 'en'}-u-ca-islamic-umalqura-nu-latn`, options).format(date);
  const gregorian = new Intl.DateTimeFormat(`${locale === 'ar' ? 'ar' : 'en-GB'}-u-ca-gregory-nu-latn`, options).format(date);
  return `${hijri} (${gregorian})`;
}

export function renderNotice(template: string, facts: NoticeFacts, locale: NoticeLocale): string {
  checkNoticeTemplate(template);
  const values: Record<NoticeField, string> = {
    reference: facts.reference,
    trackingCode: facts.trackingCode,
    openedDate: noticeDate(facts.openedAt, locale, facts.timeZone),
    closedDate: facts.closedAt ? noticeDate(facts.closedAt, locale, facts.timeZone) : '',
    'organization.name': facts.organizationName[locale],
  };
  return template.replace(PLACEHOLDER, (_, name: NoticeField) => values[name]);
}

/** Arabic when the complainant wrote Arabic (or nothing yet), English when they wrote only Latin script. */
export function noticeLocale(firstText: string | null): NoticeLocale {
  if (!firstText) return 'ar';
  return /[\u0600-\u06FF]/.test(firstText) || !/[A-Za-z]/.test(firstText) ? 'ar' : 'en';
}
