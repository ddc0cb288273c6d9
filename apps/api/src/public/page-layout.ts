import { Locale } from '@inbox/channels/forms';
import { html, SafeHtml, trusted } from './html';

/**
 * Mobile first, logical properties only (the same sheet serves RTL and LTR),
 * system fonts that carry Arabic (Noto Naskh / Noto Sans Arabic on Linux and
 * Android, Geeza / SF Arabic on Apple, Segoe UI / Tahoma on Windows), no
 * external requests. Colours keep WCAG AA contrast; state is never colour
 * alone (errors carry text and an icon-free marker).
 */
const CSS = trusted(`
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:"IBM Plex Sans Arabic","Noto Sans Arabic","Noto Naskh Arabic","Segoe UI",Tahoma,system-ui,sans-serif;font-size:1.0625rem;line-height:1.6;color:#1b1f24;background:#f4f6f8}
body.embed{background:transparent}
.page{max-inline-size:40rem;margin-inline:auto;padding:1rem}
.card{background:#fff;border:1px solid #d5dbe1;border-radius:.75rem;padding:1.25rem}
header.top{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem;margin-block-end:.75rem}
.org{margin:0;font-weight:600;color:#33404d}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 .5rem}
.lead{margin:0 0 1rem;color:#3d4a57}
a{color:#0b5cad}
.field{margin-block:0 1.1rem;border:0;padding:0;min-inline-size:0}
.field>label,.field>legend{display:block;font-weight:600;margin-block-end:.3rem;padding:0}
.hint,.tag{font-weight:400;color:#4f5b67;font-size:.9rem}
.hint{display:block;margin-block-start:.2rem}
input[type=text],input[type=tel],input[type=email],input[type=date],input[type=search],select,textarea{display:block;inline-size:100%;font:inherit;padding:.65rem .75rem;border:1px solid #8a96a3;border-radius:.5rem;background:#fff;color:inherit;min-block-size:2.9rem}
textarea{min-block-size:8rem;resize:vertical}
input:focus-visible,select:focus-visible,textarea:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
input[type=file]{display:block;inline-size:100%;font:inherit;padding:.4rem 0}
.choices{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}
.choices label{display:inline-flex;align-items:center;gap:.4rem;font-weight:400;min-block-size:2.75rem}
input[type=radio],input[type=checkbox]{inline-size:1.25rem;block-size:1.25rem;margin:0;flex:none}
.field>label.check,.check{display:flex;align-items:flex-start;gap:.6rem;font-weight:400}
.check input{margin-block-start:.3rem}
.ltr{direction:ltr;text-align:start}
[dir=rtl] .ltr{text-align:end}
.invalid input,.invalid select,.invalid textarea{border-color:#b3261e;border-width:2px}
.error{display:block;color:#b3261e;font-weight:600;margin-block-start:.3rem}
.error::before{content:"⚠ ";}
.summary{border:2px solid #b3261e;border-radius:.5rem;padding:.75rem 1rem;margin-block-end:1rem;background:#fdf1f0}
.summary p{margin:0 0 .3rem;font-weight:700}
.summary ul{margin:0;padding-inline-start:1.2rem}
.declaration{background:#f1f5f9;border-radius:.5rem;padding:.75rem}
button{font:inherit;font-weight:700;inline-size:100%;min-block-size:3rem;padding:.7rem 1.25rem;border:0;border-radius:.5rem;background:#0b5cad;color:#fff;cursor:pointer}
button:hover{background:#094a8c}
.hp{position:absolute;inset-inline-start:-10000px;inline-size:1px;block-size:1px;overflow:hidden}
.code{font-size:1.4rem;font-weight:700;letter-spacing:.08em;font-family:ui-monospace,Menlo,Consolas,monospace}
dl.facts{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.4rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600;color:#33404d}
dl.facts dd{margin:0;min-width:0}
dl.facts .code{font-size:1.15rem;letter-spacing:.04em;white-space:nowrap}
.status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;border:1px solid currentColor;font-weight:700}
.notice{white-space:pre-line;background:#f1f5f9;border-radius:.5rem;padding:.75rem}
.anonymous{border:1px dashed #8a96a3;border-radius:.5rem;padding:.75rem;margin-block-end:1rem}
form:has(#anonymous:checked) .identity{display:none}
.crumbs{margin:0 0 .75rem;font-size:.95rem;color:#4f5b67}
.search{display:flex;gap:.5rem;margin-block:0 1.25rem}
.search input{flex:1;min-inline-size:0}
.search button{inline-size:auto;min-block-size:2.9rem;padding-block:.5rem}
.entries{list-style:none;margin:0 0 1.25rem;padding:0}
.entries li{border-block-end:1px solid #e3e8ed;padding-block:.6rem}
.entries li:last-child{border-block-end:0}
.entries .kind{font-size:.85rem;color:#4f5b67;margin-inline-start:.4rem}
h2{font-size:1.2rem;margin:1.25rem 0 .5rem}
.hit{border-block-end:1px solid #e3e8ed;padding-block:.75rem}
.hit p{margin:.3rem 0 0;white-space:pre-line}
mark{background:#fff1b8;color:inherit;padding:0 .1em;border-radius:.2em}
.article{overflow-wrap:anywhere}
.article h2,.article h3,.article h4{margin-block:1.25rem .5rem}
.article blockquote{margin-inline:0;padding-inline-start:1rem;border-inline-start:4px solid #d5dbe1;color:#3d4a57}
.article pre{white-space:pre-wrap}
.doc-text{white-space:pre-line;background:#f8fafb;border-radius:.5rem;padding:.75rem 1rem;max-block-size:30rem;overflow:auto}
.meta{color:#4f5b67;font-size:.95rem;margin:0 0 1rem}
.note{background:#f1f5f9;border-radius:.5rem;padding:.5rem .75rem}
.feedback{margin-block-start:1.5rem;border-block-start:1px solid #e3e8ed;padding-block-start:1rem}
.feedback .choices button{inline-size:auto;min-inline-size:6rem}
.feedback .secondary{background:#fff;color:#0b5cad;border:2px solid #0b5cad}
.feedback .secondary:hover{background:#eef4fb}
@media (min-width:48rem){.page{padding-block:2rem}.card{padding:2rem}button{inline-size:auto}}
`);

export interface PageOptions {
  locale: Locale;
  title: string;
  organization?: string;
  /** Where the other language lives; omitted on pages reached by POST. */
  switchHref?: string | null;
  embed?: boolean;
  /** A nonce for the one inline script the embed page has (its height, for the host page). */
  scriptNonce?: string;
  /** Pages search engines may index (the help center); every other public page says noindex. */
  index?: { canonical: string; alternates: { lang: string; href: string }[]; description?: string };
}

export function page(options: PageOptions, body: SafeHtml): string {
  const dir = options.locale === 'ar' ? 'rtl' : 'ltr';
  const other = options.locale === 'ar' ? { lang: 'en', label: 'English' } : { lang: 'ar', label: 'العربية' };
  return html`<!doctype html>
<html lang="${options.locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.index ? html`<meta name="robots" content="index,follow">
<link rel="canonical" href="${options.index.canonical}">
${options.index.alternates.map((a) => html`<link rel="alternate" hreflang="${a.lang}" href="${a.href}">
`)}${options.index.description ? html`<meta name="description" content="${options.index.description}">
` : ''}` : html`<meta name="robots" content="noindex">
`}<link rel="icon" href="data:,">
<title>${options.title}${options.organization ? ` — ${options.organization}` : ''}</title>
<style>${CSS}</style>
</head>
<body class="${options.embed ? 'embed' : ''}">
<main class="page">
<div class="card">
<header class="top">
${options.organization ? html`<p class="org" dir="auto">${options.organization}</p>` : ''}
${options.switchHref ? html`<a href="${options.switchHref}" lang="${other.lang}" hreflang="${other.lang}">${other.label}</a>` : ''}
</header>
${body}
</div>
</main>
${options.embed && options.scriptNonce ? html`<script nonce="${options.scriptNonce}">
(function(){function send(){parent.postMessage({type:"inbox-form-height",height:document.documentElement.scrollHeight},"*")}
addEventListener("load",send);addEventListener("resize",send);if(window.ResizeObserver){new ResizeObserver(send).observe(document.body)}})();
</script>` : ''}
</body>
</html>`.value;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date as people here read it: Hijri (Umm al-Qura) beside Gregorian, in the organization's zone. */
export function bothCalendars(date: Date, locale: Locale, timeZone: string): string {
  const format = (calendar: 'islamic-umalqura' | 'gregory') => {
    const key = `${locale}|${calendar}|${timeZone}`;
    let formatter = formatters.get(key);
    if (!formatter) {
      formatter = new Intl.DateTimeFormat(`${locale === 'ar' ? 'ar-SA' : 'en-GB'}-u-ca-${calendar}-nu-latn`, { dateStyle: 'long', timeZone });
      formatters.set(key, formatter);
    }
    return formatter.format(date);
  };
  return `${format('islamic-umalqura')} (${format('gregory')})`;
}
