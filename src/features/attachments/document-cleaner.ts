// One allow-list cleaner per format: the document is rebuilt from what a reader needs and
// everything else is left behind (docx-cleaner.ts, odt-cleaner.ts, pdf-cleaner.ts). Only the
// cleaning threads load this module (cleaning-worker.ts), with the first upload: pdf-lib alone is
// ~25 MB of RSS, and sharp loads libvips, so neither the request thread nor a server at rest
// holds them.
import type { CheckedDocument } from './document-type.ts';
import { DocumentError } from './document-type.ts';
import { cleanDocx } from './docx-cleaner.ts';
import { cleanOdt } from './odt-cleaner.ts';
import { cleanPdf } from './pdf-cleaner.ts';

export async function cleanDocument(
  checked: CheckedDocument,
  data: Uint8Array,
): Promise<Uint8Array> {
  try {
    if (checked.kind === 'pdf') return await cleanPdf(data);
    if (!checked.entries) throw new DocumentError('damaged');
    if (checked.kind === 'docx') return await cleanDocx(checked.entries);
    return await cleanOdt(checked.entries);
  } catch (error) {
    // Whatever else a crafted file makes the readers throw (a malformed escape in a path…), it
    // is a file we could not read, not a server failure.
    if (error instanceof DocumentError) throw error;
    throw new DocumentError('damaged', { cause: error });
  }
}
