import escapeHtml from 'escape-html';
import { LetterLocale } from './letter-dates';

export interface LetterDocument {
  locale: LetterLocale;
  organization: { nameAr: string; nameEn: string };
  letterhead: { lines: string[]; footer: string | null; logoDataUrl: string | null };
  number: string;
  dates: { hijri: string; gregorian: string };
  attachmentsCount: number;
  recipient: { name: string; address?: string | null };
  subject: string;
  body: string;
  sender: { name: string; title?: string | null };
}

const WORDS = {
  ar: { number: 'الرقم', date: 'التاريخ', corresponding: 'الموافق', attachments: 'المرفقات', to: 'المكرم', honorific: 'المحترم', subject: 'الموضوع', greeting: 'السلام عليكم ورحمة الله وبركاته، وبعد:', closing: 'وتقبلوا وافر التحية والتقدير،' },
  en: { number: 'No.', date: 'Date', corresponding: 'corresponding to', attachments: 'Attachments', to: 'To', honorific: '', subject: 'Subject', greeting: 'Dear Sir or Madam,', closing: 'Yours sincerely,' },
};

const e = (text: string) => escapeHtml(text);
const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => `<p dir="auto">${e(p.trim()).replace(/\n/g, '<br>')}</p>`).join('\n');

/**
 * An outgoing letter as one HTML document for Chromium to print: the
 * letterhead (logo, the organization's names, its lines), the register
 * number, both dates and the attachments, the recipient, subject and body,
 * the signature. Every text is escaped; the only image is the logo as a
 * data URL, so printing needs nothing from the network. Arabic letters are
 * RTL; numbers and references are isolated so they never reorder.
 */
export function letterHtml(doc: LetterDocument): string {
  const w = WORDS[doc.locale];
  const dir = doc.locale === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${doc.locale}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>${e(doc.subject)}</title>
<style>
@page { size: A4; margin: 18mm 18mm 20mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Naskh Arabic", "Amiri", "KacstOne", "Noto Sans Arabic", "DejaVu Serif", serif; font-size: 13.5pt; line-height: 1.75; color: #111; }
header { display: flex; align-items: center; justify-content: space-between; gap: 12mm; border-block-end: 2px solid #0b5cad; padding-block-end: 4mm; }
header .names { text-align: start; }
header .names .ar { font-size: 17pt; font-weight: 700; }
header .names .en { font-family: "DejaVu Serif", serif; font-size: 11pt; direction: ltr; unicode-bidi: isolate; }
header .lines { font-size: 9.5pt; color: #333; }
header img { max-block-size: 24mm; max-inline-size: 40mm; }
.meta { margin-block: 6mm 8mm; display: grid; grid-template-columns: auto 1fr; gap: 1mm 6mm; font-size: 11.5pt; }
.meta dt { font-weight: 700; }
.meta dd { margin: 0; }
.num { direction: ltr; unicode-bidi: isolate; font-family: "DejaVu Sans Mono", monospace; }
.recipient { margin-block-end: 4mm; font-weight: 700; }
.subject { margin-block: 4mm 6mm; font-weight: 700; text-decoration: underline; }
.signature { margin-block-start: 14mm; text-align: end; }
footer { position: fixed; inset-block-end: 0; inset-inline: 0; border-block-start: 1px solid #999; font-size: 9pt; color: #444; text-align: center; padding-block-start: 2mm; }
</style>
</head>
<body>
<header>
<div class="names">
<div class="ar" dir="rtl">${e(doc.organization.nameAr)}</div>
<div class="en">${e(doc.organization.nameEn)}</div>
${doc.letterhead.lines.length ? `<div class="lines">${doc.letterhead.lines.map((l) => `<div dir="auto">${e(l)}</div>`).join('')}</div>` : ''}
</div>
${doc.letterhead.logoDataUrl ? `<img src="${e(doc.letterhead.logoDataUrl)}" alt="">` : ''}
</header>
<dl class="meta">
<dt>${w.number}</dt><dd><span class="num" id="letter-number">${e(doc.number)}</span></dd>
<dt>${w.date}</dt><dd>${e(doc.dates.hijri)} ${w.corresponding} ${e(doc.dates.gregorian)}</dd>
<dt>${w.attachments}</dt><dd><span class="num">${doc.attachmentsCount}</span></dd>
</dl>
<div class="recipient">${w.to} / <bdi>${e(doc.recipient.name)}</bdi> ${w.honorific}${doc.recipient.address ? `<div dir="auto">${e(doc.recipient.address)}</div>` : ''}</div>
<p>${w.greeting}</p>
<div class="subject">${w.subject}: ${e(doc.subject)}</div>
${paragraphs(doc.body)}
<p>${w.closing}</p>
<div class="signature"><div><bdi>${e(doc.sender.name)}</bdi></div>${doc.sender.title ? `<div>${e(doc.sender.title)}</div>` : ''}</div>
${doc.letterhead.footer ? `<footer dir="auto">${e(doc.letterhead.footer)}</footer>` : ''}
</body>
</html>`;
}
