// A DOCX built in memory that carries every identity a probe found in real files, each
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

/** What Word writes for an SVG picture: a PNG in the blip and the SVG in an extension of it. */
export const SVG_BLIP_EXTENSION =
  '<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="rId2"/></a:ext></a:extLst>';
