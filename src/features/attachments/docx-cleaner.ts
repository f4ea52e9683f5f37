// A DOCX rebuilt from an allow-list. Starting at the main document, only the parts a reader needs
// are followed — styles, numbering, fonts table, theme, footnotes, endnotes, headers, footers and
// images — under new names, with relationships renumbered; everything else (properties, settings
// with the template path and document variables, comments, people, custom XML, glossary, web
// settings, printer settings, embedded fonts, thumbnails) is simply never copied. No relationship
// leaves the package except web and e-mail hyperlinks. Inside the parts, tracked changes are
// accepted, comment anchors, revision ids and field codes that reach outside are removed (see
// docx-xml.ts). Content that cannot be rebuilt safely — charts, embedded objects, pictures in
// formats we cannot re-encode — makes the whole file refused rather than silently mutilated.
import { zipSync, type Unzipped, type Zippable } from 'fflate';
import { DocumentError } from './document-type.ts';
import { cleanDocxPart } from './docx-xml.ts';
import { reencodeImage } from './image-cleaner.ts';
import { isAllowedLink, parseXml, serializeXml } from './office-xml.ts';
import { FIXED_ZIP_TIME } from './zip-time.ts';

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';

/** The parts a reader needs, by relationship type: their content type and new name. */
const KEPT: Record<string, { contentType: string; name: (n: number) => string }> = {
  officeDocument: { contentType: `${WML}document.main+xml`, name: () => 'word/document.xml' },
  styles: { contentType: `${WML}styles+xml`, name: () => 'word/styles.xml' },
  numbering: { contentType: `${WML}numbering+xml`, name: () => 'word/numbering.xml' },
  fontTable: { contentType: `${WML}fontTable+xml`, name: () => 'word/fontTable.xml' },
  theme: {
    contentType: 'application/vnd.openxmlformats-officedocument.theme+xml',
    name: (n) => `word/theme/theme${n}.xml`,
  },
  footnotes: { contentType: `${WML}footnotes+xml`, name: () => 'word/footnotes.xml' },
  endnotes: { contentType: `${WML}endnotes+xml`, name: () => 'word/endnotes.xml' },
  header: { contentType: `${WML}header+xml`, name: (n) => `word/header${n}.xml` },
  footer: { contentType: `${WML}footer+xml`, name: (n) => `word/footer${n}.xml` },
};

/** Content a reader would miss and that we cannot clean: refuse rather than drop it. */
const REFUSED = new Set([
  'chart',
  'oleObject',
  'package',
  'control',
  'subDocument',
  'aFChunk',
  'diagramData',
  'diagramLayout',
  'diagramQuickStyle',
  'diagramColors',
  'video',
  'audio',
]);

interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

interface OutputPart {
  name: string;
  contentType?: string;
  data: Uint8Array;
}

function relationshipsOf(entries: Unzipped, partName: string): Relationship[] {
  const slash = partName.lastIndexOf('/');
  const relsName = `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
  if (!entries[relsName]) return [];
  return Array.from(parseXml(entries[relsName]).getElementsByTagNameNS(REL_NS, 'Relationship')).map(
    (r) => ({
      id: r.getAttribute('Id') ?? '',
      type: (r.getAttribute('Type') ?? '').split('/').pop() ?? '',
      target: r.getAttribute('Target') ?? '',
      external: r.getAttribute('TargetMode') === 'External',
    }),
  );
}

/** A relationship target, relative to its source part, as a path inside the package. */
function resolve(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(decodeURIComponent(segment));
  }
  return parts.join('/');
}

function relativeTo(from: string, target: string): string {
  const dir = from.split('/').slice(0, -1);
  const goal = target.split('/');
  let common = 0;
  while (common < dir.length && dir[common] === goal[common]) common++;
  return [...dir.slice(common).map(() => '..'), ...goal.slice(common)].join('/');
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function relsXml(rels: Array<{ type: string; target: string; external: boolean }>): Uint8Array {
  const items = rels
    .map(
      (r, i) =>
        `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}${r.type}" Target="${escapeAttribute(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('');
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${items}</Relationships>`,
  );
}

function contentTypesXml(parts: OutputPart[]): Uint8Array {
  const overrides = parts
    .filter((p) => p.contentType)
    .map((p) => `<Override PartName="/${p.name}" ContentType="${p.contentType}"/>`)
    .join('');
  return new TextEncoder().encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/>' +
      `${overrides}</Types>`,
  );
}

export async function cleanDocx(entries: Unzipped): Promise<Uint8Array> {
  const output: OutputPart[] = [];
  const renamed = new Map<string, string>();
  const counters = new Map<string, number>();
  const nextName = (type: string, make: (n: number) => string) => {
    const n = (counters.get(type) ?? 0) + 1;
    counters.set(type, n);
    return make(n);
  };

  /** Copies one kept part (cleaned) and, through its relationships, what it needs; returns its new name. */
  async function copyPart(source: string, type: string): Promise<string> {
    const known = renamed.get(source);
    if (known) return known;
    const kept = KEPT[type];
    if (!kept || !entries[source]) throw new DocumentError('damaged');
    const name = nextName(type, kept.name);
    renamed.set(source, name);
    const relIds = new Map<string, string>();
    const rels: Array<{ type: string; target: string; external: boolean }> = [];
    for (const rel of relationshipsOf(entries, source)) {
      const target = await follow(source, rel);
      if (!target) continue;
      rels.push({
        type: rel.type,
        target: target.external ? target.name : relativeTo(name, target.name),
        external: target.external,
      });
      relIds.set(rel.id, `rId${rels.length}`);
    }
    const doc = parseXml(entries[source]);
    cleanDocxPart(doc, relIds);
    output.push({ name, contentType: kept.contentType, data: serializeXml(doc) });
    if (rels.length > 0) {
      const slash = name.lastIndexOf('/');
      output.push({
        name: `${name.slice(0, slash + 1)}_rels/${name.slice(slash + 1)}.rels`,
        data: relsXml(rels),
      });
    }
    return name;
  }

  /** What one relationship becomes: a kept target, or nothing (dropped); refused content throws. */
  async function follow(
    source: string,
    rel: Relationship,
  ): Promise<{ name: string; external: boolean } | undefined> {
    if (REFUSED.has(rel.type)) throw new DocumentError('uncleanable');
    if (rel.type === 'hyperlink')
      return rel.external && isAllowedLink(rel.target)
        ? { name: rel.target, external: true }
        : undefined;
    // Linked pictures, templates, linked files: nothing outside the package is followed.
    if (rel.external) return undefined;
    const path = resolve(source, rel.target);
    if (rel.type === 'image') return { name: await copyImage(path), external: false };
    if (KEPT[rel.type] && rel.type !== 'officeDocument')
      return { name: await copyPart(path, rel.type), external: false };
    return undefined;
  }

  async function copyImage(path: string): Promise<string> {
    const known = renamed.get(path);
    if (known) return known;
    const bytes = entries[path];
    if (!bytes) throw new DocumentError('damaged');
    const image = await reencodeImage(bytes);
    const name = nextName('image', (n) => `word/media/image${n}.${image.extension}`);
    renamed.set(path, name);
    output.push({ name, data: image.data });
    return name;
  }

  // checkDocument() made sure word/document.xml exists; a package without its root
  // relationships is read as if they pointed there.
  const root = relationshipsOf(entries, '').find((r) => r.type === 'officeDocument');
  if (root?.external) throw new DocumentError('damaged');
  await copyPart(root ? resolve('', root.target) : 'word/document.xml', 'officeDocument');

  const files: Zippable = {
    '[Content_Types].xml': [contentTypesXml(output), { mtime: FIXED_ZIP_TIME }],
    '_rels/.rels': [
      relsXml([{ type: 'officeDocument', target: 'word/document.xml', external: false }]),
      { mtime: FIXED_ZIP_TIME },
    ],
  };
  for (const part of output) files[part.name] = [part.data, { mtime: FIXED_ZIP_TIME }];
  return zipSync(files, { level: 6 });
}
