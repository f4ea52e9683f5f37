// Writes a generated conversation as a Pol.is open-data folder (comments.csv, votes.csv) for the
// whole-command benchmark. votes.csv is written in pieces: at 10M votes it is larger than a string.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { plantedConversation } from '../../src/engines/opinion-map/synthetic.ts';
import type { VoteColumns } from '../../src/engines/opinion-map/types.ts';

const PIECE_ROWS = 200_000;

/** The folder for this size, generated once (seed 2024) and kept for later runs. */
export function polisFolder(
  root: string,
  participants: number,
  statements: number,
  votes: number,
): string {
  const dir = join(root, `polis-${participants}x${statements}-${votes}`);
  if (existsSync(join(dir, 'votes.csv'))) return dir;
  mkdirSync(dir, { recursive: true });
  const { input } = plantedConversation({ participants, statements, votes, seed: 2024 });
  const ids = (s: string) => s.slice(1); // p12 → 12, s7 → 7: Pol.is ids are integers
  const comments = ['comment-id,author-id,moderated,comment-body'];
  input.statements.forEach((s) =>
    comments.push(`${ids(s.id)},0,${s.removed ? -1 : 1},statement ${ids(s.id)}`),
  );
  const fd = openSync(join(dir, 'comments.csv'), 'w');
  writeSync(fd, `${comments.join('\n')}\n`);
  closeSync(fd);
  const columns = input.votes as VoteColumns;
  const out = openSync(join(dir, 'votes.csv.part'), 'w');
  writeSync(out, 'timestamp,comment-id,voter-id,vote\n');
  const start = 1_700_000_000_000;
  for (let from = 0; from < columns.vote.length; from += PIECE_ROWS) {
    const rows: string[] = [];
    const to = Math.min(columns.vote.length, from + PIECE_ROWS);
    for (let i = from; i < to; i++) {
      rows.push(
        `${start + i},${columns.statement[i]},${columns.participant[i]},${columns.vote[i]}`,
      );
    }
    writeSync(out, `${rows.join('\n')}\n`);
  }
  closeSync(out);
  // Renamed when complete, so an interrupted run is never mistaken for a finished folder.
  renameSync(join(dir, 'votes.csv.part'), join(dir, 'votes.csv'));
  return dir;
}
