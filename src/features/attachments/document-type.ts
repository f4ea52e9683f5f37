// What a file really is, judged by its content and never by its name or the browser's claim:
// file-type reads the magic bytes, and for the zip-based formats we also look inside the archive
// (ODT's `mimetype` entry, DOCX's [Content_Types].xml) because any zip would pass the first test.
import { unzipSync, type Unzipped } from 'fflate';

export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  odt: 'application/vnd.oasis.opendocument.text',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type DocumentKind = keyof typeof MEDIA_TYPES;

const DOCX_MAIN =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
/** A zip bomb stops here: no document we accept unpacks to more than this. */
const MAX_UNZIPPED = 200 * 1024 * 1024;
const MAX_ENTRIES = 5000;

export class DocumentError extends Error {
  constructor(
    readonly reason:
      | 'type'
      | 'damaged'
      | 'encrypted'
      | 'macros'
      | 'uncleanable'
      | 'pictures'
      | 'markup'
      /** Cleaning took longer than its time limit (cleaning-pool.ts). */
      | 'timeout'
      /** Cleaning needed more memory than a cleaning thread may use (cleaning-pool.ts). */
      | 'memory',
    options?: ErrorOptions,
  ) {
    super(`document refused: ${reason}`, options);
    this.name = 'DocumentError';
  }
}

export interface CheckedDocument {
  kind: DocumentKind;
  /** The unpacked entries, for ODT and DOCX. */
  entries?: Unzipped;
}

/** Unpacks a zip with a ceiling on entries and unpacked size. */
export function readZip(data: Uint8Array): Unzipped {
  let total = 0;
  let count = 0;
  try {
    return unzipSync(data, {
      filter(file) {
        total += file.originalSize;
        if (++count > MAX_ENTRIES || total > MAX_UNZIPPED) throw new DocumentError('damaged');
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('damaged');
  }
}

function officeKind(entries: Unzipped): DocumentKind | null {
  const text = (name: string) =>
    entries[name] ? new TextDecoder().decode(entries[name]) : undefined;
  if (text('mimetype')?.trim() === MEDIA_TYPES.odt && entries['content.xml']) return 'odt';
  const types = text('[Content_Types].xml');
  if (types?.includes(`ContentType="${DOCX_MAIN}"`) && entries['word/document.xml']) return 'docx';
  return null;
}

/** Refuses documents that carry macros: a consultation has no use for code in its files. */
function checkNoMacros(kind: DocumentKind, entries: Unzipped): void {
  const names = Object.keys(entries);
  const macro =
    kind === 'odt'
      ? names.some((n) => /^(Basic|Scripts)\//.test(n))
      : names.some((n) => /vbaProject\.bin$/i.test(n));
  if (macro) throw new DocumentError('macros');
}

export async function checkDocument(data: Uint8Array): Promise<CheckedDocument> {
  // file-type is loaded with the first upload rather than at start: nothing else needs it.
  const { fileTypeFromBuffer } = await import('file-type');
  const sniffed = await fileTypeFromBuffer(data);
  if (sniffed?.mime === MEDIA_TYPES.pdf) return { kind: 'pdf' };
  if (!sniffed || !['zip', 'docx', 'odt'].includes(sniffed.ext)) throw new DocumentError('type');
  const entries = readZip(data);
  const kind = officeKind(entries);
  if (!kind) throw new DocumentError('type');
  checkNoMacros(kind, entries);
  return { kind, entries };
}
