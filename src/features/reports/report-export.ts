// The four export formats of a report, all built from the same Markdown: Markdown itself, a
// standalone HTML file (semantic markup only, no script or style), PDF and DOCX.
import { renderMarkdown } from '../../http/markdown.ts';
import { direction, type Locale } from '../../i18n/locales.ts';
import { reportMarkdown } from './report-markdown.ts';
import type { ReportDocument } from './report-model.ts';

export const FORMATS = ['md', 'html', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const isFormat = (value: unknown): value is ExportFormat =>
  typeof value === 'string' && (FORMATS as readonly string[]).includes(value);

const TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

export function reportHtml(doc: ReportDocument, baseUrl: string): string {
  // markdown → safe HTML turns the title into an h2 (h1 belongs to the page): put it back.
  const body = renderMarkdown(reportMarkdown(doc, baseUrl)).replace(
    /^<h2>(.*?)<\/h2>/,
    '<h1>$1</h1>',
  );
  return `<!doctype html>\n<html lang="${doc.language}" dir="${direction(doc.language as Locale)}">\n<head>\n<meta charset="utf-8">\n<title>${escape(doc.title)}</title>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;
}

/** A file name that names the consultation and version, never a person. */
export function exportFileName(doc: ReportDocument, format: ExportFormat): string {
  return `${doc.consultationSlug}-report${doc.version === null ? '-draft' : `-v${doc.version}`}.${format}`;
}

export async function exportReport(
  doc: ReportDocument,
  format: ExportFormat,
  baseUrl: string,
): Promise<{ body: Buffer; type: string; fileName: string }> {
  const markdown = reportMarkdown(doc, baseUrl);
  const options = { title: doc.title, language: doc.language, baseUrl };
  // Day precision, like every other date we publish.
  const date = new Date(`${doc.publishedOn ?? '2000-01-01'}T00:00:00Z`);
  const body =
    format === 'md'
      ? Buffer.from(markdown, 'utf8')
      : format === 'html'
        ? Buffer.from(reportHtml(doc, baseUrl), 'utf8')
        : format === 'pdf'
          ? // PDF and DOCX writers (and their fonts) load on first use: most processes never need them.
            await (await import('./report-pdf.ts')).reportPdf(markdown, { ...options, date })
          : await (await import('./report-docx.ts')).reportDocx(markdown, options);
  return { body, type: TYPES[format], fileName: exportFileName(doc, format) };
}
