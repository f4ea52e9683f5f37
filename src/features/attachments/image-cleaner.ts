// Images inside attachments are decoded to pixels and encoded anew, so whatever rode along with
// them — EXIF (author, camera, GPS), XMP, IPTC, ICC profiles, PNG text chunks, comments — is not
// copied but never written in the first place. JPEG stays JPEG (photos), everything else sharp can
// read becomes PNG. Formats it cannot read (EMF, WMF, SVG…) are refused by the callers.
import { DocumentError } from './document-type.ts';

export interface CleanImage {
  data: Uint8Array;
  extension: 'png' | 'jpeg';
  mediaType: 'image/png' | 'image/jpeg';
}

/** Decoding a crafted image costs memory by its pixels, not its bytes: 40 megapixels is plenty. */
const MAX_PIXELS = 40_000_000;
/** And a document of many small files that decode to huge pictures costs time: 150 in all. */
const MAX_DOCUMENT_PIXELS = 150_000_000;

/** The pixels one document may still have decoded. */
export class PixelBudget {
  private left = MAX_DOCUMENT_PIXELS;

  spend(pixels: number): void {
    this.left -= pixels;
    if (pixels > MAX_PIXELS || this.left < 0) throw new DocumentError('pictures');
  }
}

export async function reencodeImage(bytes: Uint8Array, budget: PixelBudget): Promise<CleanImage> {
  // sharp (libvips) is loaded with the first image rather than at start.
  const { default: sharp } = await import('sharp');
  // libvips would otherwise keep recent images in memory in case they are asked for again.
  sharp.cache(false);
  try {
    // The header alone tells the size: the budget is checked before a single pixel is decoded.
    const {
      format,
      width = 0,
      height = 0,
    } = await sharp(bytes, {
      limitInputPixels: false,
    }).metadata();
    if (!format || !['jpeg', 'png', 'gif', 'webp', 'tiff'].includes(format))
      throw new DocumentError('uncleanable');
    budget.spend(width * height);
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error', animated: false });
    // rotate() applies the EXIF orientation to the pixels before the EXIF itself is dropped.
    const oriented = image.rotate();
    const jpeg = format === 'jpeg';
    const data = jpeg
      ? await oriented.jpeg({ quality: 90 }).toBuffer()
      : await oriented.png({ compressionLevel: 9 }).toBuffer();
    return {
      data: new Uint8Array(data),
      extension: jpeg ? 'jpeg' : 'png',
      mediaType: jpeg ? 'image/jpeg' : 'image/png',
    };
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('uncleanable');
  }
}

/**
 * A JPEG as a PDF carries it (DCTDecode) without its application segments and comments: APP1
 * (EXIF, XMP), APP2 (ICC), APP13 (IPTC), COM… Only APP0 (JFIF) and APP14 (Adobe, which tells how
 * to read CMYK colours) are kept; the compressed picture itself is copied bit for bit.
 */
export function stripJpegSegments(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return bytes;
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    // Start of scan: the rest is picture data up to the end marker.
    if (marker === 0xda) break;
    const length = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) throw new DocumentError('damaged');
    const application = marker >= 0xe0 && marker <= 0xef;
    const drop = (application && marker !== 0xe0 && marker !== 0xee) || marker === 0xfe;
    if (!drop) kept.push(bytes.subarray(at, end));
    at = end;
  }
  kept.push(bytes.subarray(at));
  const out = new Uint8Array(kept.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of kept) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** JP2 boxes a reader needs: signature, file type, header, codestream. */
const JP2_KEPT_BOXES = new Set(['jP  ', 'ftyp', 'jp2h', 'jp2c']);
const J2K_SOC = 0xff4f;
const J2K_SOT = 0xff90;
const J2K_COM = 0xff64;

/** A JPEG 2000 codestream without the comments (COM) of its main header. */
function stripCodestreamComments(bytes: Uint8Array): Uint8Array {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 4 || view.readUInt16BE(0) !== J2K_SOC) return bytes;
  const kept: Uint8Array[] = [view.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= view.length && view.readUInt16BE(at) !== J2K_SOT) {
    const end = at + 2 + view.readUInt16BE(at + 2);
    if (end > view.length || view[at] !== 0xff) throw new DocumentError('damaged');
    if (view.readUInt16BE(at) !== J2K_COM) kept.push(view.subarray(at, end));
    at = end;
  }
  kept.push(view.subarray(at));
  return Buffer.concat(kept);
}

/**
 * A JPEG 2000 image as a PDF carries it (JPXDecode) without its XML, UUID (XMP, EXIF) and other
 * boxes, and without codestream comments: only what draws the picture is copied.
 */
export function stripJp2Metadata(bytes: Uint8Array): Uint8Array {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length >= 2 && view.readUInt16BE(0) === J2K_SOC) return stripCodestreamComments(view);
  const kept: Uint8Array[] = [];
  let at = 0;
  while (at + 8 <= view.length) {
    const declared = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    const header = declared === 1 ? 16 : 8;
    const length =
      declared === 0
        ? view.length - at
        : declared === 1
          ? Number(view.readBigUInt64BE(at + 8))
          : declared;
    if (length < header || at + length > view.length) throw new DocumentError('damaged');
    if (type === 'jp2c') {
      const codestream = stripCodestreamComments(view.subarray(at + header, at + length));
      const box = Buffer.alloc(8);
      box.writeUInt32BE(8 + codestream.length);
      box.write('jp2c', 4, 'latin1');
      kept.push(box, codestream);
    } else if (JP2_KEPT_BOXES.has(type)) kept.push(view.subarray(at, at + length));
    at += length;
  }
  return Buffer.concat(kept);
}
