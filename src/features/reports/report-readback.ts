// Test support: read exported reports back with maintained readers (pdfjs for PDF, mammoth for
// DOCX), so tests check what a reader's software actually finds in the files.
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of every page, one string per page, items joined as pdfjs reports them. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

export async function docxText(docx: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: docx })).value;
}

/** The headings of a DOCX as mammoth maps them to HTML (Heading 1/2 styles → h1/h2). */
export async function docxHeadings(docx: Buffer): Promise<string[]> {
  const html = (await mammoth.convertToHtml({ buffer: docx })).value;
  return [...html.matchAll(/<h[12][^>]*>(.*?)<\/h[12]>/g)].map((m) => m[1] ?? '');
}
