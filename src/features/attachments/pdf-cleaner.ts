// A PDF rebuilt from an allow-list: a new document receives copies of the pages — their content,
// fonts and images — and nothing else of the old catalogue (no document information, XMP, file
// identifier, embedded files, name trees, OpenAction, JavaScript, outlines, forms or structure
// tree). Before the copy each page keeps only the entries that draw it; its annotations are
// dropped, and links to the web, e-mail or another page are re-created from scratch. After the
// copy every object is swept for metadata, private data, actions and associated files; JPEG
// images lose their EXIF/XMP/ICC segments, JPEG 2000 images their metadata boxes and comments,
// drawing instructions their comments. Filled form fields are flattened into the page first so
// their values stay visible.
import {
  decodePDFRawStream,
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  PDFHexString,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { DocumentError } from './document-type.ts';
import { withoutComments } from './pdf-content.ts';
import { isAllowedLink } from './office-xml.ts';
import { stripJp2Metadata, stripJpegSegments } from './image-cleaner.ts';

/** What a page needs to be drawn. */
const PAGE_KEYS = new Set([
  'Type',
  'Parent',
  'Resources',
  'Contents',
  'MediaBox',
  'CropBox',
  'BleedBox',
  'TrimBox',
  'ArtBox',
  'Rotate',
  'UserUnit',
  'Group',
]);
/** Entries no object keeps, wherever it sits: metadata, private data, actions, attached files. */
const SWEPT_KEYS = [
  'Metadata',
  'PieceInfo',
  'LastModified',
  'AA',
  'A',
  'JS',
  'OPI',
  'AF',
  'EF',
  'StructParent',
  'StructParents',
].map((k) => PDFName.of(k));

/** A link worth keeping: to the web or e-mail, or to another page of the same document. */
type Link = { rect: number[] } & ({ uri: string } | { page: number });

async function load(data: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(data, { updateMetadata: false });
  } catch (error) {
    throw new DocumentError(error instanceof EncryptedPDFError ? 'encrypted' : 'damaged');
  }
}

function text(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFString || object instanceof PDFHexString
    ? object.decodeText()
    : undefined;
}

/** Where a link annotation leads, if it is somewhere a reader may go: a web page or a page here. */
function linkTarget(
  annotation: PDFDict,
  pageRefs: PDFRef[],
): { uri: string } | { page: number } | undefined {
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  const kind = action?.lookup(PDFName.of('S'));
  if (kind === PDFName.of('URI')) {
    const uri = text(action?.lookup(PDFName.of('URI')));
    return uri && isAllowedLink(uri) ? { uri } : undefined;
  }
  // Explicit destinations only ([page /XYZ …]); a named one would need the names tree we drop.
  const destination =
    kind === PDFName.of('GoTo') ? action?.get(PDFName.of('D')) : annotation.get(PDFName.of('Dest'));
  const first = annotation.context.lookupMaybe(destination, PDFArray)?.get(0);
  const page = first instanceof PDFRef ? pageRefs.findIndex((r) => r === first) : -1;
  return page >= 0 ? { page } : undefined;
}

function keptLinks(doc: PDFDocument, page: PDFPage, pageRefs: PDFRef[]): Link[] {
  const links: Link[] = [];
  for (const item of page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []) {
    const annotation = doc.context.lookup(item);
    if (!(annotation instanceof PDFDict)) continue;
    if (annotation.lookup(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
    const rect = annotation
      .lookupMaybe(PDFName.of('Rect'), PDFArray)
      ?.asArray()
      .map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    const target = linkTarget(annotation, pageRefs);
    if (target && rect?.length === 4 && rect.every(Number.isFinite))
      links.push({ rect, ...target });
  }
  return links;
}

/** Widgets' appearances become page content, so filled-in values survive the loss of the form. */
function flattenForm(doc: PDFDocument): void {
  try {
    doc.getForm().flatten({ updateFieldAppearances: false });
  } catch {
    // A form pdf-lib cannot flatten loses its fields with the other annotations.
  }
}

function keepDrawingEntries(page: PDFPage): void {
  for (const [key] of page.node.entries())
    if (!PAGE_KEYS.has(key.asString().slice(1))) page.node.delete(key);
}

function addLinks(doc: PDFDocument, page: PDFPage, links: Link[], pages: PDFPage[]): void {
  if (links.length === 0) return;
  const annotations = links.map((link) => {
    const common = { Type: 'Annot', Subtype: 'Link', Rect: link.rect, Border: [0, 0, 0] };
    const target =
      'uri' in link
        ? { A: { Type: 'Action', S: 'URI', URI: PDFString.of(link.uri) } }
        : { Dest: [pages[link.page]?.ref, PDFName.of('Fit')] };
    return doc.context.register(doc.context.obj({ ...common, ...target }));
  });
  page.node.set(PDFName.of('Annots'), doc.context.obj(annotations));
}

function sweep(object: PDFObject, seen: Set<PDFObject>): void {
  if (seen.has(object)) return;
  seen.add(object);
  const dict =
    object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
  if (dict) {
    for (const key of SWEPT_KEYS) dict.delete(key);
    for (const [, value] of dict.entries()) if (!(value instanceof PDFRef)) sweep(value, seen);
  } else if (object instanceof PDFArray)
    for (const value of object.asArray()) if (!(value instanceof PDFRef)) sweep(value, seen);
}

function children(object: PDFObject): PDFObject[] {
  if (object instanceof PDFDict) return object.entries().map(([, v]) => v);
  if (object instanceof PDFArray) return object.asArray();
  if (object instanceof PDFStream) return [object.dict];
  return [];
}

/** The copy brought along objects only swept entries pointed to (an image's XMP): they go too. */
function dropUnreachable(doc: PDFDocument): void {
  const { context } = doc;
  const reachable = new Set<string>();
  const stack: PDFObject[] = [context.trailerInfo.Root].filter(
    (o): o is PDFObject => o !== undefined,
  );
  while (stack.length > 0) {
    const object = stack.pop() as PDFObject;
    if (!(object instanceof PDFRef)) {
      stack.push(...children(object));
      continue;
    }
    if (reachable.has(object.tag)) continue;
    reachable.add(object.tag);
    const target = context.lookup(object);
    if (target) stack.push(target);
  }
  for (const [ref] of context.enumerateIndirectObjects())
    if (!reachable.has(ref.tag)) context.delete(ref);
}

/** Image data that can carry text of its own: JPEG segments, JPEG 2000 boxes and comments. */
const IMAGE_STRIPPERS = new Map([
  [PDFName.of('DCTDecode'), stripJpegSegments],
  [PDFName.of('JPXDecode'), stripJp2Metadata],
]);

function stripImageMetadata(doc: PDFDocument): void {
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const filter = object.dict.lookup(PDFName.of('Filter'));
    const strip = filter instanceof PDFName ? IMAGE_STRIPPERS.get(filter) : undefined;
    if (!strip) continue;
    const contents = strip(object.contents);
    object.dict.set(PDFName.of('Length'), PDFNumber.of(contents.length));
    doc.context.assign(ref, PDFRawStream.of(object.dict, contents));
  }
}

/** Page contents and form XObjects: the streams that draw, rewritten without their comments. */
function stripContentComments(doc: PDFDocument): void {
  const drawing = new Set<PDFRef>();
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) if (ref instanceof PDFRef) drawing.add(ref);
  }
  for (const [ref, object] of doc.context.enumerateIndirectObjects())
    if (
      object instanceof PDFStream &&
      object.dict.lookup(PDFName.of('Subtype')) === PDFName.of('Form')
    )
      drawing.add(ref);
  for (const ref of drawing) {
    const stream = doc.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const cleaned = withoutComments(decodePDFRawStream(stream).decode());
    if (!cleaned) continue;
    const rewritten = doc.context.flateStream(cleaned);
    for (const [key, value] of stream.dict.entries())
      if (!['/Filter', '/DecodeParms', '/Length', '/DL'].includes(key.asString()))
        rewritten.dict.set(key, value);
    doc.context.assign(ref, rewritten);
  }
}

export async function cleanPdf(data: Uint8Array): Promise<Uint8Array> {
  const source = await load(data);
  flattenForm(source);
  const pages = source.getPages();
  const pageRefs = pages.map((page) => page.ref);
  const links = pages.map((page) => keptLinks(source, page, pageRefs));
  pages.forEach(keepDrawingEntries);
  const clean = await PDFDocument.create({ updateMetadata: false });
  try {
    const copies = await clean.copyPages(
      source,
      pages.map((_, i) => i),
    );
    copies.forEach((page) => clean.addPage(page));
    const seen = new Set<PDFObject>();
    for (const [, object] of clean.context.enumerateIndirectObjects()) sweep(object, seen);
    // Created after the sweep: a link's URI action is the one action the result keeps.
    copies.forEach((page, i) => addLinks(clean, page, links[i] ?? [], copies));
    dropUnreachable(clean);
    stripImageMetadata(clean);
    stripContentComments(clean);
    // Without object streams every object is written plainly, which keeps the result inspectable.
    return await clean.save({ useObjectStreams: false, updateFieldAppearances: false });
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('damaged');
  }
}
