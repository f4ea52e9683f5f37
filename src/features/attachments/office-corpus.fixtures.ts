// A DOCX and an ODT built in memory that carry every identity a probe found in real files, each
// as a marker string starting with "Zq" that must not survive cleaning, next to visible content
// that must: text, a web link, and pictures.
import { strToU8, zipSync, type Zippable } from 'fflate';
import { jpegWithMetadata, pngWithMetadata } from './image-corpus.fixtures.ts';

/** Every identity planted; the tests look for each in the cleaned file's bytes and parts. */
export const DOCX_MARKERS = [
  'ZqTemplateUser',
  'ZqLinkedFile',
  'ZqUncServer',
  'ZqLinkedPicture',
  'ZqCustomXmlAuthor',
  'ZqCustomXmlElement',
  'ZqBinding',
  'ZqDocVarName',
  'ZqDocVarValue',
  'ZqExifArtist',
  'ZqGpsArea',
  'ZqJpegXmp',
  'ZqJpegComment',
  'ZqPngText',
  'ZqPngXmp',
  'ZqMediaName',
  'ZqCommentAuthor',
  'ZqUserId',
  'ZqTrackedAuthor',
  'ZqDeletedText',
  'ZqFormatAuthor',
  'ZqIncludePicture',
  'ZqFieldUser',
  'ZqPicturePath',
  'ZqEditor',
  'ZqCoreCreator',
  'ZqCompany',
  'ZqAppTemplate',
  'ZqCustomProp',
  'ZqPrinterSettings',
  'ZqXmlComment',
  'ZqRelId',
  'w:rsid',
  'ZqForeign',
];

export const VISIBLE = {
  text: 'Connectivity for rural schools',
  inserted: 'accepted insertion',
  commented: 'commented words',
  comment: 'comment body',
  webLink: 'https://example.org/kept',
  fieldResult: 'field result',
};

const W_NS = [
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"',
  'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"',
].join(' ');
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

function rels(
  items: Array<[id: string, type: string, target: string, external?: boolean]>,
): Uint8Array {
  return strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${items
      .map(
        ([id, type, target, external]) =>
          `<Relationship Id="${id}" Type="${type.includes('/') ? type : `${REL}/${type}`}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`,
      )
      .join('')}</Relationships>`,
  );
}

const picture = (id: number, embed: string, extra = '', inside = '') =>
  `<w:r><w:drawing><wp:inline><wp:extent cx="228600" cy="152400"/><wp:docPr id="${id}" name="Picture ${id}" descr="C:\\Users\\ZqPicturePath\\photo${id}.jpg"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="${id}" name="C:\\Users\\ZqPicturePath\\p.jpg"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${embed}"${extra}>${inside}</a:blip></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?><!-- ZqXmlComment --><w:document ${W_NS} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:zq="urn:example:ZqForeignNs" mc:Ignorable="zq"><w:body><zq:note>ZqForeignText</zq:note>
<w:p w:rsidR="00AB1234" w:rsidRDefault="00AB1234" zq:who="ZqForeignAttr"><w:r w:rsidR="00AB1234"><w:t>${VISIBLE.text}</w:t></w:r></w:p>
<w:p><w:ins w:id="1" w:author="ZqTrackedAuthor" w:date="2026-03-04T10:11:12Z"><w:r><w:t>${VISIBLE.inserted}</w:t></w:r></w:ins><w:del w:id="2" w:author="ZqTrackedAuthor" w:date="2026-03-04T10:11:12Z"><w:r><w:delText>ZqDeletedText</w:delText></w:r>${picture(4, 'rId14')}</w:del><w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="ZqFormatAuthor"><w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve"> bold</w:t></w:r></w:p>
<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>${VISIBLE.commented}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>
<w:p><w:hyperlink r:id="ZqRelIdWeb"><w:r><w:t>kept web link</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId7"><w:r><w:t xml:space="preserve"> local file link</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId8"><w:r><w:t xml:space="preserve"> network link</w:t></w:r></w:hyperlink></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "C:\\\\Users\\\\ZqIncludePicture\\\\x.png" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>${VISIBLE.fieldResult}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr=" USERNAME ZqFieldUser "><w:r><w:t xml:space="preserve"> user field</w:t></w:r></w:fldSimple></w:p>
<w:customXml w:element="ZqCustomXmlElement"><w:p><w:permStart w:id="5" w:ed="ZqEditor"/><w:r><w:t>in custom xml</w:t></w:r><w:permEnd w:id="5"/></w:p></w:customXml>
<w:sdt><w:sdtPr><w:dataBinding w:xpath="/root[1]/ZqBinding[1]" w:storeItemID="{00000000-0000-0000-0000-000000000001}"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>bound text</w:t></w:r></w:p></w:sdtContent></w:sdt>
<w:p>${picture(1, 'rId4')}${picture(2, 'rId5')}${picture(3, 'rId5', ' r:link="rId11"')}</w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rId10"/><w:printerSettings r:id="rId13"/></w:sectPr>
</w:body></w:document>`;

export async function docxCorpus(): Promise<Uint8Array> {
  const jpeg = await jpegWithMetadata({
    artist: 'ZqExifArtist',
    gps: 'ZqGpsArea',
    xmp: 'ZqJpegXmp',
    comment: 'ZqJpegComment',
  });
  const png = await pngWithMetadata({ author: 'ZqPngText', xmp: 'ZqPngXmp' });
  const deleted = await pngWithMetadata({ author: 'ZqDeletedPicture', xmp: 'ZqDeletedPicture' });
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="png" ContentType="image/png"/><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"/><Override PartName="/word/document.xml" ContentType="${WML}.document.main+xml"/><Override PartName="/word/settings.xml" ContentType="${WML}.settings+xml"/><Override PartName="/word/comments.xml" ContentType="${WML}.comments+xml"/><Override PartName="/word/header1.xml" ContentType="${WML}.header+xml"/><Override PartName="/word/styles.xml" ContentType="${WML}.styles+xml"/></Types>`,
    ),
    '_rels/.rels': rels([
      ['rId1', 'officeDocument', 'word/document.xml'],
      ['rId2', `${PKG_REL}/metadata/core-properties`, 'docProps/core.xml'],
      ['rId3', 'extended-properties', 'docProps/app.xml'],
      ['rId4', 'custom-properties', 'docProps/custom.xml'],
    ]),
    'word/document.xml': strToU8(DOCUMENT),
    'word/_rels/document.xml.rels': rels([
      ['rId1', 'styles', 'styles.xml'],
      ['rId2', 'settings', 'settings.xml'],
      ['rId3', 'comments', 'comments.xml'],
      ['rId4', 'image', 'media/ZqMediaName.jpeg'],
      ['rId5', 'image', 'media/image2.png'],
      ['ZqRelIdWeb', 'hyperlink', VISIBLE.webLink, true],
      ['rId7', 'hyperlink', 'file:///C:/Users/ZqLinkedFile/secret.docx', true],
      ['rId8', 'hyperlink', '\\\\ZqUncServer\\share\\budget.xlsx', true],
      ['rId9', 'customXml', '../customXml/item1.xml'],
      ['rId10', 'header', 'header1.xml'],
      ['rId11', 'image', 'file:///C:/Users/ZqLinkedPicture/p.png', true],
      ['rId12', 'http://schemas.microsoft.com/office/2011/relationships/people', 'people.xml'],
      ['rId13', 'printerSettings', 'printerSettings/printerSettings1.bin'],
      ['rId14', 'image', 'media/deleted.png'],
    ]),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W_NS}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`,
    ),
    'word/settings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:settings ${W_NS}><w:evenAndOddHeaders/><w:attachedTemplate r:id="rId1"/><w:docVars><w:docVar w:name="ZqDocVarName" w:val="ZqDocVarValue"/></w:docVars><w:rsids><w:rsidRoot w:val="00AB1234"/></w:rsids></w:settings>`,
    ),
    'word/_rels/settings.xml.rels': rels([
      [
        'rId1',
        'attachedTemplate',
        'file:///C:\\Users\\ZqTemplateUser\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm',
        true,
      ],
    ]),
    'word/comments.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:comments ${W_NS}><w:comment w:id="0" w:author="ZqCommentAuthor" w:initials="ZQ" w:date="2026-03-04T10:11:12Z"><w:p><w:r><w:t>${VISIBLE.comment}</w:t></w:r></w:p></w:comment></w:comments>`,
    ),
    'word/people.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w15:people ${W_NS}><w15:person w15:author="ZqCommentAuthor"><w15:presenceInfo w15:providerId="AD" w15:userId="ZqUserId"/></w15:person></w15:people>`,
    ),
    'word/header1.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:hdr ${W_NS}><w:p w:rsidR="00AB1234"><w:r><w:t>Header text</w:t></w:r></w:p></w:hdr>`,
    ),
    'word/media/ZqMediaName.jpeg': jpeg,
    'word/media/image2.png': png,
    'word/media/deleted.png': deleted,
    'word/printerSettings/printerSettings1.bin': strToU8('ZqPrinterSettings'),
    'customXml/item1.xml': strToU8('<root><author>ZqCustomXmlAuthor</author></root>'),
    'docProps/core.xml': strToU8(
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>ZqCoreCreator</dc:creator><cp:lastModifiedBy>ZqCoreCreator</cp:lastModifiedBy></cp:coreProperties>',
    ),
    'docProps/app.xml': strToU8(
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>ZqAppTemplate.dotm</Template><Company>ZqCompany</Company></Properties>',
    ),
    'docProps/custom.xml': strToU8(
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"><property name="ZqCustomProp"/></Properties>',
    ),
  };
  return zipSync(files);
}

/** A DOCX whose main document refers to one more part: a chart, a picture in a given format… */
export function docxReferencing(
  type: string,
  target: string,
  data: Uint8Array,
  extra?: { target: string; data: Uint8Array; blip: string },
): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${WML}.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': strToU8(
      `<w:document ${W_NS}><w:body><w:p><w:r><w:t>Figures</w:t></w:r></w:p><w:p>${picture(1, 'rId1', '', extra?.blip)}</w:p></w:body></w:document>`,
    ),
    'word/_rels/document.xml.rels': rels([
      ['rId1', type, target],
      ...(extra ? [['rId2', 'image', extra.target] as [string, string, string]] : []),
    ]),
    [`word/${target}`]: data,
    ...(extra ? { [`word/${extra.target}`]: extra.data } : {}),
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

/** What Word writes for an SVG picture: a PNG in the blip and the SVG in an extension of it. */
export const SVG_BLIP_EXTENSION =
  '<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rId2"/></a:ext></a:extLst>';

/** A DOCX of just a body, for documents of a given length. */
export function docxWithBody(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${WML}.document.main+xml"/></Types>`,
    ),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'word/document.xml']]),
    'word/document.xml': strToU8(`<w:document ${W_NS}><w:body>${body}</w:body></w:document>`),
  });
}
