// `polylogue import-polis DIR --consultation SLUG`: a Pol.is open-data export becomes the
// consultation's conversation (statements, participants as numbers, latest votes), and its
// opinion map is computed at once so the results page has something to show.
import { Command } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, UsageError } from '../shared/errors.ts';
import { withInstance } from './instance.ts';

async function readOptional(dir: string, name: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read ${join(dir, name)}: ${(error as Error).message}`);
  }
}

/** Latest votes come from participants-votes.csv; votes.csv, when present, adds their times. */
async function readConversation(dir: string) {
  if (!(await stat(dir).catch(() => undefined))?.isDirectory())
    throw new UsageError(`${dir}: no such directory`);
  const comments = await readOptional(dir, 'comments.csv');
  if (comments === undefined) throw new UsageError(`no comments.csv in ${dir}`);
  const votes = await readOptional(dir, 'votes.csv');
  const participantsVotes = await readOptional(dir, 'participants-votes.csv');
  const engine = await import('../engines/opinion-map/index.ts');
  try {
    // votes.csv carries every vote with its time, so it is preferred when present.
    return engine.readPolisConversation(
      votes !== undefined ? { comments, votes } : { comments, participantsVotes },
    );
  } catch (error) {
    if (error instanceof engine.PolisFormatError) throw new UsageError(`${dir}: ${error.message}`);
    throw error;
  }
}

async function summaryField(dir: string, key: string): Promise<string> {
  const text = await readOptional(dir, 'summary.csv');
  if (!text) return '';
  const { parse } = await import('csv-parse/sync');
  const rows = parse(text, { relax_column_count: true }) as string[][];
  return rows.find((r) => r[0] === key)?.[1] ?? '';
}

export function importPolisCommand(): Command {
  return new Command('import-polis')
    .description('Import a Pol.is open-data export as the conversation of a consultation')
    .argument('<dir>', 'folder with comments.csv and votes.csv or participants-votes.csv')
    .requiredOption('--consultation <slug>', 'the consultation that receives the conversation')
    .exitOverride()
    .action(async (dir: string, options: { consultation: string }) => {
      const polis = await readConversation(dir);
      const settings = {
        topic: await summaryField(dir, 'topic'),
        description: await summaryField(dir, 'conversation-description'),
      };
      await withInstance(async (services) => {
        try {
          const { facilitation, participation } = services.deliberation;
          const result = await facilitation.importForOperator(
            options.consultation,
            polis,
            settings,
          );
          await participation.recompute(result.conversationId);
          console.log(
            `Imported ${result.statements} statements, ${result.participants} participants and ${result.votes} votes into ${options.consultation}.`,
          );
        } catch (error) {
          if (error instanceof AppError && error.isTrusted)
            throw new UsageError(`${options.consultation}: ${error.message}`);
          throw error;
        }
      });
    });
}
