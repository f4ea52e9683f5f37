// An ODT built in memory that carries every identity a probe found in real files, each as a
// marker string starting with "Zq" that must not survive cleaning, next to visible content that
// must: text, a comment, a web link and pictures.
import { strToU8, zipSync } from 'fflate';
import { jpegWithMetadata, pngWithMetadata } from './image-corpus.fixtures.ts';
import { VISIBLE } from './office-corpus.fixtures.ts';

export const ODT_MARKERS = [
  'ZqOdtCreator',
  'ZqOdtUserDefined',
  'ZqOdtTemplate',
  'ZqPrinter',
  'ZqOdtMacro',
  'ZqOdtChangeAuthor',
  'ZqOdtDeleted',
  'ZqOdtAnnotAuthor',
  'ZqOdtLinked',
  'ZqOdtSection',
  'ZqOdtLinkedImage',
  'ZqPictureName',
  'ZqExifArtist',
  'ZqGpsArea',
  'ZqJpegXmp',
  'ZqJpegComment',
  'ZqThumb',
  'ZqXmlComment',
  'ZqOdtForeign',
  'ZqOdtSvg',
];

const ODT_NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"',
  'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"',
].join(' ');

const ODT_CONTENT = `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ODT_NS} office:version="1.3">
<office:scripts><office:event-listeners><script:event-listener script:language="ooo:script" script:event-name="dom:load" xlink:href="vnd.sun.star.script:ZqOdtMacro?language=Basic"/></office:event-listeners></office:scripts>
<office:body><office:text>
<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>ZqOdtChangeAuthor</dc:creator><dc:date>2026-03-04T10:11:12</dc:date></office:change-info><text:p>ZqOdtDeleted<draw:frame><draw:image xlink:href="Pictures/deleted.png"/></draw:frame></text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:p xmlns:zq="urn:example:ZqOdtForeignNs" zq:who="ZqOdtForeignAttr">${VISIBLE.text}<text:change text:change-id="ct1"/><zq:note>ZqOdtForeignText</zq:note></text:p>
<text:p><office:annotation><dc:creator>ZqOdtAnnotAuthor</dc:creator><dc:date>2026-03-04T10:11:12</dc:date><meta:creator-initials>ZQ</meta:creator-initials><text:p>annotation body</text:p></office:annotation>${VISIBLE.commented}</text:p>
<!-- ZqXmlComment -->
<text:p><text:a xlink:type="simple" xlink:href="${VISIBLE.webLink}">kept web link</text:a> <text:a xlink:type="simple" xlink:href="file:///home/ZqOdtLinked/notes.odt">local file link</text:a></text:p>
<text:section text:name="Section1"><text:section-source xlink:href="file:///C:/Users/ZqOdtSection/part.odt"/><text:p>section text</text:p></text:section>
<text:p><draw:frame svg:width="2cm" svg:height="1cm"><draw:image xlink:href="Pictures/ZqPictureName.jpg" xlink:type="simple"/></draw:frame></text:p>
<text:p><draw:frame svg:width="2cm" svg:height="1cm"><draw:image xlink:href="Pictures/drawing.svg"/><draw:image xlink:href="Pictures/drawing.png"/></draw:frame></text:p>
<text:p><draw:frame svg:width="2cm" svg:height="1cm"><draw:image xlink:href="/home/ZqOdtLinkedImage/pic.png" xlink:type="simple"/></draw:frame></text:p>
</office:text></office:body></office:document-content>`;

export async function odtCorpus(): Promise<Uint8Array> {
  const jpeg = await jpegWithMetadata({
    artist: 'ZqExifArtist',
    gps: 'ZqGpsArea',
    xmp: 'ZqJpegXmp',
    comment: 'ZqJpegComment',
  });
  const thumbnail = await pngWithMetadata({ author: 'ZqThumb', xmp: 'ZqThumb' });
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/></manifest:manifest>',
    ),
    'content.xml': strToU8(ODT_CONTENT),
    'styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ODT_NS} office:version="1.3"><office:styles/></office:document-styles>`,
    ),
    'meta.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${ODT_NS} office:version="1.3"><office:meta><meta:initial-creator>ZqOdtCreator</meta:initial-creator><dc:creator>ZqOdtCreator</dc:creator><meta:user-defined meta:name="ZqOdtUserDefined">x</meta:user-defined><meta:template xlink:href="file:///home/ZqOdtTemplate/t.ott"/></office:meta></office:document-meta>`,
    ),
    'settings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><office:document-settings ${ODT_NS}><office:settings><config:config-item-set config:name="ooo:configuration-settings"><config:config-item config:name="PrinterName" config:type="string">ZqPrinter</config:config-item></config:config-item-set></office:settings></office:document-settings>`,
    ),
    'Pictures/ZqPictureName.jpg': jpeg,
    'Thumbnails/thumbnail.png': thumbnail,
    'Pictures/deleted.png': thumbnail,
    'Pictures/drawing.svg': strToU8(
      '<svg xmlns="http://www.w3.org/2000/svg"><title>ZqOdtSvgTitle</title></svg>',
    ),
    'Pictures/drawing.png': await pngWithMetadata({
      author: 'ZqOdtSvgStandIn',
      xmp: 'ZqOdtSvgStandIn',
    }),
  });
}

/** An ODT saved with a password: its parts are encrypted, so nothing in them can be cleaned. */
export function encryptedOdt(): Uint8Array {
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>',
    ),
    'content.xml': new Uint8Array([0x8f, 0x12, 0x00, 0xff, 0x3c]),
  });
}
