// `polylogue opinion-map`: the opinion map of a Pol.is open-data export, as JSON on stdout.
// File access lives here; the engine sees comments.csv's text and the votes file's bytes.
import { Command } from 'commander';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type * as OpinionMapEngine from '../engines/opinion-map/index.ts';
import type { PolisVotesFile, PolisVotesReader } from '../engines/opinion-map/index.ts';
import { UsageError } from '../shared/errors.ts';

type Engine = typeof OpinionMapEngine;

interface Options {
  polisDir: string;
  usePolisGroups?: boolean;
  format: string;
}

const FORMATS = ['json'];

const CHUNK_BYTES = 1 << 20;

async function readOptional(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${join(dir, name)}: ${(error as Error).message}`);
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}

/** The votes file to read: participants-votes.csv (smaller, with Pol.is's groups), else votes.csv. */
async function votesFile(dir: string, usePolisGroups: boolean): Promise<PolisVotesFile> {
  if (await exists(join(dir, 'participants-votes.csv'))) return 'participants-votes.csv';
  if (usePolisGroups) {
    throw new UsageError(`--use-polis-groups needs participants-votes.csv in ${dir}`);
  }
  if (await exists(join(dir, 'votes.csv'))) return 'votes.csv';
  throw new UsageError(`neither participants-votes.csv nor votes.csv in ${dir}`);
}

// The votes file goes through the engine's reader in chunks: it can exceed what a string holds.
async function streamVotes(reader: PolisVotesReader, path: string): Promise<void> {
  const handle = await open(path, 'r').catch((error: Error) => {
    throw new UsageError(`cannot read ${path}: ${error.message}`);
  });
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      reader.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

async function readConversation(dir: string, usePolisGroups: boolean, engine: Engine) {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--polis-dir ${dir}: no such directory`);
  const commentsText = await readOptional(dir, 'comments.csv');
  if (commentsText === undefined) throw new UsageError(`no comments.csv in ${dir}`);
  const file = await votesFile(dir, usePolisGroups);
  const path = join(dir, file);
  try {
    const comments = engine.parsePolisComments(commentsText);
    // Typical bytes per vote in each file, so the columns rarely need to grow.
    const size = (await stat(path)).size;
    const reader = new engine.PolisVotesReader(
      file,
      comments,
      size / (file === 'votes.csv' ? 40 : 3),
    );
    await streamVotes(reader, path);
    return { comments, ...reader.finish() };
  } catch (error) {
    if (error instanceof engine.PolisFormatError) throw new UsageError(`${dir}: ${error.message}`);
    throw error;
  }
}

async function run(options: Options): Promise<void> {
  if (!FORMATS.includes(options.format)) {
    throw new UsageError(`unknown --format "${options.format}" (expected: ${FORMATS.join(', ')})`);
  }
  const usePolisGroups = options.usePolisGroups === true;
  const engine = await import('../engines/opinion-map/index.ts');
  const conversation = await readConversation(options.polisDir, usePolisGroups, engine);
  const result = engine.computeOpinionMap(
    engine.polisToOpinionMapInput(conversation, usePolisGroups),
    { groups: usePolisGroups ? 'fixed' : 'computed' },
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function opinionMapCommand(): Command {
  return (
    new Command('opinion-map')
      .description('Opinion map of a Pol.is export: groups, representative statements, consensus')
      .requiredOption(
        '--polis-dir <dir>',
        'folder with comments.csv and participants-votes.csv or votes.csv',
      )
      .option('--use-polis-groups', "take Pol.is's own group-id column as the groups")
      .option('--format <format>', `output format (${FORMATS.join(', ')})`, 'json')
      // Commander does not pass exitOverride on to added commands; without it a missing option
      // would exit 1 from inside commander instead of main's usage exit code 2.
      .exitOverride()
      .action((options: Options) => run(options))
  );
}
