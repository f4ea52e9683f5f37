// `polylogue report SLUG --format md|html|pdf|docx --out FILE`: a report generated now from the
// consultation's published contributions (local engine only: nothing leaves the server), or the
// latest published version with --published. Progress goes to stderr so stdout stays clean.
import { Command } from 'commander';
import { access, constants, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ExportFormat } from '../features/reports/index.ts';
import { AppError, UsageError } from '../shared/errors.ts';
import { withInstance } from './instance.ts';

// Spelled out rather than imported, so `--help` does not load the report renderers; the type
// check fails if this list and the renderers' formats ever differ.
const FORMATS = Object.keys({
  md: true,
  html: true,
  pdf: true,
  docx: true,
} satisfies Record<ExportFormat, true>) as ExportFormat[];
const isFormat = (value: string): value is ExportFormat =>
  (FORMATS as readonly string[]).includes(value);

interface Options {
  format: string;
  out: string;
  published?: boolean;
}

/** Refuses a path we could not write before spending time on the report. */
async function checkWritable(file: string): Promise<void> {
  const target = resolve(file);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`--out: ${file} is a folder, not a file`);
  const folder = existing ? target : dirname(target);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new UsageError(`--out: cannot write ${file} (no such folder or no permission)`);
  }
}

const step = (fraction: number, note: string) => {
  process.stderr.write(`${String(Math.round(fraction * 100)).padStart(3)}% ${note}\n`);
  return Promise.resolve();
};

export function reportCommand(): Command {
  return new Command('report')
    .description(
      'Write the report of a consultation: generated now from its published contributions, or the latest published version with --published',
    )
    .argument('<slug>', 'the consultation')
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .requiredOption('--out <file>', 'the file to write')
    .option('--published', 'export the latest published version instead of a fresh draft')
    .exitOverride()
    .action(async (slug: string, options: Options) => {
      if (!isFormat(options.format))
        throw new UsageError(`--format: "${options.format}" is not one of ${FORMATS.join(', ')}`);
      const format: ExportFormat = options.format;
      await checkWritable(options.out);
      await withInstance(async (services) => {
        let document;
        try {
          document = options.published
            ? (await services.reports.publishedReport(slug)).document
            : await services.reports.freshDocument(slug, step);
        } catch (error) {
          if (error instanceof AppError && error.code === 'not_found')
            throw new UsageError(
              options.published
                ? `${slug}: no such public consultation, or no published report`
                : `${slug}: no such public consultation`,
            );
          throw error;
        }
        const { exportReport } = await import('../features/reports/index.ts');
        const file = await exportReport(document, format, services.config.baseUrl);
        await writeFile(options.out, file.body);
        process.stderr.write(`100% written\n`);
        console.log(`Wrote ${options.out} (${file.body.length} bytes).`);
      });
    });
}
