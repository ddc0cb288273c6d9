import { Locale } from '@inbox/channels/forms';
import { HelpArticle, HelpHome, HelpOrganization, ShelfHit } from '@inbox/shelf';
import { html, SafeHtml, trusted } from './html';
import { page } from './page-layout';

export const HELP_TEXT = {
  ar: {
    title: 'مركز المساعدة',
    directory: 'مراكز المساعدة',
    directoryIntro: 'اختر الجمعية التي تريد أن تقرأ عن خدماتها.',
    none: 'لا توجد مراكز مساعدة منشورة بعد.',
    intro: 'إجابات عن خدماتنا وطريقة التقديم، قبل أن تحتاج إلى السؤال.',
    search: 'ابحث في مركز المساعدة',
    searchButton: 'بحث',
    results: (count: number) => (count ? `نتائج البحث (${count})` : 'نتائج البحث'),
    noResults: 'لم نجد ما يطابق بحثك. جرّب كلمات أخرى، أو راسلنا وسنجيبك.',
    other: 'أخرى',
    document: 'مستند',
    download: (name: string, kb: number) => `تنزيل الملف (${name}، ${kb} ك.ب)`,
    documentText: 'نص المستند',
    approval: 'الاعتماد',
    updated: 'آخر تحديث',
    version: (n: number) => `الإصدار ${n}`,
    onlyIn: 'هذه الصفحة متاحة بالإنجليزية فقط.',
    helpful: 'هل كانت هذه الصفحة مفيدة؟',
    yes: 'نعم',
    no: 'لا',
    comment: 'ملاحظة (اختياري)',
    commentHint: 'لا تكتب بيانات شخصية؛ لطلب خدمة راسلنا على قنواتنا.',
    thanks: 'شكرًا لك، وصلت ملاحظتك إلى فريق الجمعية.',
    back: 'العودة إلى المقالة',
    home: 'مركز المساعدة',
    missing: 'لم نجد هذه الصفحة.',
    tooMany: 'وصلتنا ملاحظات كثيرة من عنوانك. حاول لاحقًا.',
    tooLong: 'الملاحظة أطول من المسموح (1000 حرف).',
  },
  en: {
    title: 'Help center',
    directory: 'Help centers',
    directoryIntro: 'Choose the association whose services you want to read about.',
    none: 'No help center has been published yet.',
    intro: 'Answers about our services and how to apply, before you need to ask.',
    search: 'Search the help center',
    searchButton: 'Search',
    results: (count: number) => (count ? `Search results (${count})` : 'Search results'),
    noResults: 'Nothing matched your search. Try other words, or write to us and we will answer.',
    other: 'Other',
    document: 'document',
    download: (name: string, kb: number) => `Download the file (${name}, ${kb} KB)`,
    documentText: 'Text of the document',
    approval: 'Approval',
    updated: 'Last updated',
    version: (n: number) => `Version ${n}`,
    onlyIn: 'This page is available in Arabic only.',
    helpful: 'Was this page helpful?',
    yes: 'Yes',
    no: 'No',
    comment: 'Comment (optional)',
    commentHint: 'Do not write personal details; to ask for a service, write to us on our channels.',
    thanks: 'Thank you; your feedback reached the association’s team.',
    back: 'Back to the article',
    home: 'Help center',
    missing: 'We could not find this page.',
    tooMany: 'Too much feedback came from your address. Please try later.',
    tooLong: 'The comment is longer than allowed (1,000 characters).',
  },
} satisfies Record<Locale, unknown>;

const nameOf = (o: HelpOrganization, locale: Locale) => (locale === 'ar' ? o.name.ar : o.name.en) || o.name.ar;
/** The title in the reader's language, else the other one. */
const titleOf = (title: { ar: string | null; en: string | null }, locale: Locale) => (locale === 'ar' ? title.ar ?? title.en : title.en ?? title.ar) ?? '';
const withLang = (path: string, locale: Locale) => `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;

interface Shell {
  locale: Locale;
  title: string;
  organization?: HelpOrganization;
  /** The page's own path without lang, for the switch link, canonical and alternates. */
  path: string;
  baseUrl: string;
  description?: string;
  indexable?: boolean;
}

function shell(options: Shell, body: SafeHtml): string {
  const other: Locale = options.locale === 'ar' ? 'en' : 'ar';
  const absolute = (locale: Locale) => `${options.baseUrl}${withLang(options.path, locale)}`;
  return page({
    locale: options.locale,
    title: options.title,
    organization: options.organization ? nameOf(options.organization, options.locale) : undefined,
    switchHref: withLang(options.path, other),
    index: options.indexable === false ? undefined : {
      canonical: absolute(options.locale),
      alternates: [{ lang: 'ar', href: absolute('ar') }, { lang: 'en', href: absolute('en') }, { lang: 'x-default', href: absolute('ar') }],
      description: options.description,
    },
  }, body);
}

function searchForm(organization: HelpOrganization, locale: Locale, q = ''): SafeHtml {
  const t = HELP_TEXT[locale];
  return html`<form class="search" role="search" method="get" action="/help/${organization.slug}/search">
<input type="hidden" name="lang" value="${locale}">
<input type="search" id="help-q" name="q" value="${q}" maxlength="200" placeholder="${t.search}" aria-label="${t.search}" dir="auto" required>
<button type="submit">${t.searchButton}</button>
</form>`;
}

export function directoryPage(organizations: HelpOrganization[], locale: Locale, baseUrl: string): string {
  const t = HELP_TEXT[locale];
  return shell({ locale, title: t.directory, path: '/help', baseUrl }, html`<h1>${t.directory}</h1>
${organizations.length ? html`<p class="lead">${t.directoryIntro}</p>
<ul class="entries">${organizations.map((o) => html`<li><a href="${withLang(`/help/${o.slug}`, locale)}" dir="auto">${nameOf(o, locale)}</a></li>`)}</ul>`
    : html`<p class="lead">${t.none}</p>`}`);
}

export function homePage(home: HelpHome, locale: Locale, baseUrl: string): string {
  const t = HELP_TEXT[locale];
  const { organization } = home;
  const groups = [
    ...home.categories.map((c) => ({ name: locale === 'ar' ? c.name.ar : c.name.en, entries: home.entries.filter((e) => e.categoryId === c.id) })),
    { name: t.other, entries: home.entries.filter((e) => !e.categoryId || !home.categories.some((c) => c.id === e.categoryId)) },
  ].filter((group) => group.entries.length);
  return shell({ locale, title: t.title, organization, path: `/help/${organization.slug}`, baseUrl, description: t.intro }, html`<h1>${t.title}</h1>
<p class="lead">${t.intro}</p>
${searchForm(organization, locale)}
${groups.map((group) => html`<section>${home.categories.length ? html`<h2>${group.name}</h2>` : ''}
<ul class="entries">${group.entries.map((entry) => html`<li><a href="${withLang(`/help/${organization.slug}/a/${entry.slug}`, locale)}" dir="auto">${titleOf(entry.title, locale)}</a>${entry.kind === 'document' ? html`<span class="kind">(${t.document})</span>` : ''}</li>`)}</ul>
</section>`)}`);
}

export function searchPage(organization: HelpOrganization, hits: ShelfHit[], q: string, locale: Locale, baseUrl: string): string {
  const t = HELP_TEXT[locale];
  return shell({ locale, title: `${t.results(hits.length)} — ${q}`, organization, path: `/help/${organization.slug}/search?q=${encodeURIComponent(q)}`, baseUrl, indexable: false },
    html`<p class="crumbs"><a href="${withLang(`/help/${organization.slug}`, locale)}">${t.home}</a></p>
<h1>${t.results(hits.length)}</h1>
${searchForm(organization, locale, q)}
${hits.length ? html`<div id="results">${hits.map((hit) => html`<article class="hit">
<h2><a href="${withLang(hit.publicPath ?? '#', locale)}" dir="auto">${titleOf(hit.title, locale)}</a></h2>
<p dir="auto">${hit.segments.map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}</p>
</article>`)}</div>` : html`<p class="note" role="status">${t.noResults}</p>`}`);
}

export interface ArticlePageOptions {
  locale: Locale;
  baseUrl: string;
  /** After feedback was sent (or refused), what to say in its place. */
  feedbackState?: { kind: 'thanks' | 'error'; message: string };
}

export function articlePage(article: HelpArticle, options: ArticlePageOptions): string {
  const { locale } = options;
  const t = HELP_TEXT[locale];
  const { organization } = article;
  const own = locale === 'ar' ? article.body.ar : article.body.en;
  const body = own ?? article.body.ar ?? article.body.en;
  const bodyLocale: Locale = own ? locale : article.body.ar ? 'ar' : 'en';
  const path = `/help/${organization.slug}/a/${article.slug}`;
  const title = titleOf(article.title, locale);
  const kb = article.file ? Math.max(1, Math.round(article.file.sizeBytes / 1024)) : 0;
  return shell({ locale, title, organization, path, baseUrl: options.baseUrl, description: article.text?.slice(0, 160) ?? undefined }, html`<p class="crumbs"><a href="${withLang(`/help/${organization.slug}`, locale)}">${t.home}</a>${article.category ? html` › <span>${locale === 'ar' ? article.category.name.ar : article.category.name.en}</span>` : ''}</p>
<h1 dir="auto">${title}</h1>
<p class="meta">${article.approval ? html`${t.approval}: <span dir="auto">${article.approval}</span>${article.approvedOn ? html` (<bdi>${article.approvedOn}</bdi>)` : ''} · ` : ''}${t.version(article.versionNumber)}</p>
${article.kind === 'article' ? html`${bodyLocale !== locale ? html`<p class="note">${t.onlyIn}</p>` : ''}
<div class="article" lang="${bodyLocale}" dir="${bodyLocale === 'ar' ? 'rtl' : 'ltr'}">${trusted(body ?? '')}</div>` : html`${article.file ? html`<p><a href="${path}/file" download>${t.download(article.file.name, kb)}</a></p>` : ''}
${article.text ? html`<h2>${t.documentText}</h2><div class="doc-text" dir="auto">${article.text}</div>` : ''}`}
${feedbackForm(path, locale, options.feedbackState)}`);
}

function feedbackForm(path: string, locale: Locale, state: ArticlePageOptions['feedbackState']): SafeHtml {
  const t = HELP_TEXT[locale];
  if (state?.kind === 'thanks') return html`<section class="feedback" aria-live="polite"><p class="note" role="status" id="feedback-thanks">${state.message}</p></section>`;
  return html`<section class="feedback">
${state ? html`<div class="summary" role="alert"><p>${state.message}</p></div>` : ''}
<form method="post" action="${withLang(`${path}/feedback`, locale)}">
<fieldset class="field"><legend>${t.helpful}</legend>
<div class="field"><label for="feedback-comment">${t.comment}</label>
<textarea id="feedback-comment" name="comment" maxlength="1000" rows="3" dir="auto"></textarea>
<span class="hint">${t.commentHint}</span></div>
<div class="choices"><button type="submit" name="helpful" value="yes">${t.yes}</button><button type="submit" name="helpful" value="no" class="secondary">${t.no}</button></div>
</fieldset>
</form>
</section>`;
}

export function helpMessagePage(locale: Locale, message: string, baseUrl: string): string {
  return shell({ locale, title: message, path: '/help', baseUrl, indexable: false }, html`<h1>${message}</h1><p><a href="${withLang('/help', locale)}">${HELP_TEXT[locale].directory}</a></p>`);
}

/** The sitemap of one help center, in both languages. */
export function sitemap(home: HelpHome, baseUrl: string): string {
  const urls = [`/help/${home.organization.slug}`, ...home.entries.map((entry) => `/help/${home.organization.slug}/a/${entry.slug}`)];
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.flatMap((url) => (['ar', 'en'] as const).map((locale) => `<url><loc>${escape(`${baseUrl}${withLang(url, locale)}`)}</loc>${(['ar', 'en'] as const).map((alt) => `<xhtml:link rel="alternate" hreflang="${alt}" href="${escape(`${baseUrl}${withLang(url, alt)}`)}"/>`).join('')}</url>`)).join('\n')}
</urlset>`;
}
