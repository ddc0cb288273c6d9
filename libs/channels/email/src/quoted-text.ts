/**
 * Separates what the sender wrote now from the history their client quoted
 * below it (Gmail, Outlook, Apple Mail, Thunderbird; English and Arabic). The
 * agent reads the new part; the full text is kept beside it. A forward is
 * never cut: what was forwarded is the message.
 */
export interface SplitText {
  /** What the sender wrote this time, trimmed. */
  newText: string;
  /** Everything from the first quote marker on, or '' when nothing was quoted. */
  quoted: string;
}

// Bidi marks Gmail and Outlook put around names and dates in Arabic attribution lines.
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A line that starts quoted history by itself. */
const SEPARATORS = [
  /^-{2,}\s*(original message|الرسالة الأصلية|الرسالة الاصلية)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];

/** An attribution line: "On <date>, <who> wrote:", "في <date> كتب <who>:". */
const ATTRIBUTIONS = [
  /^on\b.{4,300}\bwrote:\s*$/i,
  /^(في|فى)\s.{4,300}(كتب|كتبت)\s*(.{0,200})?:\s*$/,
  /^.{4,300}\s(كتب|كتبت)\s*:\s*$/,
  /^le\b.{4,300}\ba écrit\s*:\s*$/i,
  /^am\b.{4,300}\bschrieb\b.{0,200}:\s*$/i,
];

/** An Outlook header block: "From:" then, within a few lines, "Sent:" or "Date:" (or their Arabic forms). */
const HEADER_FROM = /^\*?(from|من)\s*:\*?\s*\S/i;
const HEADER_NEXT = /^\*?(sent|date|to|subject|تاريخ الإرسال|التاريخ|إلى|الى|الموضوع|مرسل)\s*:/i;

const FORWARD_MARKER = /^-{2,}\s*(forwarded message|begin forwarded message|رسالة (تمت )?إعادة توجيهها|الرسالة المعاد توجيهها)\s*-{0,}\s*:?\s*$/i;

function isOutlookHeader(lines: string[], index: number): boolean {
  if (!HEADER_FROM.test(lines[index]!)) return false;
  for (let next = index + 1; next < Math.min(lines.length, index + 5); next++) {
    if (HEADER_NEXT.test(lines[next]!)) return true;
  }
  return false;
}

/** Index of the first line of quoted history, or -1. */
function quoteStart(lines: string[]): number {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(BIDI, '').trim();
    if (FORWARD_MARKER.test(line)) return -1;
    if (SEPARATORS.some((pattern) => pattern.test(line))) return index;
    if (ATTRIBUTIONS.some((pattern) => pattern.test(line))) return index;
    // Gmail wraps long attributions: "On Sun, 1 Jan 2025 at 10:00, Someone <a@b.c>" / "wrote:".
    const next = lines[index + 1]?.replace(BIDI, '').trim() ?? '';
    if (/^(wrote|كتب|كتبت)\s*:\s*$/i.test(next) && /^(on\b|في\s|فى\s)/i.test(line)) return index;
    if (isOutlookHeader(lines.map((l) => l.replace(BIDI, '').trim()), index)) return index;
    // A run of "> " lines to the end of the message (allowing blank lines and a trailing signature of few lines).
    if (line.startsWith('>') && index > 0) {
      const rest = lines.slice(index).filter((l) => l.trim());
      const quoted = rest.filter((l) => l.trim().startsWith('>')).length;
      if (quoted >= rest.length * 0.8) return index;
    }
  }
  return -1;
}

export function splitQuotedText(text: string, options: { forward?: boolean } = {}): SplitText {
  const normalized = text.replace(/\r\n?/g, '\n');
  if (options.forward) return { newText: normalized.trim(), quoted: '' };
  const lines = normalized.split('\n');
  const start = quoteStart(lines);
  if (start <= 0) {
    // Nothing quoted, or the whole message is a quote (then it is all we have to show).
    return { newText: normalized.trim(), quoted: '' };
  }
  return { newText: lines.slice(0, start).join('\n').trim(), quoted: lines.slice(start).join('\n').trim() };
}
