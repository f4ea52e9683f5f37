// Runs in a worker thread of cleaning-pool.ts: checking what a file is and rebuilding it parse
// megabytes of XML or PDF synchronously, which on the request thread would stop every other
// request of the instance for seconds. Errors cannot cross threads as classes, so a refusal comes
// back as its reason; anything else fails the task and is a bug the main thread logs.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { cleanDocument } from './document-cleaner.ts';
import { checkDocument, DocumentError, type DocumentKind } from './document-type.ts';

export interface CleaningTask {
  data: Uint8Array;
}

export type CleaningOutcome =
  { kind: DocumentKind; data: Uint8Array } | { refused: DocumentError['reason'] };

/** Cleans one upload; `null` only answers, once this thread has loaded the cleaners. */
export default async function cleanInWorker(
  task: CleaningTask | null,
): Promise<CleaningOutcome | null> {
  if (!task) return null;
  const { data } = task;
  try {
    const checked = await checkDocument(data);
    const cleaned = await cleanDocument(checked, data);
    // Handed over rather than copied (a rebuilt file may be megabytes): piscina posts the value
    // with the buffer in its transfer list, and the main thread receives the outcome itself.
    const outcome: CleaningOutcome = { kind: checked.kind, data: cleaned };
    return move({
      [transferableSymbol]: cleaned.buffer,
      [valueSymbol]: outcome,
    }) as unknown as CleaningOutcome;
  } catch (error) {
    if (error instanceof DocumentError) return { refused: error.reason };
    throw error;
  }
}
