import DOMPurify from 'dompurify';
import type { DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

/**
 * Changelog markdown is built from commit messages, which anyone with push access writes, so it is
 * untrusted: raw HTML in it is shown as text, and the HTML marked produces is sanitized again.
 */
const ALLOWED_TAGS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'del', 'code', 'pre',
  'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]; // prettier-ignore
const ALLOWED_ATTR = ['href', 'title', 'start'];
const SAFE_LINK = /^(?:https?:|mailto:)/i;

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
  },
});

let purifier: Purifier | null = null;

/** One purifier of our own, so its link hook does not leak into other users of DOMPurify. */
function sanitizer(): Purifier {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_LINK.test(href)) {
      node.removeAttribute('href');
      return;
    }
    // Links leave the app: Electron hands http(s) to the system browser, browser mode opens a tab.
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  });
  return purifier;
}

/** Markdown → sanitized HTML, safe to insert with `{@html}`. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return sanitizer().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
  });
}
