import DOMPurify from 'dompurify';

/**
 * Email HTML is sanitised on the server when it arrives; it is sanitised
 * again here, right before it enters the page, with a stricter profile: no
 * styles (they could cover the app), no forms, and no remote images (they
 * tell the sender when the message was read).
 */
const purifier = DOMPurify();
purifier.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName === 'img' && !(node as Element).getAttribute('src')?.startsWith('data:')) node.parentNode?.removeChild(node);
});
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

export function sanitizeEmailHtml(html: string): string {
  return purifier.sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'class', 'id'],
  });
}
