import { Client } from 'pg';
import { normalizeArabic } from './arabic-normalize';

/** The SQL inbox_normalize() (indexes) and normalizeArabic() (queries, routing) must agree, or search misses. */
describe('inbox_normalize in PostgreSQL', () => {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it.each(['أحمد', 'إبراهيم', 'آمنة ٱلحلوة', 'مستشفى', 'مدرسة', 'مُحَمَّد', 'جمـــيل', 'مسؤول', 'رئيس', '٠٥٠٩٩٩٤٥١٤ ۱۲', 'Sara ALI'])(
    'normalises %s as the application does',
    async (text) => {
      const { rows } = await client.query('SELECT inbox_normalize($1) AS value', [text]);
      expect(rows[0].value).toBe(normalizeArabic(text));
    },
  );
});
