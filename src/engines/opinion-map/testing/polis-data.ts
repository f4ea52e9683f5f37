// Test and benchmark support (not part of the engine): the five public Pol.is conversations the
// repository keeps in test-data/polis (CC BY 4.0, see test-data/README.md).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPolisConversation, type PolisConversation } from '../polis-csv.ts';

export const POLIS_CONVERSATIONS = [
  'bg2050-volunteers',
  'brexit-consensus',
  'canadian-electoral-reform',
  'scoop-hivemind.biodiversity',
  'vtaiwan.uberx',
] as const;

export function polisDataDir(): string {
  const dir = fileURLToPath(new URL('../../../../test-data/polis/', import.meta.url));
  if (!existsSync(dir)) {
    throw new Error(
      `Pol.is data not found at ${dir}: it ships with the repository in test-data/polis`,
    );
  }
  return dir;
}

export function loadPolisConversation(name: string): PolisConversation {
  const dir = `${polisDataDir()}${name}/`;
  return readPolisConversation({
    comments: readFileSync(`${dir}comments.csv`, 'utf8'),
    participantsVotes: readFileSync(`${dir}participants-votes.csv`, 'utf8'),
  });
}

export function readPolisFile(name: string, file: string): string {
  return readFileSync(`${polisDataDir()}${name}/${file}`, 'utf8');
}
