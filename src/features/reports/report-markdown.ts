// The report as one Markdown document: title, then each section under its heading in the
// report's language. Exports start from this text, so every format says the same thing.
import { inertMarkdownLinks } from '../../http/markdown.ts';
import { translator, type MessageKey } from '../../i18n/i18n.ts';
import { SECTIONS, type ReportDocument, type SectionKey } from './report-model.ts';

const HEADING_KEYS: Record<SectionKey, MessageKey> = {
  context: 'reports.doc.heading.context',
  summary: 'reports.doc.heading.summary',
  trends: 'reports.doc.heading.trends',
  recommendations: 'reports.doc.heading.recommendations',
  quotes: 'reports.doc.heading.quotes',
  participation: 'reports.doc.heading.participation',
  method: 'reports.doc.heading.method',
  annex: 'reports.doc.heading.annex',
};

export function sectionHeading(language: ReportDocument['language'], section: SectionKey): string {
  return translator(language)(HEADING_KEYS[section]);
}

/** Site-relative links ("/submissions/…") made absolute, for files read away from the site;
 *  "//host" leaves the site and is no site link. */
export function absoluteLinks(markdown: string, baseUrl: string): string {
  return markdown.replace(/\]\(\/(?![/\\])/g, `](${baseUrl}/`);
}

export function reportMarkdown(doc: ReportDocument, baseUrl?: string): string {
  const t = translator(doc.language);
  const subtitle =
    doc.version === null
      ? t('reports.doc.draftLine')
      : t('reports.doc.versionLine', { version: doc.version, date: doc.publishedOn ?? '' });
  const parts = [`# ${doc.title}`, `*${subtitle}*`];
  for (const section of SECTIONS)
    parts.push(`## ${sectionHeading(doc.language, section)}`, doc.sections[section].trim() || '—');
  // Participants' and secretariats' links to other schemes become text in every format.
  const text = inertMarkdownLinks(parts.join('\n\n') + '\n');
  return baseUrl ? absoluteLinks(text, baseUrl) : text;
}
