// A counter on each consultation that every write to what its public page shows raises, so
// rendered pages can be reused until it moves (see src/db/content-version.ts).
import type { Kysely } from 'kysely';
import { createContentVersion, dropContentVersion } from '../content-version.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createContentVersion(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropContentVersion(db);
}
