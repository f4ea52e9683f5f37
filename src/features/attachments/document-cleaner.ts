// One allow-list cleaner per format: the document is rebuilt from what a reader needs and
// everything else is left behind (docx-cleaner.ts, odt-cleaner.ts, pdf-cleaner.ts). The cleaners
// are loaded with the first upload: pdf-lib alone is ~25 MB of RSS, and sharp loads libvips, so a
// server at rest is without them.
import type { CheckedDocument } from './document-type.ts';
import { DocumentError } from './document-type.ts';

export async function cleanDocument(
  checked: CheckedDocument,
  data: Uint8Array,
): Promise<Uint8Array> {
  try {
    if (checked.kind === 'pdf') return await (await import('./pdf-cleaner.ts')).cleanPdf(data);
    if (!checked.entries) throw new DocumentError('damaged');
    if (checked.kind === 'docx')
      return await (await import('./docx-cleaner.ts')).cleanDocx(checked.entries);
    return await (await import('./odt-cleaner.ts')).cleanOdt(checked.entries);
  } catch (error) {
    // Whatever else a crafted file makes the readers throw (a malformed escape in a path…), it
    // is a file we could not read, not a server failure.
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('damaged', { cause: error });
  }
}
