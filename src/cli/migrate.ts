// `polylogue migrate`: brings the database schema up to date.
import { Command } from 'commander';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('Bring the database schema up to date (SQLite in DATA_DIR, or DATABASE_URL).')
    .action(async () => {
      const [{ loadConfig }, { openDatabase }, { migrateToLatest }] = await Promise.all([
        import('../config/config.ts'),
        import('../db/database.ts'),
        import('../db/migrate.ts'),
      ]);
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
