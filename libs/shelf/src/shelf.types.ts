import type { Segment } from './shelf-text';

export type ShelfKind = 'document' | 'article';
export type ShelfAudience = 'internal' | 'public';
export type ShelfLanguage = 'ar' | 'en' | 'both';
export type Bilingual = { ar: string | null; en: string | null };

export interface ShelfCategory {
  id: string;
  slug: string;
  name: { ar: string; en: string };
  position: number;
}

export interface ShelfVersionSummary {
  number: number;
  language: ShelfLanguage;
  title: Bilingual;
  approval: string | null;
  approvedOn: string | null;
  changeNote: string | null;
  file: { name: string; contentType: string; sizeBytes: number } | null;
  textSource: 'extracted' | 'entered' | 'written' | null;
  textChars: number;
  createdAt: Date;
  createdBy: string | null;
  current: boolean;
}

export interface ShelfItemSummary {
  id: string;
  kind: ShelfKind;
  slug: string;
  audience: ShelfAudience;
  categoryId: string | null;
  archived: boolean;
  updatedAt: Date;
  /** The current version's facts. */
  current: ShelfVersionSummary;
  /** Where the help center shows it; null for internal items. */
  publicPath: string | null;
  feedback: { helpful: number; notHelpful: number };
}

export interface ShelfItemDetail extends ShelfItemSummary {
  /** The current version's article markup (sanitised); null for documents. */
  body: Bilingual;
  /** A document's text as searched (extracted or entered). */
  text: string | null;
  versions: ShelfVersionSummary[];
}

/** A search or suggestion answer: the item, and its passage that matched best. */
export interface ShelfHit {
  itemId: string;
  kind: ShelfKind;
  slug: string;
  audience: ShelfAudience;
  title: Bilingual;
  versionNumber: number;
  approval: string | null;
  approvedOn: string | null;
  passage: string;
  passageLocale: 'ar' | 'en' | null;
  segments: Segment[];
  publicPath: string | null;
}

export interface ShelfFeedback {
  id: string;
  itemId: string;
  title: Bilingual;
  versionNumber: number;
  locale: 'ar' | 'en';
  helpful: boolean;
  comment: string | null;
  createdAt: Date;
}

export interface ArticleInput {
  slug?: string;
  categoryId?: string | null;
  audience?: ShelfAudience;
  titleAr?: string | null;
  titleEn?: string | null;
  bodyAr?: string | null;
  bodyEn?: string | null;
  approval?: string | null;
  approvedOn?: string | null;
  changeNote?: string | null;
}

export interface DocumentInput {
  slug?: string;
  categoryId?: string | null;
  audience?: ShelfAudience;
  titleAr?: string | null;
  titleEn?: string | null;
  language: ShelfLanguage;
  approval?: string | null;
  approvedOn?: string | null;
  changeNote?: string | null;
  /** The text as typed in: required for a scanned page (an image), optional for a PDF or Word file whose own text is used otherwise. */
  text?: string | null;
  file: { fileName: string; bytes: Buffer };
}

export interface CategoryInput {
  slug: string;
  nameAr: string;
  nameEn: string;
  position?: number;
}
