import { execFile } from 'node:child_process';
import { convert as htmlToText } from 'html-to-text';
import mammoth from 'mammoth';
import sanitizeHtml from 'sanitize-html';
import { InvalidError, normalizeArabic } from '@inbox/core';
import type { FileKind } from '@inbox/storage';

/** A passage is about a paragraph: long enough to answer, short enough to paste into a WhatsApp reply. */
const PASSAGE_MIN = 160;
const PASSAGE_MAX = 900;
/** pdftotext gets this long for a document before it is given up on. */
const EXTRACT_TIMEOUT_MS = 30_000;
export const SHELF_TEXT_MAX = 400_000;

export class TextExtractionUnavailable extends Error {}

/**
 * The text of an uploaded document. PDFs go through poppler's pdftotext
 * (bidirectional Arabic comes out in reading order), Word documents through
 * mammoth; a scanned page (an image) has no text until someone enters it.
 */
export async function extractText(kind: FileKind, bytes: Buffer): Promise<string> {
  if (kind === 'pdf') return cleanPdfText(await pdfText(bytes));
  if (kind === 'docx') {
    try {
      return (await mammoth.extractRawText({ buffer: bytes })).value;
    } catch {
      throw new InvalidError('file', 'The Word document could not be read; save it again as .docx or upload a PDF');
    }
  }
  return '';
}

/** Bidi controls pdftotext wraps right-to-left runs in; the passages are plain text, direction is the page's business. */
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** A harakah that came out before its letter, split from the rest of the word ("ُت صرف" for "تُصرف"): no Arabic word starts with one. */
const DETACHED_MARK = /(^|\s)([\u064B-\u065F\u0670])([\u0621-\u064A])\s(?=[\u0621-\u064A])/gmu;

/** pdftotext's Arabic as it was written: without its bidi marks, each harakah back on its letter. */
export function cleanPdfText(text: string): string {
  return text.replace(BIDI_CONTROLS, '').replace(DETACHED_MARK, '$1$3$2');
}

function pdfText(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-enc', 'UTF-8', '-nopgbrk', '-', '-'], { timeout: EXTRACT_TIMEOUT_MS, maxBuffer: 8 * 1024 * 1024 }, (error, stdout) => {
      if (!error) return resolve(stdout);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(new TextExtractionUnavailable('pdftotext (poppler-utils) is not installed on this server'));
      }
      reject(new InvalidError('file', 'The PDF could not be read; it may be damaged or protected by a password'));
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(bytes);
  });
}

const ARTICLE_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'hr', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel'], '*': ['dir'] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }, true) },
  allowedSchemesAppliedToAttributes: ['href'],
};

/** An article as the editor sent it, reduced to the markup the shelf and the help center show (no scripts, styles, images or frames). */
export function sanitizeArticle(markup: string): string {
  return sanitizeHtml(markup, ARTICLE_HTML).trim();
}

/** The reading text of an article's markup, paragraphs kept apart by blank lines. */
export function articleText(markup: string): string {
  return htmlToText(markup, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'h4', options: { uppercase: false } },
      { selector: 'ul', options: { itemPrefix: '• ' } },
    ],
  });
}

/**
 * Text cut into passages at paragraph breaks: short paragraphs (a heading,
 * a one-line rule) join the next, long ones are cut at a sentence or a line.
 */
export function passages(text: string): string[] {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim())
    .filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (const paragraph of paragraphs.flatMap(cutLong)) {
    if (!current) current = paragraph;
    else if (current.length < PASSAGE_MIN && current.length + paragraph.length + 2 <= PASSAGE_MAX) current += `\n\n${paragraph}`;
    else {
      out.push(current);
      current = paragraph;
    }
  }
  if (current) out.push(current);
  return out;
}

function cutLong(paragraph: string): string[] {
  if (paragraph.length <= PASSAGE_MAX) return [paragraph];
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > PASSAGE_MAX) {
    const window = rest.slice(0, PASSAGE_MAX);
    const cut = Math.max(window.lastIndexOf('. '), window.lastIndexOf('؟ '), window.lastIndexOf('؛ '), window.lastIndexOf('\n'));
    const at = cut > PASSAGE_MIN ? cut + 1 : Math.max(window.lastIndexOf(' '), PASSAGE_MIN);
    pieces.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Words as search sees them: normalised (alef forms, taa marbuta, diacritics, digits), letters and digits only. */
export function searchWords(text: string): string[] {
  return normalizeArabic(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/** A part of a passage, marked when one of the searched words starts there. */
export interface Segment {
  text: string;
  match: boolean;
}

/**
 * The passage cut into plain and matched parts, for the shelf and the help
 * center to mark without ever putting the passage into markup. A word
 * matches when its normalised form starts with a searched word (the search
 * itself is by prefix).
 */
export function highlight(passage: string, terms: string[]): Segment[] {
  if (!terms.length) return [{ text: passage, match: false }];
  const out: Segment[] = [];
  const push = (text: string, match: boolean) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += text;
    else out.push({ text, match });
  };
  for (const piece of passage.split(/([\p{L}\p{M}\p{N}]+)/u)) {
    const word = normalizeArabic(piece);
    push(piece, /[\p{L}\p{N}]/u.test(piece) && terms.some((term) => word.startsWith(term) || (word.startsWith('ال') && word.slice(2).startsWith(term))));
  }
  return out;
}

/** Words too common to say what a message is about; dropped from the suggestions' query. */
const STOP_WORDS = new Set(searchWords(`
  في من على عن الى إلى مع او أو ثم ان أن إن لا ما هل هذا هذه ذلك تلك التي الذي الذين هو هي هم انا أنا نحن انت أنت كان كانت يكون
  لقد قد كل بعد قبل عند حتى اذا إذا لكن بل لم لن كيف متى اين أين لماذا ماذا اي أي عليكم السلام ورحمة الله وبركاته مرحبا شكرا
  the a an and or of to in on for with is are was were be been this that these those it its at by from as please thanks hello hi
  i you we they my your our dear regards
`));

/**
 * The suggestion query for a ticket: its subject's and latest messages' distinct
 * words (stop words and short words out), each also with or without the
 * definite article, any of them matching; ranking puts the passages that
 * share the most words first.
 */
export function suggestionQuery(text: string, maxWords = 14): string | null {
  const seen = new Set<string>();
  for (const word of searchWords(text)) {
    if (word.length < 3 || STOP_WORDS.has(word) || /^\d+$/.test(word)) continue;
    seen.add(word);
    if (seen.size >= maxWords) break;
  }
  const terms = new Set<string>();
  for (const word of seen) {
    terms.add(word);
    const bare = word.replace(/^(وال|بال|فال|كال|لل|ال)/, '');
    if (bare !== word && bare.length >= 3) {
      terms.add(bare);
      terms.add(`ال${bare}`);
    } else if (!/^[a-z]/.test(word)) terms.add(`ال${word}`);
  }
  return terms.size ? [...terms].map((term) => term.replace(/'/g, '')).filter(Boolean).join(' | ') : null;
}

/** The words of a suggestion query, for highlighting. */
export const queryTerms = (tsquery: string) => tsquery.split(/\s*[|&]\s*/).map((term) => term.replace(/:\*$/, '')).filter(Boolean);
