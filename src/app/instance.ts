// What happens when an instance starts: migrate, and on the very first start load the demo
// (unless disabled) and offer a one-time link to create the first administrator.
import { seedDemo, type DemoResult } from '../features/demo/index.ts';
import { lockUntilCommit } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { AppError } from '../shared/errors.ts';
import type { Services } from './services.ts';

export interface StartupReport {
  migrations: string[];
  firstStart: boolean;
  demo: DemoResult | null;
  setupLink: string | null;
}

/**
 * SQLite's writer waits only its busy timeout for another process's transaction, and another
 * instance loading the demo takes longer: the waiting instance tries the whole step again (a
 * migration or the first-start command; the failed try changed nothing).
 */
async function waitingOutBusy<T>(step: () => Promise<T>, tries = 24): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'unavailable') || attempt >= tries)
        throw error;
    }
  }
}

export async function prepareInstance(services: Services): Promise<StartupReport> {
  const { db, config, clock, database } = services;
  const migrations = await waitingOutBusy(() => migrateToLatest(database));
  // Several instances may start together on one empty database (a rolling deploy, replicas).
  // The first start is one command under a lock: one instance initialises and loads the demo,
  // the others wait, then find it done.
  const firstStartCommand = () =>
    database.transaction(async () => {
      await lockUntilCommit(db, database.dialect, 'instance_first_start');
      const initialised = await db
        .selectFrom('instance_settings')
        .select('value')
        .where('key', '=', 'initialised_at')
        .executeTakeFirst();
      if (initialised) return { firstStart: false, demo: null };
      const seeded: DemoResult | null = config.demo ? await seedDemo(services) : null;
      await db
        .insertInto('instance_settings')
        .values({ key: 'initialised_at', value: clock.now().toISOString() })
        .execute();
      return { firstStart: true, demo: seeded };
    });
  const { firstStart, demo } = await waitingOutBusy(firstStartCommand);
  const setupLink = await services.admin.setupLinkIfNeeded();
  return { migrations, firstStart, demo, setupLink };
}
