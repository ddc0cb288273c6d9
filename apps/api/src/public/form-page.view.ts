import { DEFAULT_DECLARATION, fileLimits, FieldProblem, FormField, isIdentityField, Locale, PublicForm, SubmissionReceipt } from '@inbox/channels/forms';
import { html, SafeHtml } from './html';
import { page } from './page-layout';
import { PAGE_TEXT, PageText } from './page-text';

export interface FormPageModel {
  publicForm: PublicForm;
  locale: Locale;
  /** Where the form posts (the page's own address, with its language). */
  action: string;
  switchHref: string | null;
  embed: boolean;
  scriptNonce?: string;
  values: Record<string, string>;
  anonymous: boolean;
  declaration: boolean;
  problems: FieldProblem[];
  /** A refusal that is about the whole submission (too many, too large). */
  banner?: string;
}

/** Form inputs are named `v.<key>`, so no field key can collide with the page's own inputs. */
export const inputName = (key: string) => `v.${key}`;

const KIND_NAMES: Record<string, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG', webp: 'WebP' };
const ACCEPT: Record<string, string> = { pdf: '.pdf,application/pdf', jpeg: '.jpg,.jpeg,image/jpeg', png: '.png,image/png', webp: '.webp,image/webp' };

function control(field: FormField, model: FormPageModel, t: PageText, describedBy: string): SafeHtml {
  const { locale } = model;
  const value = model.values[field.key] ?? '';
  const id = `field-${field.key}`;
  const name = inputName(field.key);
  const common = { id, name, required: field.required };
  const attrs = html`id="${common.id}" name="${common.name}"${common.required ? html` required` : ''} aria-describedby="${describedBy}"`;
  switch (field.type) {
    case 'text':
      return field.multiline
        ? html`<textarea ${attrs} dir="auto" maxlength="${field.maxLength ?? 4000}">${value}</textarea>`
        : html`<input type="text" ${attrs} dir="auto" value="${value}" maxlength="${field.maxLength ?? 300}"${field.role === 'name' ? html` autocomplete="name"` : ''}>`;
    case 'phone':
      return html`<input type="tel" ${attrs} class="ltr" dir="ltr" inputmode="tel" autocomplete="tel" value="${value}" maxlength="25">`;
    case 'email':
      return html`<input type="email" ${attrs} class="ltr" dir="ltr" autocomplete="email" value="${value}" maxlength="254">`;
    case 'national_id':
      return html`<input type="text" ${attrs} class="ltr" dir="ltr" inputmode="numeric" autocomplete="off" value="${value}" maxlength="12">`;
    case 'date':
      return html`<input type="date" ${attrs} class="ltr" value="${value}">`;
    case 'branch':
      return html`<select ${attrs}><option value="">${t.choose}</option>${model.publicForm.branches.map((b) =>
        html`<option value="${b.id}"${b.id === value ? html` selected` : ''}>${b.name[locale]}</option>`)}</select>`;
    case 'choice':
      return html`<select ${attrs}><option value="">${t.choose}</option>${(field.options ?? []).map((o) =>
        html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label[locale]}</option>`)}</select>`;
    case 'file': {
      const limits = fileLimits(field);
      return html`<input type="file" ${attrs} accept="${limits.accept.map((k) => ACCEPT[k]).join(',')}"${limits.maxFiles > 1 ? html` multiple` : ''}>`;
    }
    default:
      return html``;
  }
}

function fieldBlock(field: FormField, model: FormPageModel, t: PageText): SafeHtml {
  const { locale } = model;
  const errors = model.problems.filter((p) => p.field === field.key);
  const hintId = `hint-${field.key}`;
  const errorId = `error-${field.key}`;
  const limits = field.type === 'file' ? fileLimits(field) : null;
  const hint = [field.help?.[locale], limits ? t.filesHelp(limits.accept.map((k) => KIND_NAMES[k]).join(locale === 'ar' ? '، ' : ', '), limits.maxFiles, Math.round(limits.maxBytes / 1048576)) : null]
    .filter(Boolean).join(' — ');
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ');
  const classes = ['field', errors.length ? 'invalid' : '', model.publicForm.form.allowAnonymous && (isIdentityField(field) || field.role === 'name') ? 'identity' : '']
    .filter(Boolean).join(' ');
  const tag = html`<span class="tag">(${field.required ? t.required : t.optional})</span>`;
  const errorText = errors.length ? html`<span class="error" id="${errorId}">${errors.map((e) => e.message[locale]).join(' ')}</span>` : '';
  if (field.type === 'gender') {
    const value = model.values[field.key] ?? '';
    return html`<fieldset class="${classes}"${errors.length ? html` aria-invalid="true"` : ''}>
<legend>${field.label[locale]} ${tag}</legend>
<div class="choices">
<label><input type="radio" id="field-${field.key}" name="${inputName(field.key)}" value="male"${value === 'male' ? html` checked` : ''}${field.required ? html` required` : ''}> ${t.male}</label>
<label><input type="radio" name="${inputName(field.key)}" value="female"${value === 'female' ? html` checked` : ''}> ${t.female}</label>
</div>
${hint ? html`<span class="hint" id="${hintId}">${hint}</span>` : ''}${errorText}
</fieldset>`;
  }
  return html`<div class="${classes}">
<label for="field-${field.key}">${field.label[locale]} ${tag}</label>
${control(field, model, t, describedBy)}
${hint ? html`<span class="hint" id="${hintId}">${hint}</span>` : ''}${errorText}
</div>`;
}

/** The public form: plain HTML that works without JavaScript, native hints where browsers give them, the server checking everything. */
export function formPage(model: FormPageModel): string {
  const { form, organization } = model.publicForm;
  const { locale } = model;
  const t = PAGE_TEXT[locale];
  const labelOf = (key: string) => form.fields.find((f) => f.key === key)?.label[locale] ?? (key === 'declaration' ? t.declaration : '');
  const declarationErrors = model.problems.filter((p) => p.field === 'declaration');
  const summary = model.problems.length || model.banner
    ? html`<div class="summary" role="alert" tabindex="-1" id="problems">
<p>${model.banner ?? t.problems}</p>
${model.problems.length ? html`<ul>${model.problems.map((p) =>
    html`<li><a href="#field-${p.field}">${labelOf(p.field)}</a>${labelOf(p.field) ? ': ' : ''}${p.message[locale]}</li>`)}</ul>` : ''}
</div>`
    : '';
  const body = html`<h1 dir="auto">${form.title[locale]}</h1>
${form.description[locale] ? html`<p class="lead" dir="auto">${form.description[locale]}</p>` : ''}
${summary}
<form method="post" action="${model.action}" enctype="multipart/form-data" accept-charset="utf-8">
${form.allowAnonymous ? html`<div class="anonymous"><label class="check"><input type="checkbox" id="anonymous" name="anonymous" value="yes"${model.anonymous ? html` checked` : ''}>
<span>${t.anonymous}<span class="hint">${t.anonymousHelp}</span></span></label></div>` : ''}
${form.fields.filter((field) => field.type !== 'branch' || model.publicForm.branches.length > 0).map((field) => fieldBlock(field, model, t))}
<div class="field declaration${declarationErrors.length ? ' invalid' : ''}">
<label class="check" for="field-declaration"><input type="checkbox" id="field-declaration" name="declaration" value="yes" required${model.declaration ? html` checked` : ''}>
<span dir="auto">${form.declaration[locale] || DEFAULT_DECLARATION[locale]}</span></label>
${declarationErrors.length ? html`<span class="error">${declarationErrors.map((e) => e.message[locale]).join(' ')}</span>` : ''}
</div>
<div class="hp" aria-hidden="true"><label>Website <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<input type="hidden" name="lang" value="${locale}">
<button type="submit">${t.send}</button>
</form>`;
  return page({ locale, title: form.title[locale], organization: organization.name[locale], switchHref: model.switchHref, embed: model.embed, scriptNonce: model.scriptNonce }, body);
}

export function receiptPage(publicForm: PublicForm, receipt: SubmissionReceipt, locale: Locale, trackHref: string, embed: boolean, scriptNonce?: string): string {
  const t = PAGE_TEXT[locale];
  const body = html`<h1>${t.receivedTitle}</h1>
<p class="lead">${t.receivedBody}</p>
<dl class="facts">
<dt>${t.reference}</dt><dd>${receipt.reference ? html`<bdi class="code" id="reference">${receipt.reference}</bdi>` : t.referenceLater}</dd>
<dt>${t.trackingCode}</dt><dd><bdi class="code" id="tracking-code">${receipt.trackingCode}</bdi></dd>
</dl>
${receipt.anonymous ? html`<p>${t.anonymousReceived}</p>` : ''}
<p><a href="${trackHref}"${embed ? html` target="_blank" rel="noopener"` : ''}>${t.trackLink}</a></p>`;
  return page({ locale, title: t.receivedTitle, organization: publicForm.organization.name[locale], embed, scriptNonce }, body);
}

export function messagePage(locale: Locale, title: string, text: string): string {
  return page({ locale, title }, html`<h1>${title}</h1><p>${text}</p>`);
}
