// The XML of ODT and DOCX parts, read into a DOM and written back, for the cleaners. A part that is
// not well-formed is refused as damaged rather than guessed at. Comments and processing
// instructions are dropped on the way: a reader never sees them, a probe would.
import {
  DOMParser,
  onErrorStopParsing,
  XMLSerializer,
  type Attr,
  type Document,
  type Element,
  type Node,
} from '@xmldom/xmldom';
import { DocumentError } from './document-type.ts';

export type { Attr, Document, Element };

const COMMENT_NODE = 8;
const PROCESSING_INSTRUCTION_NODE = 7;
const DOCUMENT_TYPE_NODE = 10;

/**
 * The XML one document may have parsed: the DOM costs about a second per 1.5 MB of markup on a
 * small server, so a crafted file (a few kilobytes zipped) must not make it work for minutes.
 */
export class MarkupBudget {
  private left = 8 * 1024 * 1024;

  spend(bytes: number): void {
    this.left -= bytes;
    if (this.left < 0) throw new DocumentError('markup');
  }
}

export function parseXml(bytes: Uint8Array | undefined, budget?: MarkupBudget): Document {
  if (!bytes) throw new DocumentError('damaged');
  budget?.spend(bytes.length);
  try {
    const doc = new DOMParser({ onError: onErrorStopParsing, locator: false }).parseFromString(
      new TextDecoder().decode(bytes),
      'application/xml',
    );
    dropInvisibleNodes(doc);
    return doc;
  } catch {
    throw new DocumentError('damaged');
  }
}

function dropInvisibleNodes(node: Node): void {
  for (let child = node.firstChild; child;) {
    const next = child.nextSibling;
    if ([COMMENT_NODE, PROCESSING_INSTRUCTION_NODE, DOCUMENT_TYPE_NODE].includes(child.nodeType))
      node.removeChild(child);
    else dropInvisibleNodes(child);
    child = next;
  }
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function serializeXml(doc: Document): Uint8Array {
  return new TextEncoder().encode(XML_DECLARATION + new XMLSerializer().serializeToString(doc));
}

/** Every element, in document order, as a fixed list (removing one does not disturb the walk). */
export function allElements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagName('*'));
}

export function removeElement(element: Element): void {
  element.parentNode?.removeChild(element);
}

/** Replaces an element with its children: the text stays, the wrapper goes. */
export function unwrapElement(element: Element): void {
  const parent = element.parentNode;
  if (!parent) return;
  while (element.firstChild) parent.insertBefore(element.firstChild, element);
  parent.removeChild(element);
}

/** Link schemes a reader may follow: the web and e-mail, never a local or network file. */
export function isAllowedLink(target: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(target.trim());
}

/** A path on a disk or a network share: C:\…, \\server\…, file:…, /Users/…, /home/… */
export function looksLikeLocalPath(value: string): boolean {
  return /^\s*([a-z]:[\\/]|\\\\|file:|\/(Users|home)\/)/i.test(value);
}

const XMLNS = 'http://www.w3.org/2000/xmlns/';
const XML = 'http://www.w3.org/XML/1998/namespace';
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * Elements and attributes of namespaces the format does not define are dropped, and so are the
 * declarations of such namespaces: a reader skips them (DOCX's mc:Ignorable, ODF's foreign
 * elements), which is what makes them a hiding place.
 */
export function dropForeignMarkup(doc: Document, known: (namespace: string) => boolean): void {
  for (const element of allElements(doc)) {
    if (!element.parentNode) continue;
    if (!known(element.namespaceURI ?? '')) {
      removeElement(element);
      continue;
    }
    for (const attribute of Array.from(element.attributes)) {
      const namespace = attribute.namespaceURI;
      if (namespace === XMLNS) {
        if (!known(attribute.value)) element.removeAttributeNode(attribute);
      } else if (namespace && namespace !== XML && !known(namespace))
        element.removeAttributeNode(attribute);
    }
    const ignorable = element.getAttributeNodeNS(MARKUP_COMPATIBILITY, 'Ignorable');
    if (ignorable)
      ignorable.value = ignorable.value
        .split(/\s+/)
        .filter((prefix) => known(element.lookupNamespaceURI(prefix) ?? ''))
        .join(' ');
  }
}
