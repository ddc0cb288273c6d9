export type ScanKind = 'pdf' | 'jpeg' | 'png';

const CONTENT_TYPES: Record<ScanKind, string> = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png' };

/**
 * A scanned page by its first bytes (the forms channel has the same check
 * for its uploads; channel folders share nothing sideways).
 */
export function sniffScan(bytes: Buffer): ScanKind | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return null;
}

export const scanContentType = (kind: ScanKind) => CONTENT_TYPES[kind];
