// `polylogue migrate`: brings the database schema up to date.
import { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Bring the database schema up to date (SQLite in DATA_DIR, or DATABASE_URL).')
    .action(async () => {
      const config = loadConfig();
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(database);
        console.log(
          applied.length
            ? `Applied ${applied.length} migration(s): ${applied.join(', ')}`
            : 'The database is up to date.',
        );
      } finally {
        await database.close();
      }
    });
}
