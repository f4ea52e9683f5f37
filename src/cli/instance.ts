// Opens the configured instance (same configuration and services as the server) for a command.
import type { Services } from '../app/services.ts';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

export async function withInstance<T>(
  work: (services: Services) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) await migrateToLatest(database);
    // Loaded here, not at the top: `polylogue --help` and light commands stay quick.
    const { createServices } = await import('../app/services.ts');
    return await work(createServices(config, database));
  } finally {
    await database.close();
  }
}
