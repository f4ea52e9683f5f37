// The one list of link targets any output of the platform may carry: HTML pages, report
// exports (Markdown, HTML, PDF, DOCX) and feeds. Anything else — smb:, ms-msdt:, file:,
// javascript:, data:, UNC paths (\\host\share), protocol-relative //host — is shown as text,
// because a click in a PDF or Word file can start a program or leak credentials to another host.

export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

const ABSOLUTE = /^(?:https?:\/\/[^/\\\s]|mailto:[^\s])/i;
// A path on this site, a fragment or a query: never "//host" or "/\host", which leave it.
const SITE_RELATIVE = /^(?:\/(?![/\\])|[#?])/;

/** True when a link may stay a link: http(s) and mailto, or a path on this site. */
export function isAllowedLink(href: string): boolean {
  // Browsers and viewers ignore leading spaces and controls; a control anywhere makes the target
  // ambiguous ("java\tscript:"), so it is refused rather than guessed at.
  // eslint-disable-next-line no-control-regex -- controls are what this test looks for
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(href)) return false;
  return ABSOLUTE.test(href) || SITE_RELATIVE.test(href);
}

const WEB = /^https?:\/\//i;

/**
 * True for an address on another website that people store to be linked to (a process document,
 * an organisation's website): an allowed link, and absolute http(s) — not mailto or a path here.
 */
export function isAllowedWebAddress(href: string): boolean {
  return WEB.test(href) && isAllowedLink(href);
}
