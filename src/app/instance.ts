// What happens when an instance starts: migrate, and on the very first start load the demo
// (unless disabled) and offer a one-time link to create the first administrator.
import { seedDemo, type DemoResult } from '../features/demo/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Services } from './services.ts';

export interface StartupReport {
  migrations: string[];
  firstStart: boolean;
  demo: DemoResult | null;
  setupLink: string | null;
}

export async function prepareInstance(services: Services): Promise<StartupReport> {
  const { db, config, clock } = services;
  const migrations = await migrateToLatest(services.database);
  const initialised = await db.selectFrom('instance_settings').select('value').where('key', '=', 'initialised_at').executeTakeFirst();
  let demo: DemoResult | null = null;
  if (!initialised) {
    if (config.demo) demo = await seedDemo(services);
    await db.insertInto('instance_settings').values({ key: 'initialised_at', value: clock.now().toISOString() }).execute();
  }
  const setupLink = await services.admin.setupLinkIfNeeded();
  return { migrations, firstStart: !initialised, demo, setupLink };
}
