import { sanitizeMailHtml } from './html-sanitizer';

describe('sanitizeMailHtml', () => {
  const dirty = `<html><head><style>body{display:none}</style><script>alert(1)</script></head>
    <body onload="steal()"><p dir="rtl" style="color: red; background-image: url(http://tracker.test/bg.png)" onclick="steal()">السلام <b>عليكم</b></p>
    <img src="https://tracker.test/open.gif?id=42" width="1" height="1"><img src="cid:logo@assoc" alt="logo">
    <a href="javascript:steal()">x</a> <a href="https://assoc.org/form" onmouseover="steal()">form</a>
    <iframe src="https://evil.test"></iframe><form action="https://evil.test"><input name="p"></form><svg onload="steal()"></svg></body></html>`;
  const { html, remoteImagesRemoved } = sanitizeMailHtml(dirty);

  it('removes scripts, styles sheets, frames, forms and every event handler', () => {
    expect(html).not.toMatch(/script|alert|<style|display:none|iframe|<form|<input|<svg|onload|onclick|onmouseover|steal/i);
  });

  it('drops remote images (trackers) and keeps inline cid: images', () => {
    expect(html).not.toContain('tracker.test');
    expect(html).toContain('src="cid:logo@assoc"');
    expect(remoteImagesRemoved).toBe(1);
  });

  it('keeps the text, its direction and harmless styles, and opens links safely', () => {
    expect(html).toContain('<p dir="rtl" style="color:red">السلام <b>عليكم</b></p>');
    expect(html).toContain('<a href="https://assoc.org/form" target="_blank" rel="noopener noreferrer nofollow">form</a>');
    expect(html).not.toContain('javascript:');
  });
});
