// Opens the configured instance (same configuration and services as the server) for a command.
// Everything is loaded when a command runs, not when this module is: `polylogue --help` imports
// every command's module and must stay quick.
import type { Services } from '../app/services.ts';

export async function withInstance<T>(
  work: (services: Services) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const [{ loadConfig }, { openDatabase }, { migrateToLatest }] = await Promise.all([
    import('../config/config.ts'),
    import('../db/database.ts'),
    import('../db/migrate.ts'),
  ]);
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) await migrateToLatest(database);
    const { createServices } = await import('../app/services.ts');
    return await work(createServices(config, database));
  } finally {
    await database.close();
  }
}
