// `polylogue opinion-map`: the opinion map of a Pol.is open-data export, as JSON on stdout.
// File access lives here; the engine only sees the files' text.
import { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../shared/errors.ts';

interface Options {
  polisDir: string;
  usePolisGroups?: boolean;
  format: string;
}

const FORMATS = ['json'];

async function readOptional(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${join(dir, name)}: ${(error as Error).message}`);
  }
}

async function readExport(dir: string, usePolisGroups: boolean) {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--polis-dir ${dir}: no such directory`);
  const comments = await readOptional(dir, 'comments.csv');
  if (comments === undefined) throw new UsageError(`no comments.csv in ${dir}`);
  const participantsVotes = await readOptional(dir, 'participants-votes.csv');
  if (participantsVotes === undefined && usePolisGroups) {
    throw new UsageError(`--use-polis-groups needs participants-votes.csv in ${dir}`);
  }
  // votes.csv (the full history) is only the fallback: participants-votes.csv is smaller and
  // carries Pol.is's groups.
  const votes = participantsVotes === undefined ? await readOptional(dir, 'votes.csv') : undefined;
  if (participantsVotes === undefined && votes === undefined) {
    throw new UsageError(`neither participants-votes.csv nor votes.csv in ${dir}`);
  }
  return { comments, participantsVotes, votes };
}

async function run(options: Options): Promise<void> {
  if (!FORMATS.includes(options.format)) {
    throw new UsageError(`unknown --format "${options.format}" (expected: ${FORMATS.join(', ')})`);
  }
  const usePolisGroups = options.usePolisGroups === true;
  const files = await readExport(options.polisDir, usePolisGroups);
  const engine = await import('../engines/opinion-map/index.ts');
  let conversation;
  try {
    conversation = engine.readPolisConversation(files);
  } catch (error) {
    if (error instanceof engine.PolisFormatError)
      throw new UsageError(`${options.polisDir}: ${error.message}`);
    throw error;
  }
  const result = engine.computeOpinionMap(
    engine.polisToOpinionMapInput(conversation, usePolisGroups),
    {
      groups: usePolisGroups ? 'fixed' : 'computed',
    },
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
