import sanitizeHtml from 'sanitize-html';

export interface SanitizedHtml {
  html: string;
  /** Remote images dropped: tracking pixels and anything else fetched from a server when the mail is opened. */
  remoteImagesRemoved: number;
}

const SAFE_VALUE = /^(?!.*(url\s*\(|expression\s*\(|javascript:|@import))[\w\s#%.,()'"!-]{1,200}$/i;
const STYLES = ['color', 'background-color', 'text-align', 'direction', 'font-weight', 'font-style', 'font-size', 'font-family', 'text-decoration', 'unicode-bidi'];

/**
 * Mail HTML made safe to show inside the inbox: no scripts, styles sheets,
 * frames, forms or event handlers; links open elsewhere without telling the
 * target where from; images only when they are part of the mail itself
 * (`cid:`, stored as attachments), so opening a message never pings a
 * sender's tracker. Inline styles survive only for a few harmless properties
 * and never with url().
 */
export function sanitizeMailHtml(html: string): SanitizedHtml {
  let remoteImagesRemoved = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: [
      'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font',
      'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span', 'strike', 'strong', 'sub',
      'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
    ],
    allowedAttributes: {
      '*': ['dir', 'lang', 'align', 'title', 'style'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'size', 'face'],
      td: ['colspan', 'rowspan', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'valign', 'width'],
      table: ['width', 'cellpadding', 'cellspacing', 'border'],
      blockquote: ['type'],
    },
    allowedStyles: { '*': Object.fromEntries(STYLES.map((property) => [property, [SAFE_VALUE]])) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['cid'] },
    allowProtocolRelative: false,
    // The text inside these is not content: drop it with the tag.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'object', 'iframe'],
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const keep = /^cid:/i.test(frame.attribs.src ?? '');
      if (!keep) remoteImagesRemoved++;
      return !keep;
    },
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
    },
  });
  return { html: clean.trim(), remoteImagesRemoved };
}
