import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { Browser } from 'playwright-core';
import { createOrganization, Http, inbound, TestOrganization, uniquePhone } from './helpers/factories';
import { startTestApp, TestApp } from './helpers/test-app';
import { launchBrowser } from './browser/helpers/browser';

jest.setTimeout(120_000);

/** A PDF with Arabic text, made the way an association makes one: printed to PDF by Chromium. */
async function arabicPdf(browser: Browser, paragraphs: string[]): Promise<Buffer> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><html lang="ar" dir="rtl"><body style="font-family:'Noto Naskh Arabic','Noto Sans Arabic',serif;font-size:16px">
      ${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`);
    return await page.pdf({ format: 'A4' });
  } finally {
    await page.close();
  }
}

/** The smallest Word document mammoth reads: one paragraph per line. */
async function docx(lines: string[]): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${lines.map((line) => `<w:p><w:r><w:t>${line}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer' });
}

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * The reference shelf and the help center over HTTP: uploads (PDF made by
 * Chromium, Word, a scanned page), search with another alef form, versions,
 * who may write, suggestions that keep to the ticket's visibility, and the
 * public pages (internal items 404, feedback reaches the admins).
 */
describe('reference shelf and help center', () => {
  let testApp: TestApp;
  let http: Http;
  let org: TestOrganization;
  let other: TestOrganization;
  let browser: Browser;
  let orgSlug: string;

  const upload = async (token: string, fields: Record<string, string>, file?: { name: string; bytes: Buffer; type: string }, path = '/shelf/documents') => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    if (file) form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    const response = await fetch(`${testApp.url}/api/v1${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: response.status, body: (await response.json()) as any };
  };
  const publicPage = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${testApp.url}${path}`, { redirect: 'manual', ...init });
    return { status: response.status, text: await response.text(), headers: response.headers };
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new Http(testApp.url);
    [org, other] = await Promise.all([createOrganization(testApp, http), createOrganization(testApp, http)]);
    browser = await launchBrowser();
    orgSlug = (await http.get('/workspace', org.users.admin.token)).body.organization.slug;
  });
  afterAll(async () => {
    await browser?.close();
    await testApp.close();
  });

  it('takes a PDF made by Chromium, finds it by a word written with another alef form, and answers with the passage', async () => {
    const pdf = await arabicPdf(browser, [
      'دليل سياسة الدعم المعتمد من مجلس الإدارة.',
      'تُصرف الإعانة الشهرية للأسر المسجلة بعد زيارة الباحث الاجتماعي والتحقق من الدخل، ويُراجع الملف كل ستة أشهر.',
    ]);
    const refused = await upload(org.users.agentMen.token, { slug: 'support-policy', language: 'ar', titleAr: 'دليل سياسة الدعم' }, { name: 'policy.pdf', bytes: pdf, type: 'application/pdf' });
    expect(refused.status).toBe(403);
    const created = await upload(org.users.admin.token, {
      slug: 'support-policy', language: 'ar', titleAr: 'دليل سياسة الدعم', titleEn: 'Support policy guide', approval: 'اعتمده مجلس الإدارة في جلسته التاسعة عشرة', approvedOn: '2026-03-01',
    }, { name: 'دليل الدعم.pdf', bytes: pdf, type: 'application/pdf' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'document', audience: 'internal', publicPath: null, current: { number: 1, textSource: 'extracted', file: { name: 'دليل الدعم.pdf' } } });
    expect(created.body.text).toContain('الشهرية');

    // Written with a bare alef and a final haa, as people type it: the same passage, its original spelling kept, the words marked.
    const found = await http.get(`/shelf/search?q=${encodeURIComponent('الاعانه')}`, org.users.agentMen.token);
    expect(found.status).toBe(200);
    expect(found.body).toHaveLength(1);
    expect(found.body[0]).toMatchObject({ itemId: created.body.id, title: { ar: 'دليل سياسة الدعم' }, versionNumber: 1 });
    expect(found.body[0].passage).toContain('الإعانة');
    expect(found.body[0].segments.filter((s: { match: boolean }) => s.match).map((s: { text: string }) => s.text.trim())).toContain('الإعانة');
    // Another association sees nothing of it, by search or by id.
    expect((await http.get(`/shelf/search?q=${encodeURIComponent('الاعانه')}`, other.users.admin.token)).body).toEqual([]);
    expect((await http.get(`/shelf/items/${created.body.id}`, other.users.admin.token)).status).toBe(404);
    const file = await fetch(`${testApp.url}/api/v1/shelf/items/${created.body.id}/file`, { headers: { authorization: `Bearer ${org.users.agentMen.token}` } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reads Word documents, takes a scanned page only with its text, refuses other files, and keeps every version', async () => {
    const word = await upload(org.users.supervisor.token, { slug: 'bylaws', language: 'ar', titleAr: 'اللائحة الأساسية' },
      { name: 'bylaws.docx', bytes: await docx(['المادة الأولى: اسم الجمعية ومقرها.', 'المادة الثانية: أهداف الجمعية ورعاية الأيتام.']), type: 'application/octet-stream' });
    expect(word.status).toBe(201);
    expect(word.body.text).toContain('رعاية الأيتام');
    const scanNoText = await upload(org.users.admin.token, { slug: 'scan', language: 'ar', titleAr: 'محضر' }, { name: 'scan.png', bytes: PNG, type: 'image/png' });
    expect(scanNoText.status).toBe(400);
    expect(scanNoText.body.field ?? JSON.stringify(scanNoText.body)).toContain('text');
    const scan = await upload(org.users.admin.token, { slug: 'scan', language: 'ar', titleAr: 'محضر الجلسة', text: 'قرر المجلس زيادة مبلغ السلة الغذائية.' }, { name: 'scan.png', bytes: PNG, type: 'image/png' });
    expect(scan.status).toBe(201);
    expect(scan.body.current.textSource).toBe('entered');
    const exe = await upload(org.users.admin.token, { slug: 'virus', language: 'ar', titleAr: 'x' }, { name: 'x.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf'), type: 'application/pdf' });
    expect(exe.status).toBe(400);
    expect(JSON.stringify(exe.body)).toContain('PDF');
    const noFile = await upload(org.users.admin.token, { slug: 'nofile', language: 'ar', titleAr: 'x' });
    expect(noFile.status).toBe(400);
    const badSlug = await upload(org.users.admin.token, { slug: 'Not A Slug', language: 'ar', titleAr: 'x' }, { name: 'x.png', bytes: PNG, type: 'image/png' });
    expect(badSlug.status).toBe(400);
    const taken = await upload(org.users.admin.token, { slug: 'bylaws', language: 'ar', titleAr: 'x', text: 'y' }, { name: 'x.png', bytes: PNG, type: 'image/png' });
    expect(taken.status).toBe(400);

    // A new version replaces what is searched; the old one stays, and can be made current again.
    const revised = await upload(org.users.admin.token, { language: 'ar', titleAr: 'اللائحة الأساسية', changeNote: 'تعديل المادة الثانية' },
      { name: 'bylaws-2.docx', bytes: await docx(['المادة الأولى: اسم الجمعية ومقرها.', 'المادة الثانية: أهداف الجمعية وكفالة الأسر المتعففة.']), type: 'application/octet-stream' },
      `/shelf/documents/${word.body.id}/versions`);
    expect(revised.status).toBe(201);
    expect(revised.body.versions.map((v: { number: number; current: boolean }) => [v.number, v.current])).toEqual([[2, true], [1, false]]);
    expect((await http.get(`/shelf/search?q=${encodeURIComponent('الأيتام')}`, org.users.agentMen.token)).body).toEqual([]);
    expect((await http.get(`/shelf/search?q=${encodeURIComponent('المتعففه')}`, org.users.agentMen.token)).body).toHaveLength(1);
    const restored = await http.post(`/shelf/items/${word.body.id}/current`, { number: 1 }, org.users.admin.token);
    expect(restored.status).toBe(201);
    expect(restored.body.current.number).toBe(1);
    expect((await http.get(`/shelf/search?q=${encodeURIComponent('الايتام')}`, org.users.agentMen.token)).body).toHaveLength(1);
    const oldFile = await fetch(`${testApp.url}/api/v1/shelf/items/${word.body.id}/versions/2/file`, { headers: { authorization: `Bearer ${org.users.agentMen.token}` } });
    expect(oldFile.status).toBe(200);
  });

  it('suggests passages for what a ticket is about, within the ticket’s own visibility', async () => {
    const article = await http.post('/shelf/articles', {
      slug: 'food-basket', audience: 'internal', titleAr: 'السلة الغذائية', titleEn: 'Food basket',
      bodyAr: '<p>تُسلَّم السلة الغذائية في الأسبوع الأول من كل شهر من مقر الجمعية.</p>', bodyEn: '<p>Food baskets are handed out in the first week of each month.</p>',
    }, org.users.admin.token);
    expect(article.status).toBe(201);
    const phone = uniquePhone();
    const ticket = await inbound(http, org, { externalId: randomUUID(), text: 'متى موعد استلام السلة الغذائية؟', sender: { name: 'أم خالد', gender: 'male', identities: [{ kind: 'phone', value: phone }] } });
    const suggested = await http.get(`/shelf/suggestions/${ticket.body.ticketId}`, org.users.agentMen.token);
    expect(suggested.status).toBe(200);
    expect(suggested.body[0]).toMatchObject({ itemId: article.body.id, passageLocale: 'ar' });
    expect(suggested.body[0].passage).toContain('الأسبوع الأول');

    const complaint = await inbound(http, org, { externalId: randomUUID(), type: 'complaint', text: 'شكوى عن تأخر السلة الغذائية', sender: { name: 'سعد', gender: 'male', identities: [{ kind: 'phone', value: uniquePhone() }] } });
    expect((await http.get(`/shelf/suggestions/${complaint.body.ticketId}`, org.users.agentMen.token)).status).toBe(404);
    expect((await http.get(`/shelf/suggestions/${complaint.body.ticketId}`, org.users.supervisor.token)).status).toBe(404);
    expect((await http.get(`/shelf/suggestions/${complaint.body.ticketId}`, org.users.officer.token)).status).toBe(200);
    expect((await http.get(`/shelf/suggestions/${ticket.body.ticketId}`, other.users.admin.token)).status).toBe(404);
  });

  it('keeps reply templates with the Hijri and Gregorian dates among their variables', async () => {
    const template = await http.post('/admin/templates', { name: 'موعد', locale: 'ar', body: 'أهلًا {{contact.name}}، موعدك {{date.hijri}} ({{date.gregorian}}).' }, org.users.admin.token);
    expect(template.status).toBe(201);
    const typo = await http.post('/admin/templates', { name: 'خطأ', locale: 'ar', body: '{{date.hijr}}' }, org.users.admin.token);
    expect(typo.status).toBe(400);
    expect(typo.body.message).toContain('{{date.hijri}}');
  });

  it('publishes public articles at /help, readable without JavaScript; internal ones answer 404; feedback reaches the admins', async () => {
    const published = await http.post('/shelf/articles', {
      slug: 'how-to-apply', audience: 'public', titleAr: 'كيف أقدّم طلب دعم؟', titleEn: 'How do I apply for support?',
      bodyAr: '<h2>الخطوات</h2><p>قدّم الطلب من نموذج طلب الدعم، وأرفق صورة الهوية وتعريف الراتب.</p><script>alert(1)</script><p onclick="x()">يصلك الرد خلال أسبوعين.</p>',
      bodyEn: '<p>Apply with the support request form and attach your ID.</p>',
    }, org.users.admin.token);
    expect(published.status).toBe(201);
    expect(published.body.body.ar).not.toMatch(/script|onclick/);
    expect(published.body.publicPath).toBe(`/help/${orgSlug}/a/how-to-apply`);

    const home = await publicPage(`/help/${orgSlug}`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('<html lang="ar" dir="rtl">');
    expect(home.text).toContain('كيف أقدّم طلب دعم؟');
    expect(home.text).toContain('index,follow');
    expect(home.text).not.toContain('السلة الغذائية');
    expect(home.text).not.toContain('دليل سياسة الدعم');
    const page = await publicPage(`/help/${orgSlug}/a/how-to-apply?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="en" dir="ltr">');
    expect(page.text).toContain('Apply with the support request form');
    expect(page.text).not.toContain('alert(1)');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    // The internal article and document: 404 on their public addresses, absent from public search and the sitemap.
    for (const path of [`/help/${orgSlug}/a/food-basket`, `/help/${orgSlug}/a/support-policy`, `/help/${orgSlug}/a/support-policy/file`, `/help/${orgSlug}/a/nothing-here`]) {
      expect((await publicPage(path)).status).toBe(404);
    }
    const search = await publicPage(`/help/${orgSlug}/search?q=${encodeURIComponent('الغذائيه')}`);
    expect(search.status).toBe(200);
    expect(search.text).not.toContain('السلة الغذائية في الأسبوع');
    const apply = await publicPage(`/help/${orgSlug}/search?q=${encodeURIComponent('الهويه')}`);
    expect(apply.text).toContain('<mark>الهوية</mark>');
    const map = await publicPage(`/help/${orgSlug}/sitemap.xml`);
    expect(map.text).toContain('/a/how-to-apply?lang=ar');
    expect(map.text).not.toContain('food-basket');

    const feedback = await publicPage(`/help/${orgSlug}/a/how-to-apply/feedback?lang=ar`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ helpful: 'no', comment: 'لم أجد رابط النموذج' }).toString(),
    });
    expect(feedback.status).toBe(201);
    expect(feedback.text).toContain('feedback-thanks');
    expect((await publicPage(`/help/${orgSlug}/a/food-basket/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'helpful=yes' })).status).toBe(404);
    const seen = await http.get('/shelf/feedback', org.users.admin.token);
    expect(seen.body).toEqual([expect.objectContaining({ itemId: published.body.id, helpful: false, comment: 'لم أجد رابط النموذج', locale: 'ar' })]);
    expect((await http.get('/shelf/feedback', org.users.agentMen.token)).status).toBe(403);
    expect((await http.get('/shelf/feedback', other.users.admin.token)).body).toEqual([]);
    expect((await http.get(`/shelf/items/${published.body.id}`, org.users.admin.token)).body.feedback).toEqual({ helpful: 0, notHelpful: 1 });

    // Made internal or archived, it leaves the help center at once.
    await http.patch(`/shelf/items/${published.body.id}`, { audience: 'internal' }, org.users.admin.token);
    expect((await publicPage(`/help/${orgSlug}/a/how-to-apply`)).status).toBe(404);
    await http.patch(`/shelf/items/${published.body.id}`, { audience: 'public', archived: true }, org.users.admin.token);
    expect((await publicPage(`/help/${orgSlug}/a/how-to-apply`)).status).toBe(404);
    expect((await http.get(`/shelf/search?q=${encodeURIComponent('الهوية')}`, org.users.agentMen.token)).body).toEqual([]);
  });
});
