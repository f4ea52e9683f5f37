// search_content_version: one counter the database raises, in the same transaction, on every
// write that changes what public search can show — an index entry written or removed, a
// submission entering or leaving the published state, a consultation published or unpublished
// (search checks those two at query time, src/db/search.ts). Results and pages built for a query
// are remembered under it, so each app instance keeps its own copy and still never serves an
// outdated result. Triggers rather than calls in the stores, as for consultations'
// content_version (src/db/content-version.ts): every writer keeps the counter right unknowingly.
//
// A counter row, not a sequence: a sequence moves before its transaction commits, so a reader
// could remember the old results under the new number.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

interface Source {
  table: string;
  event: 'INSERT' | 'UPDATE' | 'DELETE';
  /** Row condition (OLD/NEW); none: every change counts. */
  when?: { sqlite: string; postgres: string };
}

const SOURCES: Source[] = [
  { table: 'search_documents', event: 'INSERT' },
  { table: 'search_documents', event: 'UPDATE' },
  { table: 'search_documents', event: 'DELETE' },
  // Search shows a submission's entry only while the submission is published.
  {
    table: 'submissions',
    event: 'UPDATE',
    when: {
      sqlite: `(OLD.status = 'published') IS NOT (NEW.status = 'published') OR OLD.id IS NOT NEW.id`,
      postgres: `(OLD.status = 'published') IS DISTINCT FROM (NEW.status = 'published') OR OLD.id IS DISTINCT FROM NEW.id`,
    },
  },
  {
    table: 'submissions',
    event: 'DELETE',
    when: { sqlite: `OLD.status = 'published'`, postgres: `OLD.status = 'published'` },
  },
  // … and only while its consultation is published.
  {
    table: 'consultations',
    event: 'UPDATE',
    when: {
      sqlite: `(OLD.published_at IS NULL) IS NOT (NEW.published_at IS NULL) OR OLD.id IS NOT NEW.id`,
      postgres: `(OLD.published_at IS NULL) IS DISTINCT FROM (NEW.published_at IS NULL) OR OLD.id IS DISTINCT FROM NEW.id`,
    },
  },
  { table: 'consultations', event: 'DELETE' },
];

const BUMP = 'UPDATE search_content_version SET version = version + 1';
const triggerName = (s: Source) => `search_version_${s.table}_${s.event.toLowerCase()}`;

function sqliteStatements(): string[] {
  return SOURCES.map(
    (s) =>
      `CREATE TRIGGER ${triggerName(s)} AFTER ${s.event} ON ${s.table} FOR EACH ROW` +
      `${s.when ? ` WHEN ${s.when.sqlite}` : ''} BEGIN ${BUMP}; END`,
  );
}

function postgresStatements(): string[] {
  return [
    `CREATE FUNCTION search_content_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${BUMP}; RETURN NULL; END $$`,
    // Conditions need each row; a plain change counts once per statement.
    ...SOURCES.map(
      (s) =>
        `CREATE TRIGGER ${triggerName(s)} AFTER ${s.event} ON ${s.table}` +
        (s.when ? ` FOR EACH ROW WHEN (${s.when.postgres})` : ' FOR EACH STATEMENT') +
        ' EXECUTE FUNCTION search_content_version_bump()',
    ),
  ];
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds the counter and the triggers that raise it (migration 0012). */
export async function createSearchContentVersion(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_content_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into search_content_version (id, version) values (1, 0)`.execute(db);
  for (const statement of isPostgres(db) ? postgresStatements() : sqliteStatements()) {
    await sql.raw(statement).execute(db);
  }
}

export async function dropSearchContentVersion(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  for (const s of SOURCES) {
    const drop = `DROP TRIGGER IF EXISTS ${triggerName(s)}${postgres ? ` ON ${s.table}` : ''}`;
    await sql.raw(drop).execute(db);
  }
  if (postgres) await sql.raw('DROP FUNCTION IF EXISTS search_content_version_bump()').execute(db);
  await db.schema.dropTable('search_content_version').execute();
}
