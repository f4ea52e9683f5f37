// Inside a kept DOCX part: what a reader sees stays, what records who edited it and what reaches
// outside goes. Tracked changes are accepted (insertions kept, deletions gone, formatting
// changes forgotten); comments stay without their authors; permissions, custom XML and data
// bindings go, and so do revision ids (w:rsid*) and any author, initials or date left on an
// element. Field codes that fetch files or print document properties (INCLUDEPICTURE, LINK,
// AUTHOR, FILENAME…) lose their code and keep their last result as plain text. References to
// relationships that were not kept disappear with their element — except hyperlinks, whose text
// stays.
import {
  allElements,
  dropForeignMarkup,
  isAllowedLink,
  looksLikeLocalPath,
  removeElement,
  unwrapElement,
} from './office-xml.ts';
import type { Attr, Document, Element } from './office-xml.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const VML_OFFICE = 'urn:schemas-microsoft-com:office:office';
const SVG_BLIP = 'http://schemas.microsoft.com/office/drawing/2016/SVG/main';

const REMOVED = new Set([
  'del',
  'moveFrom',
  'moveFromRangeStart',
  'moveFromRangeEnd',
  'moveToRangeStart',
  'moveToRangeEnd',
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'tblPrExChange',
  'tblGridChange',
  'tcPrChange',
  'trPrChange',
  'numberingChange',
  'cellIns',
  'cellDel',
  'cellMerge',
  'customXmlInsRangeStart',
  'customXmlInsRangeEnd',
  'customXmlDelRangeStart',
  'customXmlDelRangeEnd',
  'customXmlMoveFromRangeStart',
  'customXmlMoveFromRangeEnd',
  'customXmlMoveToRangeStart',
  'customXmlMoveToRangeEnd',
  'permStart',
  'permEnd',
  'dataBinding',
  'customXmlPr',
  'smartTagPr',
  'attachedTemplate',
  'docVars',
  'rsids',
]);
const UNWRAPPED = new Set(['ins', 'moveTo', 'customXml', 'smartTag']);
const PERSONAL_ATTRIBUTES = new Set([
  'author',
  'initials',
  'date',
  'dateUtc',
  'userId',
  'providerId',
]);
/** Fields that only number, cross-reference or link to the web. */
const SAFE_FIELDS = new Set([
  'PAGE',
  'NUMPAGES',
  'SECTIONPAGES',
  'SECTION',
  'SEQ',
  'REF',
  'PAGEREF',
  'NOTEREF',
  'STYLEREF',
  'TOC',
  'TC',
  'LISTNUM',
  'DATE',
  'TIME',
]);

export function isSafeField(instruction: string): boolean {
  const [name = '', target = ''] = instruction.trim().split(/\s+/);
  if (name.toUpperCase() === 'HYPERLINK') {
    const unquoted = target.replace(/^"|"$/g, '');
    return target === '\\l' || isAllowedLink(unquoted);
  }
  return SAFE_FIELDS.has(name.toUpperCase());
}

/** OOXML's own namespaces (transitional and strict) and Microsoft's extensions of it. */
export function isOfficeNamespace(namespace: string): boolean {
  return /^(http:\/\/schemas\.openxmlformats\.org\/|http:\/\/purl\.oclc\.org\/ooxml\/|http:\/\/schemas\.microsoft\.com\/office\/|urn:schemas-microsoft-com:)/.test(
    namespace,
  );
}

/** Structure and attributes: changes accepted, anchors, unsafe fields and foreign markup gone. */
export function cleanDocxPart(doc: Document): void {
  dropForeignMarkup(doc, isOfficeNamespace);
  for (const element of allElements(doc)) {
    if (element.namespaceURI !== W) continue;
    const name = element.localName ?? '';
    if (REMOVED.has(name)) removeElement(element);
    else if (UNWRAPPED.has(name)) unwrapElement(element);
  }
  // Word stores an SVG picture next to a PNG of it; the PNG, which we can re-encode, is enough.
  for (const svg of Array.from(doc.getElementsByTagNameNS(SVG_BLIP, 'svgBlip'))) removeElement(svg);
  cleanFields(doc);
  for (const element of allElements(doc)) dropPersonalAttributes(element);
}

const isReference = (a: Attr) =>
  a.namespaceURI === R || (a.namespaceURI === VML_OFFICE && a.localName === 'relid');

/** The relationship ids the cleaned part still uses: a picture only deleted text showed is not one. */
export function referencedRelationships(doc: Document): Set<string> {
  const ids = new Set<string>();
  for (const element of allElements(doc))
    for (const attribute of Array.from(element.attributes))
      if (isReference(attribute)) ids.add(attribute.value);
  return ids;
}

/** Points references at the renumbered relationships; those to a relationship not kept go. */
export function relinkDocxPart(doc: Document, relIds: Map<string, string>): void {
  for (const element of allElements(doc)) relinkOrRemove(element, relIds);
}

function dropPersonalAttributes(element: Element): void {
  // A comment must name an author for Word to open the file: it names nobody.
  const anonymousAuthor = element.namespaceURI === W && element.localName === 'comment';
  for (const attribute of Array.from(element.attributes)) {
    if (anonymousAuthor && attribute.namespaceURI === W && attribute.localName === 'author') {
      attribute.value = '';
      continue;
    }
    const local = attribute.localName ?? attribute.name;
    if (
      (attribute.namespaceURI === W && local.startsWith('rsid')) ||
      PERSONAL_ATTRIBUTES.has(local)
    )
      element.removeAttributeNode(attribute);
    // Word writes the picked file's path into a picture's name, description or VML title.
    else if (looksLikeLocalPath(attribute.value)) attribute.value = '';
  }
}

function relinkOrRemove(element: Element, relIds: Map<string, string>): void {
  const references = Array.from(element.attributes).filter(isReference);
  if (references.length === 0) return;
  let keptOne = false;
  for (const attribute of references) {
    const id = relIds.get(attribute.value);
    if (id) {
      attribute.value = id;
      keptOne = true;
    } else element.removeAttributeNode(attribute);
  }
  if (keptOne) return;
  if (element.namespaceURI === W && element.localName === 'hyperlink') unwrapElement(element);
  else removeElement(element);
}

/** Walks simple and complex fields; an unsafe one keeps its result and loses its code. */
function cleanFields(doc: Document): void {
  for (const simple of Array.from(doc.getElementsByTagNameNS(W, 'fldSimple')))
    if (!isSafeField(simple.getAttributeNS(W, 'instr') ?? '')) unwrapElement(simple);
  const open: Array<{ instruction: string; markup: Element[] }> = [];
  for (const element of allElements(doc)) {
    if (element.namespaceURI !== W) continue;
    if (element.localName === 'instrText') {
      const field = open[open.length - 1];
      if (field) {
        field.instruction += element.textContent ?? '';
        field.markup.push(element);
      } else removeElement(element);
      continue;
    }
    if (element.localName !== 'fldChar') continue;
    const kind = element.getAttributeNS(W, 'fldCharType');
    if (kind === 'begin') open.push({ instruction: '', markup: [element] });
    const field = open[open.length - 1];
    if (!field || kind === 'begin') continue;
    field.markup.push(element);
    if (kind !== 'end') continue;
    open.pop();
    if (!isSafeField(field.instruction)) field.markup.forEach(removeElement);
  }
  for (const field of open)
    if (!isSafeField(field.instruction)) field.markup.forEach(removeElement);
}

/** Settings that change how the document is laid out; the rest (template, variables, ids…) go. */
const LAYOUT_SETTINGS = new Set([
  'evenAndOddHeaders',
  'mirrorMargins',
  'gutterAtTop',
  'bookFoldPrinting',
  'defaultTabStop',
  'autoHyphenation',
  'consecutiveHyphenLimit',
  'hyphenationZone',
  'doNotHyphenateCaps',
  'characterSpacingControl',
  'footnotePr',
  'endnotePr',
  'compat',
  'themeFontLang',
  'decimalSymbol',
  'listSeparator',
  'bordersDoNotSurroundHeader',
  'bordersDoNotSurroundFooter',
  'displayBackgroundShape',
  'defaultTableStyle',
]);

export function keepLayoutSettings(doc: Document): void {
  const root = doc.documentElement;
  if (!root) return;
  for (const child of Array.from(root.childNodes))
    if (child.nodeType !== 1 || !LAYOUT_SETTINGS.has((child as Element).localName ?? ''))
      root.removeChild(child);
}
