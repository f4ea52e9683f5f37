// The dialect-specific half of full-text search. Documents arrive already normalised to a
// space-separated token string (src/features/search/search-text.ts), so neither database needs
// language support of its own: SQLite matches tokens with FTS5 (unicode61), PostgreSQL with a
// tsvector made of exactly those tokens (no parser, no stemming) under a GIN index.
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from './database.ts';
import type { DB } from './schema.ts';

export interface SearchDocumentsTable {
  /** "consultation:<id>" or "submission:<id>". */
  doc_id: string;
  kind: string;
  subject_id: string;
  consultation_id: string;
  language: string;
  title: string;
  /** Plain text as disclosed to the public, for excerpts. */
  body: string;
  url: string;
  /** YYYY-MM-DD or null. */
  published_on: string | null;
  tokens: string;
}

export type SearchDB = DB & { search_documents: SearchDocumentsTable };

export interface SearchDocument {
  docId: string;
  kind: string;
  subjectId: string;
  consultationId: string;
  language: string;
  title: string;
  body: string;
  url: string;
  publishedOn: string | null;
  tokens: string;
}

export interface SearchHit {
  docId: string;
  kind: string;
  subjectId: string;
  language: string;
  title: string;
  body: string;
  url: string;
  publishedOn: string | null;
}

/** Creates the search tables; called by migration 0003 (which knows only a Kysely handle). */
export async function createSearchSchema(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_documents')
    .addColumn('doc_id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('consultation_id', 'text', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('published_on', 'text')
    .addColumn('tokens', 'text', (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    await sql`alter table search_documents add column tsv tsvector generated always as (array_to_tsvector(string_to_array(tokens, ' '))) stored`.execute(
      db,
    );
    await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  } else {
    // remove_diacritics 0: tokens are folded already, and the query must see them unchanged.
    await sql`create virtual table search_fts using fts5(doc_id unindexed, tokens, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }
}

export async function dropSearchSchema(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_documents').ifExists().execute();
}

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** FTS5 query text: each group an OR of quoted tokens, groups joined by AND. */
function fts5Query(groups: string[][]): string {
  return groups
    .map((g) => `(${g.map((t) => `"${t.replaceAll('"', '""')}"`).join(' OR ')})`)
    .join(' AND ');
}

/** tsquery text for a cast (no parsing, no normalisation): quoted lexemes. */
function tsQuery(groups: string[][]): string {
  return groups
    .map(
      (g) =>
        `(${g.map((t) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' | ')})`,
    )
    .join(' & ');
}

export function searchSql(database: Database) {
  const db = database.db.withTables<{ search_documents: SearchDocumentsTable }>();
  const postgres = database.dialect === 'postgres';

  return {
    async put(doc: SearchDocument): Promise<void> {
      const { docId } = doc;
      const row = {
        doc_id: docId,
        kind: doc.kind,
        subject_id: doc.subjectId,
        consultation_id: doc.consultationId,
        language: doc.language,
        title: doc.title,
        body: doc.body,
        url: doc.url,
        published_on: doc.publishedOn,
        tokens: doc.tokens,
      };
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('search_documents').where('doc_id', '=', docId).execute();
        await trx.insertInto('search_documents').values(row).execute();
        if (!postgres) {
          await sql`delete from search_fts where doc_id = ${docId}`.execute(trx);
          await sql`insert into search_fts (doc_id, tokens) values (${docId}, ${doc.tokens})`.execute(
            trx,
          );
        }
      });
    },

    async remove(docId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('search_documents').where('doc_id', '=', docId).execute();
        if (!postgres) await sql`delete from search_fts where doc_id = ${docId}`.execute(trx);
      });
    },

    /**
     * Best matches first. Submissions count only while still published and their consultation
     * is public: a missed index update can never bring back a withdrawn or rejected text.
     */
    async query(groups: string[][], page: { limit: number; offset: number }): Promise<SearchHit[]> {
      if (groups.length === 0) return [];
      const matched = postgres
        ? sql<{
            doc_id: string;
            score: number;
          }>`(select doc_id, ts_rank(tsv, ${tsQuery(groups)}::tsquery) as score from search_documents where tsv @@ ${tsQuery(groups)}::tsquery)`
        : sql<{
            doc_id: string;
            score: number;
          }>`(select doc_id, -bm25(search_fts) as score from search_fts where search_fts match ${fts5Query(groups)})`;
      const rows = await db
        .selectFrom(matched.as('m'))
        .innerJoin('search_documents as d', 'd.doc_id', 'm.doc_id')
        .innerJoin('consultations as c', 'c.id', 'd.consultation_id')
        .leftJoin('submissions as s', (join) =>
          join.onRef('s.id', '=', 'd.subject_id').on('d.kind', '=', 'submission'),
        )
        .select([
          'd.doc_id',
          'd.kind',
          'd.subject_id',
          'd.language',
          'd.title',
          'd.body',
          'd.url',
          'd.published_on',
        ])
        .where('c.published_at', 'is not', null)
        .where((eb) => eb.or([eb('d.kind', '=', 'consultation'), eb('s.status', '=', 'published')]))
        .orderBy('m.score', 'desc')
        .orderBy('d.published_on', 'desc')
        .orderBy('d.doc_id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
      return rows.map((r) => ({
        docId: r.doc_id,
        kind: r.kind,
        subjectId: r.subject_id,
        language: r.language,
        title: r.title,
        body: r.body,
        url: r.url,
        publishedOn: r.published_on,
      }));
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom('search_documents')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type SearchSql = ReturnType<typeof searchSql>;
