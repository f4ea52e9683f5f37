// Test images that carry what a camera or an editor leaves behind, built byte by byte: a JPEG with
// EXIF (Artist and a GPS position), XMP and a comment, and a PNG with text chunks and XMP.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

const ascii = (text: string) => Buffer.from(text, 'latin1');

/** A little-endian TIFF block: IFD0 with Artist and a pointer to a GPS IFD (reference, latitude, area). */
function exifBlock(artist: string, gpsArea: string): Buffer {
  const artistBytes = Buffer.concat([ascii(artist), Buffer.from([0])]);
  const artistAt = 8 + 2 + 2 * 12 + 4;
  const gpsAt = artistAt + artistBytes.length + (artistBytes.length % 2);
  const rationalsAt = gpsAt + 2 + 3 * 12 + 4;
  const area = Buffer.concat([ascii('ASCII\0\0\0'), ascii(gpsArea)]);
  const areaAt = rationalsAt + 24;
  const out = Buffer.alloc(areaAt + area.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    out.writeUInt32LE(value, at + 8);
  };
  out.writeUInt16LE(2, 8);
  entry(10, 0x013b, 2, artistBytes.length, artistAt);
  entry(22, 0x8825, 4, 1, gpsAt);
  artistBytes.copy(out, artistAt);
  out.writeUInt16LE(3, gpsAt);
  entry(gpsAt + 2, 0x0001, 2, 2, 0x4e);
  entry(gpsAt + 14, 0x0002, 5, 3, rationalsAt);
  entry(gpsAt + 26, 0x001c, 7, area.length, areaAt);
  [48, 1, 51, 1, 30, 1].forEach((n, i) => out.writeUInt32LE(n, rationalsAt + i * 4));
  area.copy(out, areaAt);
  return out;
}

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xff00 | marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

export const xmp = (creator: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${creator}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`;

/** A 24×16 red JPEG whose EXIF, XMP and comment carry the given markers. */
export async function jpegWithMetadata(m: {
  artist: string;
  gps: string;
  xmp: string;
  comment: string;
}): Promise<Buffer> {
  const plain = await sharp({
    create: { width: 24, height: 16, channels: 3, background: '#c03020' },
  })
    .jpeg()
    .toBuffer();
  return Buffer.concat([
    plain.subarray(0, 2),
    jpegSegment(0xe1, Buffer.concat([ascii('Exif\0\0'), exifBlock(m.artist, m.gps)])),
    jpegSegment(
      0xe1,
      Buffer.concat([ascii('http://ns.adobe.com/xap/1.0/\0'), Buffer.from(xmp(m.xmp))]),
    ),
    jpegSegment(0xfe, ascii(m.comment)),
    plain.subarray(2),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([ascii(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 20×12 blue PNG with a tEXt Author chunk and an iTXt XMP packet after its header. */
export async function pngWithMetadata(m: { author: string; xmp: string }): Promise<Buffer> {
  const plain = await sharp({
    create: { width: 20, height: 12, channels: 3, background: '#2050c0' },
  })
    .png()
    .toBuffer();
  const afterHeader = 8 + 25;
  return Buffer.concat([
    plain.subarray(0, afterHeader),
    pngChunk('tEXt', Buffer.concat([ascii('Author\0'), ascii(m.author)])),
    pngChunk(
      'iTXt',
      Buffer.concat([ascii('XML:com.adobe.xmp\0\0\0\0\0'), Buffer.from(xmp(m.xmp))]),
    ),
    plain.subarray(afterHeader),
  ]);
}

/** A PNG that claims to be `width`×`height` with almost no data: what a decompression bomb looks like from outside. */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function jp2Box(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + data.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data]);
}

/** A JPEG 2000 file with an XML box, a UUID box and a codestream comment carrying the markers. */
export function jp2WithMetadata(m: { xml: string; uuid: string; comment: string }): Buffer {
  const com = Buffer.concat([Buffer.from([0xff, 0x64, 0, 0, 0, 1]), ascii(m.comment)]);
  com.writeUInt16BE(com.length - 2, 2);
  const codestream = Buffer.concat([
    Buffer.from([0xff, 0x4f, 0xff, 0x51, 0x00, 0x04, 0x00, 0x00]),
    com,
    Buffer.from([0xff, 0x90, 0x00, 0x0a, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0x93, 0xff, 0xd9]),
  ]);
  return Buffer.concat([
    jp2Box('jP  ', Buffer.from([0x0d, 0x0a, 0x87, 0x0a])),
    jp2Box('ftyp', ascii('jp2 \0\0\0\0jp2 ')),
    jp2Box('jp2h', jp2Box('ihdr', Buffer.alloc(14))),
    jp2Box('xml ', Buffer.from(xmp(m.xml))),
    jp2Box('uuid', Buffer.concat([Buffer.alloc(16, 0xbe), ascii(m.uuid)])),
    jp2Box('jp2c', codestream),
  ]);
}
