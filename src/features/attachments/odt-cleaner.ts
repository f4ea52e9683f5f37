// An ODT rebuilt from an allow-list: mimetype, content.xml, styles.xml, the pictures they show
// (re-encoded under new names), a manifest written anew and an empty meta.xml. settings.xml
// (printer names, view positions), thumbnails, configurations, embedded objects' own metadata and
// anything else in the archive are never copied. Inside the two XML parts, comment and change
// authors and dates go, tracked changes are accepted, scripts, event listeners and forms go,
// and no link reaches outside except web and e-mail hyperlinks. Embedded objects (charts,
// formulas, OLE) cannot be cleaned and make the file refused.
import { zipSync, type Unzipped, type Zippable } from 'fflate';
import { DocumentError, MEDIA_TYPES } from './document-type.ts';
import { PixelBudget, reencodeImage } from './image-cleaner.ts';
import {
  allElements,
  dropForeignMarkup,
  isAllowedLink,
  looksLikeLocalPath,
  MarkupBudget,
  parseXml,
  removeElement,
  serializeXml,
  unwrapElement,
  type Document,
  type Element,
} from './office-xml.ts';
import { FIXED_ZIP_TIME } from './zip-time.ts';

const NS = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  draw: 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
  dc: 'http://purl.org/dc/elements/1.1/',
  meta: 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',
  script: 'urn:oasis:names:tc:opendocument:xmlns:script:1.0',
  loext: 'urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0',
  manifest: 'urn:oasis:names:tc:opendocument:xmlns:manifest:1.0',
} as const;

/** The namespaces of ODF and of LibreOffice's extensions; anything else is foreign and dropped. */
const KNOWN_NAMESPACES = new Set([
  NS.office,
  NS.text,
  NS.draw,
  NS.xlink,
  NS.loext,
  'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:presentation:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:chart:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0',
  'urn:oasis:names:tc:opendocument:xmlns:of:1.2',
  'http://www.w3.org/1998/Math/MathML',
  'http://openoffice.org/2009/office',
  'http://openoffice.org/2009/table',
  'http://openoffice.org/2010/draw',
  'urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0',
  'urn:openoffice:names:experimental:ooo-ms-interop:xmlns:field:1.0',
  'urn:openoffice:names:experimental:ooxml-odf-interop:xmlns:form:1.0',
  'http://www.w3.org/TR/css3-text/',
]);
/** Whole namespaces a reader never sees in the body: who, when, and code. */
const DROPPED_NAMESPACES = new Set<string>([NS.dc, NS.meta, NS.script]);
const DROPPED = new Set([
  `${NS.text} tracked-changes`,
  `${NS.text} change`,
  `${NS.text} change-start`,
  `${NS.text} change-end`,
  `${NS.office} scripts`,
  `${NS.office} event-listeners`,
  `${NS.office} forms`,
  `${NS.office} dde-source`,
  `${NS.text} dde-connection-decls`,
  `${NS.text} section-source`,
  `${NS.draw} control`,
  `${NS.draw} applet`,
  `${NS.draw} plugin`,
  `${NS.draw} floating-frame`,
  `${NS.loext} sender-initials`,
]);
const EMBEDDED_OBJECTS = new Set([`${NS.draw} object`, `${NS.draw} object-ole`]);
const LINKS = new Set([`${NS.text} a`, `${NS.draw} a`]);

const key = (element: Element) => `${element.namespaceURI} ${element.localName}`;
const encode = (text: string) => new TextEncoder().encode(text);

/** A picture inside the package, as content.xml and styles.xml name them. */
const picturePath = (href: string) => href.replace(/^\.\//, '');

function cleanPart(doc: Document, isPicture: (href: string) => boolean): void {
  const root = doc.documentElement;
  if (root?.namespaceURI !== NS.office || !/^document-(content|styles)$/.test(root.localName ?? ''))
    throw new DocumentError('damaged');
  for (const element of allElements(doc)) {
    if (!element.parentNode) continue;
    if (EMBEDDED_OBJECTS.has(key(element))) throw new DocumentError('uncleanable');
    if (DROPPED.has(key(element)) || DROPPED_NAMESPACES.has(element.namespaceURI ?? '')) {
      removeElement(element);
      continue;
    }
    for (const attribute of Array.from(element.attributes))
      if (looksLikeLocalPath(attribute.value)) attribute.value = '';
    const href = element.getAttributeNS(NS.xlink, 'href');
    if (href === null) continue;
    if (isPicture(href)) continue;
    if (LINKS.has(key(element))) {
      if (!isAllowedLink(href) && !href.startsWith('#')) unwrapElement(element);
    } else removeElement(element);
  }
  // After the walk above, which refuses embedded objects before they could be dropped as foreign.
  dropForeignMarkup(doc, (namespace) => KNOWN_NAMESPACES.has(namespace));
}

/** Re-encodes the pictures the cleaned parts still show, under new names, and points at them. */
async function copyPictures(
  entries: Unzipped,
  parts: Document[],
): Promise<Array<{ name: string; data: Uint8Array; mediaType: string }>> {
  const renamed = new Map<string, string>();
  const files: Array<{ name: string; data: Uint8Array; mediaType: string }> = [];
  const pixels = new PixelBudget();
  for (const doc of parts)
    for (const element of allElements(doc)) {
      const href = element.getAttributeNS(NS.xlink, 'href');
      if (href === null || !isPictureIn(entries, href)) continue;
      const source = picturePath(href);
      let name = renamed.get(source);
      if (!name) {
        const image = await reencodeImage(entries[source] as Uint8Array, pixels).catch(
          (error: unknown) => {
            // An SVG or metafile with a PNG beside it: the PNG is enough.
            if (
              error instanceof DocumentError &&
              error.reason === 'uncleanable' &&
              hasStandIn(element)
            )
              return undefined;
            throw error;
          },
        );
        if (!image) {
          removeElement(element);
          continue;
        }
        name = `Pictures/image${files.length + 1}.${image.extension}`;
        renamed.set(source, name);
        files.push({ name, data: image.data, mediaType: image.mediaType });
      }
      element.setAttributeNS(NS.xlink, 'xlink:href', name);
    }
  return files;
}

/** LibreOffice puts a PNG after an SVG or a metafile in the same frame, for readers that lack them. */
function hasStandIn(image: Element): boolean {
  if (image.namespaceURI !== NS.draw || image.localName !== 'image') return false;
  const siblings = Array.from(image.parentNode?.childNodes ?? []) as Element[];
  return siblings.some(
    (other) => other !== image && other.namespaceURI === NS.draw && other.localName === 'image',
  );
}

const isPictureIn = (entries: Unzipped, href: string) =>
  picturePath(href).startsWith('Pictures/') && entries[picturePath(href)] !== undefined;

function manifest(
  version: string,
  entries: Array<{ name: string; mediaType: string }>,
): Uint8Array {
  const items = [{ name: '/', mediaType: MEDIA_TYPES.odt }, ...entries]
    .map(
      (e) =>
        `<manifest:file-entry manifest:full-path="${e.name}"${e.name === '/' ? ` manifest:version="${version}"` : ''} manifest:media-type="${e.mediaType}"/>`,
    )
    .join('');
  return encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="${NS.manifest}" manifest:version="${version}">${items}</manifest:manifest>`,
  );
}

export async function cleanOdt(entries: Unzipped): Promise<Uint8Array> {
  const oldManifest = entries['META-INF/manifest.xml'];
  if (
    oldManifest &&
    parseXml(oldManifest).getElementsByTagNameNS(NS.manifest, 'encryption-data').length > 0
  )
    throw new DocumentError('encrypted');
  const markup = new MarkupBudget();
  const content = parseXml(entries['content.xml'], markup);
  const styles = entries['styles.xml'] ? parseXml(entries['styles.xml'], markup) : undefined;
  const parts = styles ? [content, styles] : [content];
  // Cleaned first, so a picture that only deleted text or a dropped element showed is not kept.
  for (const doc of parts) cleanPart(doc, (href) => isPictureIn(entries, href));
  const pictures = await copyPictures(entries, parts);
  const version = /^\d\.\d$/.test(
    content.documentElement?.getAttributeNS(NS.office, 'version') ?? '',
  )
    ? (content.documentElement?.getAttributeNS(NS.office, 'version') as string)
    : '1.3';
  const meta = encode(
    `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="${NS.office}" office:version="${version}"><office:meta/></office:document-meta>`,
  );
  const xmlParts = [
    { name: 'content.xml', data: serializeXml(content), mediaType: 'text/xml' },
    ...(styles ? [{ name: 'styles.xml', data: serializeXml(styles), mediaType: 'text/xml' }] : []),
    { name: 'meta.xml', data: meta, mediaType: 'text/xml' },
  ];
  const all = [...xmlParts, ...pictures];
  // Readers expect `mimetype` first and stored uncompressed.
  const files: Zippable = {
    mimetype: [encode(MEDIA_TYPES.odt), { level: 0, mtime: FIXED_ZIP_TIME }],
  };
  for (const part of all) files[part.name] = [part.data, { mtime: FIXED_ZIP_TIME }];
  files['META-INF/manifest.xml'] = [manifest(version, all), { mtime: FIXED_ZIP_TIME }];
  return zipSync(files, { level: 6 });
}
