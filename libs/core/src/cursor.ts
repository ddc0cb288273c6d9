import { InvalidError } from './domain.error';

/** Opaque keyset cursor: the sort key and id of the last row of a page. */
export interface KeysetCursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): KeysetCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
      throw new Error('shape');
    }
    return { at, id };
  } catch {
    throw new InvalidError('cursor', 'cursor is not valid');
  }
}
