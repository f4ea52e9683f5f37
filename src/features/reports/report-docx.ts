// DOCX export with the docx library: real Word headings (so the outline and accessibility tools
// see them), right-to-left paragraphs and runs for Arabic, East Asian and complex-script fonts
// named per script so Chinese and Arabic display in any word processor.
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { markdownBlocks, type Block, type Run } from './report-blocks.ts';
import { DOCX_FONTS } from './report-fonts.ts';

const HEADINGS = [
  HeadingLevel.TITLE,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
];

interface Context {
  rtl: boolean;
  baseUrl: string;
}

function runs(ctx: Context, list: Run[], extra: { bold?: boolean } = {}) {
  return list.map((r) => {
    const text = new TextRun({
      text: r.text,
      bold: r.bold ?? extra.bold,
      italics: r.italic,
      font: DOCX_FONTS,
      rightToLeft: ctx.rtl,
      ...(r.link ? { style: 'Hyperlink' } : {}),
    });
    if (!r.link) return text;
    return new ExternalHyperlink({
      link: r.link.startsWith('/') ? ctx.baseUrl + r.link : r.link,
      children: [text],
    });
  });
}

function paragraphOf(ctx: Context, block: Exclude<Block, { kind: 'table' }>): Paragraph {
  const common = {
    bidirectional: ctx.rtl,
    alignment: ctx.rtl ? AlignmentType.RIGHT : AlignmentType.LEFT,
  };
  if (block.kind === 'heading')
    return new Paragraph({
      ...common,
      heading: HEADINGS[Math.min(block.level, 3)] ?? HeadingLevel.HEADING_3,
      children: runs(ctx, block.runs),
    });
  if (block.kind === 'item')
    return new Paragraph({
      ...common,
      indent: { start: block.quote ? 720 : 360 },
      children: runs(ctx, [{ text: `${block.marker} ` }, ...block.runs]),
    });
  return new Paragraph({
    ...common,
    ...(block.quote ? { style: 'Quote', indent: { start: 720 } } : {}),
    children: runs(ctx, block.runs),
  });
}

function tableOf(ctx: Context, rows: Run[][][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    visuallyRightToLeft: ctx.rtl,
    rows: rows.map(
      (cells, r) =>
        new TableRow({
          tableHeader: r === 0,
          children: cells.map(
            (cell) =>
              new TableCell({
                children: [
                  new Paragraph({
                    bidirectional: ctx.rtl,
                    children: runs(ctx, cell, { bold: r === 0 }),
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** Renders a report's Markdown to DOCX bytes. */
export async function reportDocx(
  markdown: string,
  options: { title: string; language: string; baseUrl: string },
): Promise<Buffer> {
  const ctx: Context = { rtl: options.language === 'ar', baseUrl: options.baseUrl };
  const children = markdownBlocks(markdown).map((b) =>
    b.kind === 'table' ? tableOf(ctx, b.rows) : paragraphOf(ctx, b),
  );
  const doc = new Document({
    title: options.title,
    creator: 'Polylogue',
    styles: {
      default: {
        document: {
          run: {
            font: DOCX_FONTS,
            language: { value: options.language, eastAsia: 'zh-CN', bidirectional: 'ar-SA' },
          },
        },
      },
    },
    sections: [{ properties: {}, children }],
  });
  return Packer.toBuffer(doc);
}
