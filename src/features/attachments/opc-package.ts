// The packaging of DOCX (Open Packaging Conventions): parts in a zip, linked by relationship files
// (`_rels/<part>.rels`) and typed by `[Content_Types].xml`. Reading relationships and writing the
// rebuilt package's own are kept here, apart from what the DOCX cleaner decides to keep.
import type { Unzipped } from 'fflate';
import { parseXml } from './office-xml.ts';

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export interface Relationship {
  id: string;
  /** The full type URI, transitional or strict, as written. */
  typeUri: string;
  /** Its last segment: `styles`, `image`, `hyperlink`… */
  type: string;
  target: string;
  external: boolean;
}

export interface NewRelationship {
  typeUri: string;
  target: string;
  external: boolean;
}

export function relationshipsName(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return `${partName.slice(0, slash + 1)}_rels/${partName.slice(slash + 1)}.rels`;
}

/** The relationships of a part ('' for the package itself). */
export function relationshipsOf(entries: Unzipped, partName: string): Relationship[] {
  const xml = entries[relationshipsName(partName)];
  if (!xml) return [];
  return Array.from(parseXml(xml).getElementsByTagNameNS(REL_NS, 'Relationship')).map((r) => {
    const typeUri = r.getAttribute('Type') ?? '';
    return {
      id: r.getAttribute('Id') ?? '',
      typeUri,
      type: typeUri.split('/').pop() ?? '',
      target: r.getAttribute('Target') ?? '',
      external: r.getAttribute('TargetMode') === 'External',
    };
  });
}

/** A relationship target, relative to its source part, as a path inside the package. */
export function resolveTarget(from: string, target: string): string {
  const parts = target.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const segment of target.replace(/^\//, '').split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(decodeURIComponent(segment));
  }
  return parts.join('/');
}

/** The path of `target` as seen from the part `from`, for a relationship file. */
export function relativeTarget(from: string, target: string): string {
  const dir = from.split('/').slice(0, -1);
  const goal = target.split('/');
  let common = 0;
  while (common < dir.length && dir[common] === goal[common]) common++;
  return [...dir.slice(common).map(() => '..'), ...goal.slice(common)].join('/');
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A relationship file whose ids are rId1, rId2… in the order given. */
export function relationshipsXml(rels: NewRelationship[]): Uint8Array {
  const items = rels
    .map(
      (r, i) =>
        `<Relationship Id="rId${i + 1}" Type="${escapeAttribute(r.typeUri)}" Target="${escapeAttribute(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
    )
    .join('');
  return new TextEncoder().encode(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${REL_NS}">${items}</Relationships>`,
  );
}

/** Content types for the rebuilt package: each XML part by name, pictures by extension. */
export function contentTypesXml(parts: Array<{ name: string; contentType?: string }>): Uint8Array {
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
