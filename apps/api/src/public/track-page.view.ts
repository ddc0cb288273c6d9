import { Locale, TrackedRequest } from '@inbox/channels/forms';
import { html } from './html';
import { bothCalendars, page } from './page-layout';
import { PAGE_TEXT } from './page-text';

export interface TrackPageModel {
  locale: Locale;
  code: string;
  result: (TrackedRequest & { timeZone: string }) | null;
  notFound: boolean;
  banner?: string;
}

/** Status only: the reference, where it stands, when it was submitted and last changed, a complaint's closure notice. Nothing written inside. */
export function trackPage(model: TrackPageModel): string {
  const t = PAGE_TEXT[model.locale];
  const { result } = model;
  const when = (date: Date | null) => (date && result ? bothCalendars(new Date(date), model.locale, result.timeZone) : '—');
  const body = html`<h1>${t.trackTitle}</h1>
<p class="lead">${t.trackIntro}</p>
${model.banner ? html`<div class="summary" role="alert"><p>${model.banner}</p></div>` : ''}
${model.notFound ? html`<div class="summary" role="alert"><p>${t.notFound}</p></div>` : ''}
${result ? html`<section aria-live="polite" id="result">
<dl class="facts">
${result.reference ? html`<dt>${t.reference}</dt><dd><bdi class="code">${result.reference}</bdi></dd>` : ''}
<dt>${t.status}</dt><dd><span class="status" id="status" data-status="${result.status}">${t.statuses[result.status]}</span></dd>
<dt>${t.submittedAt}</dt><dd>${when(result.submittedAt)}</dd>
${result.updatedAt ? html`<dt>${t.updatedAt}</dt><dd>${when(result.updatedAt)}</dd>` : ''}
</dl>
${result.notice ? html`<h2>${t.notice}</h2><p class="notice" dir="auto">${result.notice}</p>` : ''}
</section>` : ''}
<form method="post" action="/track?lang=${model.locale}">
<div class="field"><label for="field-code">${t.trackingCode}</label>
<input type="text" id="field-code" name="code" class="ltr" dir="ltr" autocomplete="off" autocapitalize="characters" spellcheck="false" required maxlength="40" value="${model.code}"></div>
<button type="submit">${t.trackButton}</button>
</form>`;
  return page({ locale: model.locale, title: t.trackTitle, switchHref: `/track?lang=${model.locale === 'ar' ? 'en' : 'ar'}` }, body);
}
