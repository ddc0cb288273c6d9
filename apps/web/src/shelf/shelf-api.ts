import { downloadFile, request } from '../api/http';

/** The shelf's shapes as the api sends them (libs/shelf/src/shelf.types.ts). */
export type Bilingual = { ar: string | null; en: string | null };
export interface ShelfCategory { id: string; slug: string; name: { ar: string; en: string }; position: number }
export interface ShelfVersion {
  number: number; language: 'ar' | 'en' | 'both'; title: Bilingual; approval: string | null; approvedOn: string | null; changeNote: string | null;
  file: { name: string; contentType: string; sizeBytes: number } | null; textSource: 'extracted' | 'entered' | 'written' | null; textChars: number;
  createdAt: string; createdBy: string | null; current: boolean;
}
export interface ShelfItem {
  id: string; kind: 'document' | 'article'; slug: string; audience: 'internal' | 'public'; categoryId: string | null; archived: boolean; updatedAt: string;
  current: ShelfVersion; publicPath: string | null; feedback: { helpful: number; notHelpful: number };
}
export interface ShelfItemDetail extends ShelfItem { body: Bilingual; text: string | null; versions: ShelfVersion[] }
export interface ShelfHit {
  itemId: string; kind: 'document' | 'article'; slug: string; audience: 'internal' | 'public'; title: Bilingual; versionNumber: number;
  approval: string | null; approvedOn: string | null; passage: string; passageLocale: 'ar' | 'en' | null; segments: { text: string; match: boolean }[];
  publicPath: string | null;
}
export interface ShelfFeedback { id: string; itemId: string; title: Bilingual; versionNumber: number; locale: 'ar' | 'en'; helpful: boolean; comment: string | null; createdAt: string }
export interface ArticleInput {
  slug?: string; categoryId?: string; audience?: 'internal' | 'public'; titleAr?: string; titleEn?: string; bodyAr?: string; bodyEn?: string;
  approval?: string; approvedOn?: string; changeNote?: string;
}

export const shelfApi = {
  categories: () => request<ShelfCategory[]>('GET', '/shelf/categories'),
  addCategory: (category: { slug: string; nameAr: string; nameEn: string }) => request<ShelfCategory>('POST', '/shelf/categories', category),
  items: (archived = false) => request<ShelfItem[]>('GET', `/shelf/items${archived ? '?archived=true' : ''}`),
  item: (id: string) => request<ShelfItemDetail>('GET', `/shelf/items/${id}`),
  search: (q: string) => request<ShelfHit[]>('GET', `/shelf/search?q=${encodeURIComponent(q)}`),
  suggestions: (ticketId: string) => request<ShelfHit[]>('GET', `/shelf/suggestions/${ticketId}`),
  feedback: () => request<ShelfFeedback[]>('GET', '/shelf/feedback'),
  createArticle: (input: ArticleInput) => request<ShelfItemDetail>('POST', '/shelf/articles', input),
  reviseArticle: (id: string, input: ArticleInput) => request<ShelfItemDetail>('POST', `/shelf/articles/${id}/versions`, input),
  /** The form's own fields, the file among them (multipart). */
  createDocument: (form: FormData) => request<ShelfItemDetail>('POST', '/shelf/documents', form),
  reviseDocument: (id: string, form: FormData) => request<ShelfItemDetail>('POST', `/shelf/documents/${id}/versions`, form),
  update: (id: string, change: { audience?: 'internal' | 'public'; archived?: boolean; categoryId?: string | null }) => request<ShelfItemDetail>('PATCH', `/shelf/items/${id}`, change),
  makeCurrent: (id: string, number: number) => request<ShelfItemDetail>('POST', `/shelf/items/${id}/current`, { number }),
  download: (id: string, number: number, fileName: string) => downloadFile(`/shelf/items/${id}/versions/${number}/file`, fileName),
};

/** The title in the reader's language, else the other one. */
export const titleIn = (title: Bilingual, locale: 'ar' | 'en') => (locale === 'ar' ? title.ar ?? title.en : title.en ?? title.ar) ?? '';
export const publicLink = (path: string | null) => (path ? `${location.origin}${path}` : null);
