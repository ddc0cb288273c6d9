import { request } from '../api/http';

export type FieldType = 'text' | 'phone' | 'email' | 'national_id' | 'gender' | 'branch' | 'date' | 'file' | 'choice';
export type FileKind = 'pdf' | 'jpeg' | 'png' | 'webp';
export interface Localized { ar: string; en: string }

export interface FormField {
  key: string;
  type: FieldType;
  label: Localized;
  help?: Localized;
  required: boolean;
  role?: 'name' | 'subject' | 'message';
  multiline?: boolean;
  maxLength?: number;
  options?: { value: string; label: Localized }[];
  notAfterToday?: boolean;
  accept?: FileKind[];
  maxFiles?: number;
  maxBytes?: number;
}

export interface FormDefinition {
  id: string;
  slug: string;
  preset: string | null;
  ticketType: string;
  title: Localized;
  description: Partial<Localized>;
  fields: FormField[];
  allowAnonymous: boolean;
  enabled: boolean;
}

export type FormChanges = Pick<FormDefinition, 'ticketType' | 'title' | 'description' | 'fields' | 'allowAnonymous' | 'enabled'>;

export const formsAdminApi = {
  list: () => request<FormDefinition[]>('GET', '/admin/forms'),
  update: (id: string, changes: FormChanges) => request<FormDefinition>('PATCH', `/admin/forms/${id}`, changes),
};
