// Removes what an ODT or DOCX says about who wrote it and when: the document properties
// (creator, last modifier, company, manager, dates, custom properties) and the author names and
// times on comments and tracked changes. The archive is written anew with fixed entry times, so
// not even the zip records when the file was prepared.
import { zipSync, type Unzipped, type Zippable } from 'fflate';
import type { DocumentKind } from './document-type.ts';

const EMPTY_CORE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';
const EMPTY_CUSTOM =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>';
/** Zip times are local DOS times from 1980 on; a fixed one says nothing. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (text: string) => new TextEncoder().encode(text);

/** Empties attributes that name people or time-stamp their edits (w:author, w:date, w15:userId…). */
function blankPersonalAttributes(xml: string): string {
  return xml.replace(
    /(\s[\w-]+:(?:author|initials|userId|providerId|date|dateUtc))="[^"]*"/g,
    '$1=""',
  );
}

/** Empties elements that hold a person or a time (dc:creator, dc:date, meta:initial-creator…). */
function blankPersonalElements(xml: string, names: string[]): string {
  let out = xml;
  for (const name of names)
    out = out.replace(
      new RegExp(`<${name}(\\s[^>]*)?>[\\s\\S]*?</${name}>`, 'g'),
      `<${name}$1></${name}>`,
    );
  return out;
}

function cleanDocxEntry(name: string, xml: string): string {
  if (name === 'docProps/core.xml') return EMPTY_CORE;
  if (name === 'docProps/custom.xml') return EMPTY_CUSTOM;
  if (name === 'docProps/app.xml')
    return blankPersonalElements(xml, ['Company', 'Manager', 'HyperlinkBase']);
  if (name.startsWith('word/')) return blankPersonalAttributes(xml);
  return xml;
}

function cleanOdtEntry(name: string, xml: string): string {
  if (name === 'meta.xml')
    return xml.replace(
      /<office:meta(\s[^>]*)?>[\s\S]*?<\/office:meta>/,
      '<office:meta$1></office:meta>',
    );
  // Comments and tracked changes carry dc:creator and dc:date of whoever wrote them.
  if (name === 'content.xml' || name === 'styles.xml')
    return blankPersonalElements(xml, ['dc:creator', 'dc:date', 'meta:creator-initials']);
  return xml;
}

const isXml = (name: string) => name.endsWith('.xml') || name.endsWith('.rels');

export function stripOfficeMetadata(
  kind: Exclude<DocumentKind, 'pdf'>,
  entries: Unzipped,
): Uint8Array {
  const files: Zippable = {};
  // ODT readers expect `mimetype` first and stored uncompressed.
  if (kind === 'odt' && entries.mimetype)
    files.mimetype = [entries.mimetype, { level: 0, mtime: FIXED_TIME }];
  for (const [name, bytes] of Object.entries(entries)) {
    if (name === 'mimetype' && kind === 'odt') continue;
    const cleaned = isXml(name)
      ? encode(
          kind === 'docx'
            ? cleanDocxEntry(name, decode(bytes))
            : cleanOdtEntry(name, decode(bytes)),
        )
      : bytes;
    files[name] = [cleaned, { mtime: FIXED_TIME }];
  }
  return zipSync(files, { level: 6 });
}
