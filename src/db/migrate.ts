// Runs the migrations. The list is explicit (no directory scanning) so it works the same from
// sources, tests and the CLI, on SQLite and PostgreSQL alike.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './database.ts';
import * as m0001 from './migrations/0001-accounts.ts';
import * as m0002 from './migrations/0002-consultations.ts';
import * as m0003 from './migrations/0003-search.ts';
import * as m0004 from './migrations/0004-jobs.ts';
import * as m0006 from './migrations/0006-reports.ts';
import * as m0005 from './migrations/0005-deliberation.ts';
import * as m0007 from './migrations/0007-submission-order-index.ts';
import * as m0008 from './migrations/0008-page-and-search-indexes.ts';
import * as m0009 from './migrations/0009-consultation-content-version.ts';
import * as m0010 from './migrations/0010-coding-embeddings.ts';
import * as m0011 from './migrations/0011-rate-limits.ts';
import * as m0012 from './migrations/0012-search-content-version.ts';
import * as m0013 from './migrations/0013-narrow-search-ranking.ts';
import * as m0014ApiTokenScopes from './migrations/0014-api-token-scopes.ts';
import * as m0015 from './migrations/0015-moderation-queue-order.ts';
import * as m0026NamesWithoutHidden from './migrations/0026-names-without-hidden-characters.ts';
import * as m0028ReportVersionFigures from './migrations/0028-report-version-figures.ts';

const migrations: Record<string, Migration> = {
  '0001-accounts': m0001,
  '0002-consultations': m0002,
  '0003-search': m0003,
  '0004-jobs': m0004,
  '0006-reports': m0006,
  '0005-deliberation': m0005,
  '0007-submission-order-index': m0007,
  '0008-page-and-search-indexes': m0008,
  '0009-consultation-content-version': m0009,
  '0010-coding-embeddings': m0010,
  '0011-rate-limits': m0011,
  '0012-search-content-version': m0012,
  '0013-narrow-search-ranking': m0013,
  '0014-api-token-scopes': m0014ApiTokenScopes,
  '0015-moderation-queue-order': m0015,
  '0026-names-without-hidden-characters': m0026NamesWithoutHidden,
  '0028-report-version-figures': m0028ReportVersionFigures,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(database: Database): Promise<string[]> {
  // Features land in parallel: a migration numbered before one already applied still runs.
  const migrator = new Migrator({ db: database.db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
