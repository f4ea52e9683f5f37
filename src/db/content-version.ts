// consultations.content_version: a counter the database raises, in the same transaction, on
// every write that changes what a consultation's public page shows. Pages rendered for visitors
// are remembered under it (src/http/page-cache.ts), so each app instance can keep its own copy
// and still never serve an outdated page. Triggers rather than calls in the stores: imports,
// seeds and every feature that writes these tables keep the counter right without knowing of it.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

type Row = 'NEW' | 'OLD';
type Event = 'INSERT' | 'UPDATE' | 'DELETE';

interface Source {
  table: string;
  events: Event[];
  /** Which consultations a changed row shows on: a condition on `consultations`. */
  shownOn: (row: Row) => string;
  /** For updates: only a change to one of these columns matters (default: any update). */
  columns?: string[];
}

/** Consultations showing a published submission whose id is `row.submission_id`. */
const ofPublishedSubmission = (row: Row) =>
  `id IN (SELECT consultation_id FROM submissions WHERE id = ${row}.submission_id AND status = 'published')`;

const SOURCES: Source[] = [
  {
    table: 'processes',
    events: ['UPDATE'],
    columns: ['title'],
    shownOn: (r) => `process_id = ${r}.id`,
  },
  {
    table: 'consultation_questions',
    events: ['INSERT', 'UPDATE', 'DELETE'],
    shownOn: (r) => `id = ${r}.consultation_id`,
  },
  {
    table: 'submissions',
    events: ['INSERT', 'UPDATE', 'DELETE'],
    shownOn: (r) => `id = ${r}.consultation_id AND ${r}.status = 'published'`,
  },
  {
    table: 'submission_answers',
    events: ['INSERT', 'UPDATE', 'DELETE'],
    shownOn: ofPublishedSubmission,
  },
  {
    table: 'submission_attachments',
    events: ['INSERT', 'UPDATE', 'DELETE'],
    shownOn: ofPublishedSubmission,
  },
  { table: 'cosignatures', events: ['INSERT', 'UPDATE', 'DELETE'], shownOn: ofPublishedSubmission },
  // Names appear under rules that attribute; renames are rare, so every page showing them changes.
  {
    table: 'users',
    events: ['UPDATE'],
    columns: ['display_name'],
    shownOn: (r) =>
      `id IN (SELECT consultation_id FROM submissions WHERE author_id = ${r}.id AND status = 'published')`,
  },
  {
    table: 'organisations',
    events: ['UPDATE'],
    columns: ['name', 'slug'],
    shownOn: (r) =>
      `id IN (SELECT consultation_id FROM submissions WHERE organisation_id = ${r}.id AND status = 'published'` +
      ` UNION SELECT s.consultation_id FROM cosignatures c JOIN submissions s ON s.id = c.submission_id WHERE c.organisation_id = ${r}.id AND s.status = 'published')`,
  },
  // The page links to the conversation and to the published report when there is one.
  {
    table: 'conversations',
    events: ['INSERT', 'DELETE'],
    shownOn: (r) => `id = ${r}.consultation_id`,
  },
  {
    table: 'report_versions',
    events: ['INSERT', 'DELETE'],
    shownOn: (r) => `id = ${r}.consultation_id`,
  },
];

const bump = (where: string) =>
  `UPDATE consultations SET content_version = content_version + 1 WHERE ${where};`;

function target(source: Source, event: Event): string {
  if (event === 'INSERT') return source.shownOn('NEW');
  if (event === 'DELETE') return source.shownOn('OLD');
  return `(${source.shownOn('NEW')}) OR (${source.shownOn('OLD')})`;
}

const name = (source: Source, event: Event) =>
  `content_version_${source.table}_${event.toLowerCase()}`;

function sqliteStatements(): string[] {
  const changed = (columns: string[]) =>
    columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
  return [
    // The consultation's own fields; the counter's own raise does not count as a change.
    `CREATE TRIGGER content_version_consultations_update AFTER UPDATE ON consultations
     WHEN NEW.content_version = OLD.content_version
     BEGIN ${bump('id = NEW.id')} END`,
    ...SOURCES.flatMap((s) =>
      s.events.map((event) => {
        const when = event === 'UPDATE' && s.columns ? ` WHEN ${changed(s.columns)}` : '';
        return `CREATE TRIGGER ${name(s, event)} AFTER ${event} ON ${s.table} FOR EACH ROW${when}
                BEGIN ${bump(target(s, event))} END`;
      }),
    ),
  ];
}

function postgresStatements(): string[] {
  const changed = (columns: string[]) =>
    columns.map((c) => `OLD.${c} IS DISTINCT FROM NEW.${c}`).join(' OR ');
  const fn = (fnName: string, body: string, returns: string) =>
    `CREATE FUNCTION ${fnName}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN ${returns}; END $$`;
  return [
    fn(
      'content_version_consultations_update',
      'NEW.content_version := OLD.content_version + 1;',
      'NEW',
    ),
    `CREATE TRIGGER content_version_consultations_update BEFORE UPDATE ON consultations FOR EACH ROW
     WHEN (NEW.content_version = OLD.content_version) EXECUTE FUNCTION content_version_consultations_update()`,
    ...SOURCES.flatMap((s) =>
      s.events.flatMap((event) => {
        const when = event === 'UPDATE' && s.columns ? ` WHEN (${changed(s.columns)})` : '';
        return [
          fn(name(s, event), bump(target(s, event)), 'NULL'),
          `CREATE TRIGGER ${name(s, event)} AFTER ${event} ON ${s.table} FOR EACH ROW${when} EXECUTE FUNCTION ${name(s, event)}()`,
        ];
      }),
    ),
  ];
}

function triggerNames(): Array<{ table: string; trigger: string }> {
  return [
    { table: 'consultations', trigger: 'content_version_consultations_update' },
    ...SOURCES.flatMap((s) =>
      s.events.map((event) => ({ table: s.table, trigger: name(s, event) })),
    ),
  ];
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds the counter and the triggers that raise it (migration 0009). */
export async function createContentVersion(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('consultations')
    .addColumn('content_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const statement of isPostgres(db) ? postgresStatements() : sqliteStatements()) {
    await sql.raw(statement).execute(db);
  }
}

export async function dropContentVersion(db: Kysely<unknown>): Promise<void> {
  const postgres = isPostgres(db);
  for (const { table, trigger } of triggerNames()) {
    await sql
      .raw(
        postgres
          ? `DROP TRIGGER IF EXISTS ${trigger} ON ${table}`
          : `DROP TRIGGER IF EXISTS ${trigger}`,
      )
      .execute(db);
    if (postgres) await sql.raw(`DROP FUNCTION IF EXISTS ${trigger}()`).execute(db);
  }
  await db.schema.alterTable('consultations').dropColumn('content_version').execute();
}
