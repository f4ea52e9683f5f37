// PDF export: A4, fonts embedded (subset) per script, Arabic shaped and laid out right to left,
// Chinese in a CJK font, links on sources. Headings come from the report's Markdown.
import PDFDocument from 'pdfkit';
import { markdownBlocks, type Block, type Run } from './report-blocks.ts';
import { FONT_FILES } from './report-fonts.ts';
import {
  breakLines,
  lineWidth,
  tokenize,
  visualOrder,
  type Script,
  type Token,
} from './pdf-layout.ts';
import { mapLigaturesVisually } from './pdf-text-layer.ts';

const MARGIN = 56;
const SIZES: Record<number, number> = { 1: 20, 2: 15, 3: 12 };
const BODY = 10.5;

type Doc = InstanceType<typeof PDFDocument>;

interface Pen {
  doc: Doc;
  y: number;
  direction: 'ltr' | 'rtl';
  baseUrl: string;
}

const fontName = (script: Script, bold: boolean) => `${script}-${bold ? 'bold' : 'regular'}`;

function registerFonts(doc: Doc): void {
  for (const [script, files] of Object.entries(FONT_FILES) as Array<
    [Script, { regular: string; bold: string }]
  >) {
    doc.registerFont(fontName(script, false), files.regular);
    doc.registerFont(fontName(script, true), files.bold);
  }
}

function ensureRoom(pen: Pen, height: number): void {
  if (pen.y + height > pen.doc.page.height - MARGIN) {
    pen.doc.addPage();
    pen.y = MARGIN;
  }
}

function drawLine(
  pen: Pen,
  line: Token[],
  size: number,
  left: number,
  width: number,
  colour: string,
): void {
  const { doc } = pen;
  const rtl = pen.direction === 'rtl';
  let x = rtl ? left + width - lineWidth(line) : left;
  for (const token of visualOrder(line)) {
    if (!token.space) {
      const link = token.link
        ? token.link.startsWith('/')
          ? pen.baseUrl + token.link
          : token.link
        : undefined;
      doc
        .font(fontName(token.script, token.bold))
        .fontSize(size)
        .fillColor(link ? '#1a4f9c' : colour);
      // Copy-paste and search must give the logical text: see pdf-text-layer.ts.
      if (token.script === 'arabic') mapLigaturesVisually(doc);
      doc.text(token.text, x, pen.y, { lineBreak: false, ...(link ? { link } : {}) });
    }
    x += token.width;
  }
}

/** Lays out one paragraph of runs between left and left+width; returns the lines' count. */
function paragraph(
  pen: Pen,
  runs: Run[],
  options: { size: number; indent?: number; colour?: string; bold?: boolean },
): void {
  const { doc } = pen;
  const size = options.size;
  const measure = (text: string, script: Script, bold: boolean) =>
    doc.font(fontName(script, bold)).fontSize(size).widthOfString(text);
  const styled = options.bold ? runs.map((r) => ({ ...r, bold: true })) : runs;
  const width = doc.page.width - 2 * MARGIN - (options.indent ?? 0);
  const left = pen.direction === 'rtl' ? MARGIN : MARGIN + (options.indent ?? 0);
  const lineHeight = size * 1.55;
  for (const line of breakLines(tokenize(styled, measure, pen.direction), width)) {
    ensureRoom(pen, lineHeight);
    drawLine(pen, line, size, left, width, options.colour ?? '#111111');
    pen.y += lineHeight;
  }
}

function table(pen: Pen, rows: Run[][][]): void {
  const { doc } = pen;
  const full = doc.page.width - 2 * MARGIN;
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const first = columns > 1 ? full * 0.6 : full;
  const other = columns > 1 ? (full - first) / (columns - 1) : 0;
  const lineHeight = BODY * 1.55;
  rows.forEach((cells, r) => {
    ensureRoom(pen, lineHeight);
    cells.forEach((runs, c) => {
      const measure = (text: string, script: Script, bold: boolean) =>
        doc.font(fontName(script, bold)).fontSize(BODY).widthOfString(text);
      const width = c === 0 ? first : other;
      const offset = c === 0 ? 0 : first + (c - 1) * other;
      const left = pen.direction === 'rtl' ? MARGIN + full - offset - width : MARGIN + offset;
      const line = breakLines(
        tokenize(r === 0 ? runs.map((x) => ({ ...x, bold: true })) : runs, measure, pen.direction),
        width - 6,
      )[0];
      if (line) drawLine(pen, line, BODY, left, width - 6, '#111111');
    });
    pen.y += lineHeight;
  });
  pen.y += 6;
}

function block(pen: Pen, b: Block): void {
  if (b.kind === 'heading') {
    pen.y += b.level === 1 ? 0 : 8;
    ensureRoom(pen, (SIZES[b.level] ?? BODY) * 3);
    paragraph(pen, b.runs, { size: SIZES[b.level] ?? BODY, bold: true });
    pen.y += 4;
  } else if (b.kind === 'paragraph') {
    paragraph(pen, b.runs, {
      size: BODY,
      indent: b.quote ? 18 : 0,
      colour: b.quote ? '#444444' : '#111111',
    });
    pen.y += 5;
  } else if (b.kind === 'item') {
    paragraph(pen, [{ text: `${b.marker} ` }, ...b.runs], {
      size: BODY,
      indent: b.quote ? 30 : 12,
    });
    pen.y += 2;
  } else {
    table(pen, b.rows);
  }
}

/** Renders a report's Markdown to PDF bytes. */
export async function reportPdf(
  markdown: string,
  options: { title: string; language: string; baseUrl: string; date: Date },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: options.language,
    info: { Title: options.title, CreationDate: options.date, ModDate: options.date },
    autoFirstPage: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  registerFonts(doc);
  // The page direction follows the report's language; bidi orders each line within it.
  const pen: Pen = {
    doc,
    y: MARGIN,
    direction: options.language === 'ar' ? 'rtl' : 'ltr',
    baseUrl: options.baseUrl,
  };
  for (const b of markdownBlocks(markdown)) block(pen, b);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
