// A DOCX rebuilt from an allow-list. Starting at the main document, only the parts a reader
// needs are followed — styles, numbering, fonts table, theme, footnotes, endnotes, comments,
// headers, footers, layout settings and images — under new names, with relationships
// renumbered. The rest (properties, people, comments' extensions, custom XML, glossary, web and
// printer settings, embedded fonts, thumbnails) is never copied, and of the settings only layout
// options are kept (not the template path, document variables or revision ids). No relationship
// leaves the package except web and e-mail hyperlinks. Inside the parts (docx-xml.ts) tracked
// changes are accepted, comments lose their authors, revision ids and field codes that reach
// outside go. Content that cannot be rebuilt safely — charts, embedded objects, pictures in
// formats we cannot re-encode — makes the whole file refused rather than silently mutilated.
import { zipSync, type Unzipped, type Zippable } from 'fflate';
import { DocumentError } from './document-type.ts';
import {
  cleanDocxPart,
  keepLayoutSettings,
  referencedRelationships,
  relinkDocxPart,
} from './docx-xml.ts';
import { PixelBudget, reencodeImage } from './image-cleaner.ts';
import { isAllowedLink, MarkupBudget, parseXml, serializeXml } from './office-xml.ts';
import {
  contentTypesXml,
  relationshipsName,
  relationshipsOf,
  relationshipsXml,
  relativeTarget,
  resolveTarget,
  type NewRelationship,
  type Relationship,
} from './opc-package.ts';
import { FIXED_ZIP_TIME } from './zip-time.ts';

const WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml.';
const OFFICE_DOCUMENT =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

/** The parts a reader needs, by relationship type: their content type and new name. */
const KEPT: Record<string, { contentType: string; name: (n: number) => string }> = {
  officeDocument: { contentType: `${WML}document.main+xml`, name: () => 'word/document.xml' },
  styles: { contentType: `${WML}styles+xml`, name: () => 'word/styles.xml' },
  numbering: { contentType: `${WML}numbering+xml`, name: () => 'word/numbering.xml' },
  fontTable: { contentType: `${WML}fontTable+xml`, name: () => 'word/fontTable.xml' },
  settings: { contentType: `${WML}settings+xml`, name: () => 'word/settings.xml' },
  theme: {
    contentType: 'application/vnd.openxmlformats-officedocument.theme+xml',
    name: (n) => `word/theme/theme${n}.xml`,
  },
  footnotes: { contentType: `${WML}footnotes+xml`, name: () => 'word/footnotes.xml' },
  endnotes: { contentType: `${WML}endnotes+xml`, name: () => 'word/endnotes.xml' },
  comments: { contentType: `${WML}comments+xml`, name: () => 'word/comments.xml' },
  header: { contentType: `${WML}header+xml`, name: (n) => `word/header${n}.xml` },
  footer: { contentType: `${WML}footer+xml`, name: (n) => `word/footer${n}.xml` },
};

/** Parts a document uses without naming them in its XML; every other part must be referenced. */
const IMPLICIT = new Set([
  'styles',
  'numbering',
  'fontTable',
  'settings',
  'theme',
  'footnotes',
  'endnotes',
  'comments',
]);

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

interface OutputPart {
  name: string;
  contentType?: string;
  data: Uint8Array;
}

/** One rebuild: the parts written so far, the new name of each source part, the pixels left. */
class DocxRebuild {
  readonly output: OutputPart[] = [];
  private readonly renamed = new Map<string, string>();
  private readonly counters = new Map<string, number>();
  private readonly pixels = new PixelBudget();
  private readonly markup = new MarkupBudget();

  constructor(private readonly entries: Unzipped) {}

  private nextName(type: string, make: (n: number) => string): string {
    const n = (this.counters.get(type) ?? 0) + 1;
    this.counters.set(type, n);
    return make(n);
  }

  /** Copies one kept part, cleaned, and through its relationships what it needs; returns its new name. */
  async copyPart(source: string, type: string): Promise<string> {
    const known = this.renamed.get(source);
    if (known) return known;
    const kept = KEPT[type];
    if (!kept || !this.entries[source]) throw new DocumentError('damaged');
    const name = this.nextName(type, kept.name);
    this.renamed.set(source, name);
    const doc = parseXml(this.entries[source], this.markup);
    cleanDocxPart(doc);
    if (type === 'settings') keepLayoutSettings(doc);
    const referenced = referencedRelationships(doc);
    const relIds = new Map<string, string>();
    const rels: NewRelationship[] = [];
    for (const rel of relationshipsOf(this.entries, source)) {
      if (!referenced.has(rel.id) && !IMPLICIT.has(rel.type)) continue;
      const target = await this.follow(source, type, rel);
      if (!target) continue;
      const path = target.external ? target.name : relativeTarget(name, target.name);
      rels.push({ typeUri: rel.typeUri, target: path, external: target.external });
      relIds.set(rel.id, `rId${rels.length}`);
    }
    relinkDocxPart(doc, relIds);
    this.output.push({ name, contentType: kept.contentType, data: serializeXml(doc) });
    if (rels.length > 0)
      this.output.push({ name: relationshipsName(name), data: relationshipsXml(rels) });
    return name;
  }

  /** What one relationship becomes: a kept target, or nothing (dropped); refused content throws. */
  private async follow(
    source: string,
    sourceType: string,
    rel: Relationship,
  ): Promise<{ name: string; external: boolean } | undefined> {
    if (REFUSED.has(rel.type)) throw new DocumentError('uncleanable');
    if (rel.type === 'hyperlink')
      return rel.external && isAllowedLink(rel.target)
        ? { name: rel.target, external: true }
        : undefined;
    // Linked pictures, templates, linked files: nothing outside the package is followed.
    if (rel.external) return undefined;
    // Settings keep layout options only; what they point to (template, mail-merge source) is not.
    if (sourceType === 'settings') return undefined;
    const path = resolveTarget(source, rel.target);
    if (rel.type === 'image') return { name: await this.copyImage(path), external: false };
    if (KEPT[rel.type] && rel.type !== 'officeDocument')
      return { name: await this.copyPart(path, rel.type), external: false };
    return undefined;
  }

  private async copyImage(path: string): Promise<string> {
    const known = this.renamed.get(path);
    if (known) return known;
    const bytes = this.entries[path];
    if (!bytes) throw new DocumentError('damaged');
    const image = await reencodeImage(bytes, this.pixels);
    const name = this.nextName('image', (n) => `word/media/image${n}.${image.extension}`);
    this.renamed.set(path, name);
    this.output.push({ name, data: image.data });
    return name;
  }
}

export async function cleanDocx(entries: Unzipped): Promise<Uint8Array> {
  const rebuild = new DocxRebuild(entries);
  // checkDocument() made sure word/document.xml exists; a package without its root
  // relationships is read as if they pointed there.
  const root = relationshipsOf(entries, '').find((r) => r.type === 'officeDocument');
  if (root?.external) throw new DocumentError('damaged');
  await rebuild.copyPart(
    root ? resolveTarget('', root.target) : 'word/document.xml',
    'officeDocument',
  );
  const packageRels = relationshipsXml([
    { typeUri: root?.typeUri ?? OFFICE_DOCUMENT, target: 'word/document.xml', external: false },
  ]);
  const files: Zippable = {
    '[Content_Types].xml': [contentTypesXml(rebuild.output), { mtime: FIXED_ZIP_TIME }],
    '_rels/.rels': [packageRels, { mtime: FIXED_ZIP_TIME }],
  };
  for (const part of rebuild.output) files[part.name] = [part.data, { mtime: FIXED_ZIP_TIME }];
  return zipSync(files, { level: 6 });
}
