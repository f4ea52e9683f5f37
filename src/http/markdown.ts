// Markdown written by secretariats and participants, rendered to safe HTML: markdown-it with raw
// HTML disabled, then sanitize-html with an allow-list as a second wall. Links open as plain
// links with rel="nofollow noopener ugc"; no images (no third-party requests), no inline styles.
// Every parser made here keeps only the links the shared link policy allows: a link to anything
// else stays visible as the text it was written as.
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { ALLOWED_LINK_SCHEMES, isAllowedLink } from '../shared/link-policy.ts';

/** A markdown-it parser without raw HTML whose links all pass the link policy. */
export function markdownParser(options: { linkify: boolean }): InstanceType<typeof MarkdownIt> {
  const parser = new MarkdownIt({
    html: false,
    linkify: options.linkify,
    typographer: false,
    breaks: false,
  });
  parser.validateLink = isAllowedLink;
  return parser;
}

const md = markdownParser({ linkify: true });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h2',
    'h3',
    'h4',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'rel'], th: ['scope'] },
  allowedSchemes: [...ALLOWED_LINK_SCHEMES],
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
  return sanitizeHtml(md.render(source), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
}

// Sees every link a lenient Markdown reader could make, to find those the policy refuses.
// Bare text is not linkified: readers that autolink (GFM) do so only for http(s), www. and e-mail.
const lenient = new MarkdownIt({ html: false, linkify: false });
lenient.validateLink = () => true;

function refusedLinkLines(source: string): Set<number> {
  const lines = new Set<number>();
  for (const token of lenient.parse(source, {})) {
    if (token.type !== 'inline' || !token.map) continue;
    const refused = (token.children ?? []).some(
      (child) => child.type === 'link_open' && !isAllowedLink(String(child.attrGet('href') ?? '')),
    );
    if (refused) for (let line = token.map[0]; line < token.map[1]; line++) lines.add(line);
  }
  return lines;
}

// Existing escapes ("\\[", "\\\\") are kept as pairs, so escaping never undoes one.
const escapeLinkSyntax = (text: string) =>
  text.replace(/\\[\s\S]|[[\]<]/g, (m) => (m.length === 2 ? m : `\\${m}`));

function refusedDestination(line: string, from: number): boolean {
  let at = from;
  while (line[at] === ' ' || line[at] === '\t') at++;
  const destination = lenient.helpers.parseLinkDestination(line, at, line.length);
  return destination.ok && !isAllowedLink(lenient.normalizeLink(destination.str));
}

const AUTOLINK = /^<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)>/i;

/** Escapes only what makes a refused link: "](target", a definition's "]:" and "<scheme:…>". */
function escapeRefusedLinks(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') {
      out += line.slice(i, i + 2);
      i++;
    } else if (
      c === ']' &&
      (line[i + 1] === '(' || line[i + 1] === ':') &&
      refusedDestination(line, i + 2)
    ) {
      out += '\\]';
    } else if (
      c === '<' &&
      !isAllowedLink(lenient.normalizeLink(AUTOLINK.exec(line.slice(i))?.[1] ?? 'https://x'))
    ) {
      out += '\\<';
    } else out += c;
  }
  return out;
}

function escapeLines(text: string, lines: Set<number>, escape: (line: string) => string): string {
  return text
    .split('\n')
    .map((line, i) => (lines.has(i) ? escape(line) : line))
    .join('\n');
}

/**
 * Markdown whose links all pass the link policy, for Markdown files read outside the platform
 * (a report export). A refused link loses the one character that makes it a link ("\\](…)",
 * "\\<smb:…>"), so it reads as the text it was written as; the rest of the document is untouched.
 */
export function inertMarkdownLinks(source: string): string {
  let lines = refusedLinkLines(source);
  if (lines.size === 0) return source;
  let text = escapeLines(source, lines, escapeRefusedLinks);
  // What the precise pass cannot place (a target on the next line): escape the lines' link syntax,
  // and at last the whole document's. Checked each time, so no refused link can remain.
  lines = refusedLinkLines(text);
  if (lines.size === 0) return text;
  text = escapeLines(text, lines, escapeLinkSyntax);
  return refusedLinkLines(text).size === 0 ? text : escapeLinkSyntax(text);
}
