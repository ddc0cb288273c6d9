/** The kinds of file the product accepts anywhere: forms take the first four, the reference shelf Word documents too. */
export type FileKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'docx';

const CONTENT_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

/**
 * What a file is by its first bytes, never by the name or the type the
 * browser claimed: a renamed executable is refused. Five kinds only, so a
 * signature check is enough (the file-type package is ESM-only, which the
 * CommonJS build here cannot load). A Word document is a ZIP whose first
 * entries name `[Content_Types].xml` or `word/`; whether it really is one is
 * settled when mammoth opens it.
 */
export function sniffFile(bytes: Buffer): FileKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = bytes.subarray(0, 4096).toString('latin1');
    if (head.includes('[Content_Types].xml') || head.includes('word/')) return 'docx';
  }
  return null;
}

export const contentTypeOf = (kind: FileKind) => CONTENT_TYPES[kind];

/** A file name safe to show and store: no path, no control or bidi characters, bounded. */
export function safeFileName(name: string, kind: FileKind): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 120);
  const extension = kind === 'jpeg' ? 'jpg' : kind;
  if (!cleaned) return `file.${extension}`;
  return new RegExp(`\\.${extension}$|\\.jpeg$`, 'i').test(cleaned) ? cleaned : `${cleaned}.${extension}`;
}
