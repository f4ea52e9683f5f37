// Removes what a PDF says about who made it and when: the Info dictionary (Author, Creator,
// Producer, dates), XMP metadata streams, the file identifier, application private data and the
// author labels of annotations. pdf-lib rewrites the whole file, and objects no longer reachable
// from the catalogue are dropped first, so an earlier revision's Info dictionary (kept in files
// saved incrementally) does not survive either.
import {
  EncryptedPDFError,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  PDFStream,
  type PDFObject,
} from 'pdf-lib';
import { DocumentError } from './document-type.ts';

const PRIVATE_KEYS = ['Metadata', 'PieceInfo'].map((k) => PDFName.of(k));
const ANNOTATION_PERSONAL_KEYS = ['T', 'M', 'CreationDate'].map((k) => PDFName.of(k));

async function load(data: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(data, { updateMetadata: false });
  } catch (error) {
    throw new DocumentError(error instanceof EncryptedPDFError ? 'encrypted' : 'damaged');
  }
}

function children(object: PDFObject): PDFObject[] {
  if (object instanceof PDFDict) return object.entries().map(([, v]) => v);
  if (object instanceof PDFArray) return object.asArray();
  if (object instanceof PDFStream) return [object.dict];
  return [];
}

/** Deletes every indirect object that the document no longer references. */
function dropUnreachable(doc: PDFDocument): void {
  const { context } = doc;
  const reachable = new Set<string>();
  const stack: PDFObject[] = [context.trailerInfo.Root].filter(
    (o): o is PDFObject => o !== undefined,
  );
  while (stack.length > 0) {
    const object = stack.pop() as PDFObject;
    if (object instanceof PDFRef) {
      if (reachable.has(object.tag)) continue;
      reachable.add(object.tag);
      const target = context.lookup(object);
      if (target) stack.push(target);
      continue;
    }
    stack.push(...children(object));
  }
  for (const [ref] of context.enumerateIndirectObjects())
    if (!reachable.has(ref.tag)) context.delete(ref);
}

function cleanPages(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    for (const key of PRIVATE_KEYS) page.node.delete(key);
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const item of annotations?.asArray() ?? []) {
      const annotation = doc.context.lookup(item);
      if (annotation instanceof PDFDict)
        for (const key of ANNOTATION_PERSONAL_KEYS) annotation.delete(key);
    }
  }
}

export async function stripPdfMetadata(data: Uint8Array): Promise<Uint8Array> {
  const doc = await load(data);
  doc.context.trailerInfo.Info = undefined;
  doc.context.trailerInfo.ID = undefined;
  for (const key of PRIVATE_KEYS) doc.catalog.delete(key);
  cleanPages(doc);
  dropUnreachable(doc);
  try {
    // Without object streams every object is written plainly, which keeps the result inspectable.
    return await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  } catch {
    throw new DocumentError('damaged');
  }
}
