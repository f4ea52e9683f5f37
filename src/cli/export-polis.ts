// `polylogue export-polis --consultation SLUG --out DIR`: the consultation's conversation in the
// Pol.is open-data layout, the same files facilitators download (participants only as numbers).
import { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, UsageError } from '../shared/errors.ts';
import { withInstance } from './instance.ts';

export function exportPolisCommand(): Command {
  return new Command('export-polis')
    .description('Export the conversation of a consultation in the Pol.is open-data layout')
    .requiredOption('--consultation <slug>', 'the consultation whose conversation to export')
    .requiredOption(
      '--out <dir>',
      'folder to write comments.csv, votes.csv, participants-votes.csv and summary.csv into',
    )
    .exitOverride()
    .action(async (options: { consultation: string; out: string }) => {
      await withInstance(async (services) => {
        let files: Record<string, string>;
        try {
          files = await services.deliberation.facilitation.exportForOperator(options.consultation);
        } catch (error) {
          if (error instanceof AppError && error.isTrusted)
            throw new UsageError(`${options.consultation}: ${error.message}`);
          throw error;
        }
        await mkdir(options.out, { recursive: true });
        for (const [name, text] of Object.entries(files))
          await writeFile(join(options.out, name), text);
        console.log(`Wrote ${Object.keys(files).join(', ')} to ${options.out}.`);
      });
    });
}
