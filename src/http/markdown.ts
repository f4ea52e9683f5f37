// Markdown written by secretariats and participants, rendered to safe HTML: markdown-it with raw
// HTML disabled, then sanitize-html with an allow-list as a second wall. Links open as plain
// links with rel="nofollow noopener ugc"; no images (no third-party requests), no inline styles.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'em', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
  allowedAttributes: { a: ['href', 'rel'], th: ['scope'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener ugc' }),
    // Headings start at h2: h1 belongs to the page.
    h1: 'h2',
  },
};

// Rendered HTML by source text. Rendering is a pure function of the source, so the cache can
// never be stale, on one instance or many; it spares re-rendering a consultation's context (up
// to 50,000 characters, milliseconds each time) on every view. Bounded by characters held.
const rendered = new Map<string, string>();
const CACHE_CHARS = 4_000_000;
let cachedChars = 0;

export function renderMarkdown(source: string): string {
  const hit = rendered.get(source);
  if (hit !== undefined) {
    // Most recently used last, so eviction takes the least recently used first.
    rendered.delete(source);
    rendered.set(source, hit);
    return hit;
  }
  const html = sanitizeHtml(md.render(source), ALLOWED);
  const size = source.length + html.length;
  if (size > CACHE_CHARS / 8) return html;
  rendered.set(source, html);
  cachedChars += size;
  for (const [key, value] of rendered) {
    if (cachedChars <= CACHE_CHARS) break;
    rendered.delete(key);
    cachedChars -= key.length + value.length;
  }
  return html;
}

/** Plain text of a Markdown source, for feeds, search and previews. */
export function markdownToText(source: string): string {
  return sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}
