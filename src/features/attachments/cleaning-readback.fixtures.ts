// Test support: read a cleaned file back the way a probe would — raw bytes, zip entry names and
// inflated parts, decompressed PDF streams — and check pictures for any metadata left.
import assert from 'node:assert/strict';
import { unzipSync } from 'fflate';
import { decodePDFRawStream, PDFName, PDFRawStream, type PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

export const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** Everything a probe can read in a zip: its raw bytes, entry names and inflated entries. */
export function zipTexts(data: Uint8Array): string[] {
  const parts = unzipSync(data);
  return [latin1(data), ...Object.keys(parts), ...Object.values(parts).map((p) => latin1(p))];
}

/** Everything a probe can read in a PDF: its raw bytes and every stream, decompressed. */
export function pdfTexts(data: Uint8Array, doc: PDFDocument): string[] {
  const texts = [latin1(data)];
  for (const [, object] of doc.context.enumerateIndirectObjects())
    if (object instanceof PDFRawStream)
      texts.push(
        latin1(
          object.dict.lookup(PDFName.of('Filter')) === PDFName.of('FlateDecode')
            ? decodePDFRawStream(object).decode()
            : object.contents,
        ),
      );
  return texts;
}

export const leftovers = (texts: string[], markers: string[]) =>
  markers.filter((m) => texts.some((t) => t.includes(m)));

/** A picture as the re-encoder left it: decodable, and with no metadata of any kind. */
export async function assertCleanImage(bytes: Uint8Array, label: string): Promise<void> {
  const meta = await sharp(bytes).metadata();
  assert.ok(meta.width && meta.width > 0, `${label} still decodes`);
  assert.deepEqual(
    { exif: meta.exif, xmp: meta.xmp, icc: meta.icc, iptc: meta.iptc, comments: meta.comments },
    { exif: undefined, xmp: undefined, icc: undefined, iptc: undefined, comments: undefined },
    label,
  );
}
