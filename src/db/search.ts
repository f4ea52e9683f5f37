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

/**
 * Lets search rank inside the full-text index (migration 0008). SQLite: the FTS table also
 * carries published_on, the tie-breaker after the score, so the best matches are ordered without
 * reading search_documents. PostgreSQL: the GIN index is updated on insert instead of through a
 * pending list that every search would scan until the next vacuum; documents arrive one by one
 * as texts are published, so the write costs little.
 */
export async function rankInsideSearchIndex(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter index search_documents_tsv set (fastupdate = off)`.execute(db);
    await sql`select gin_clean_pending_list('search_documents_tsv'::regclass)`.execute(db);
    return;
  }
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(doc_id unindexed, published_on unindexed, tokens, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql`insert into search_fts (doc_id, published_on, tokens) select doc_id, published_on, tokens from search_documents`.execute(
    db,
  );
}

/**
 * Makes first-time ranking read little (migration 0013). PostgreSQL: ranking reads a narrow
 * table of (doc_id, published_on, tsv) under its own GIN index instead of the wide rows of
 * search_documents (title, body, url, tokens): about 2.4 times fewer pages for a common word.
 * SQLite: each FTS row's rowid carries the publication day (RANK_DAY), so "the newer first" after
 * the score is ordered by rowid, which FTS5 knows without reading its content table for every
 * match; only the best few are read.
 */
export async function narrowSearchRanking(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create table search_ranking (doc_id text primary key references search_documents (doc_id) on delete cascade, published_on text, tsv tsvector not null)`.execute(
      db,
    );
    await sql`insert into search_ranking (doc_id, published_on, tsv) select doc_id, published_on, tsv from search_documents`.execute(
      db,
    );
    await sql`create index search_ranking_tsv on search_ranking using gin (tsv) with (fastupdate = off)`.execute(
      db,
    );
    await sql`drop index search_documents_tsv`.execute(db);
    await sql`alter table search_documents drop column tsv`.execute(db);
    return;
  }
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(doc_id unindexed, published_on unindexed, tokens, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql`insert into search_fts (rowid, doc_id, published_on, tokens) select ${sql.raw(sqliteDayKey('published_on'))} + row_number() over (partition by published_on order by doc_id), doc_id, published_on, tokens from search_documents`.execute(
    db,
  );
}

export async function widenSearchRanking(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table search_documents add column tsv tsvector generated always as (array_to_tsvector(string_to_array(tokens, ' '))) stored`.execute(
      db,
    );
    await sql`create index search_documents_tsv on search_documents using gin (tsv) with (fastupdate = off)`.execute(
      db,
    );
    await sql`drop table search_ranking`.execute(db);
    return;
  }
  await rankInsideSearchIndex(db);
}

/** SQLite rowids per publication day: a day's first rowid is its day number times this. */
const RANK_DAY = 2 ** 31;

/** The first rowid of the day of a YYYY-MM-DD column (no date: day 0), as SQL. */
function sqliteDayKey(column: string): string {
  return `coalesce(cast(julianday(${column}) - 2440587.5 as integer), 0) * ${RANK_DAY}`;
}

function dayKey(publishedOn: string | null): number {
  const ms = publishedOn ? Date.parse(`${publishedOn}T00:00:00Z`) : NaN;
  return (Number.isNaN(ms) ? 0 : Math.floor(ms / 86_400_000)) * RANK_DAY;
}

export async function rankOutsideSearchIndex(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter index search_documents_tsv set (fastupdate = on)`.execute(db);
    return;
  }
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(doc_id unindexed, tokens, tokenize = 'unicode61 remove_diacritics 0')`.execute(
    db,
  );
  await sql`insert into search_fts (doc_id, tokens) select doc_id, tokens from search_documents`.execute(
    db,
  );
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
  const db = database.db.withTables<{
    search_documents: SearchDocumentsTable;
    search_content_version: { id: number; version: number | string };
    search_ranking: { doc_id: string; published_on: string | null };
  }>();
  const postgres = database.dialect === 'postgres';

  /**
   * Ids of the best `size` matches: score, then the newer, then a unique key so pages never
   * overlap — the id on PostgreSQL; on SQLite the rowid, whose order within a day is the order of
   * indexing, the later first (see narrowSearchRanking). Both read only the narrow ranking data.
   */
  async function ranked(groups: string[][], size: number): Promise<string[]> {
    const query = postgres
      ? sql<{
          doc_id: string;
        }>`select doc_id from search_ranking where tsv @@ ${tsQuery(groups)}::tsquery order by ts_rank(tsv, ${tsQuery(groups)}::tsquery) desc, published_on desc, doc_id limit ${size}`
      : sql<{
          doc_id: string;
        }>`select doc_id from search_fts where search_fts match ${fts5Query(groups)} order by bm25(search_fts), rowid desc limit ${size}`;
    return (await query.execute(db)).rows.map((r) => r.doc_id);
  }

  /** The documents among `ids` that the public may read now, in the order of `ids`. */
  async function visible(ids: string[]): Promise<SearchHit[]> {
    // Deep pages ask for many ids; bound how many parameters go into one statement.
    const rows = [];
    for (let i = 0; i < ids.length; i += 500)
      rows.push(...(await visibleRows(ids.slice(i, i + 500))));
    const rank = new Map(ids.map((id, i) => [id, i]));
    return rows
      .sort((a, b) => (rank.get(a.doc_id) ?? 0) - (rank.get(b.doc_id) ?? 0))
      .map((r) => ({
        docId: r.doc_id,
        kind: r.kind,
        subjectId: r.subject_id,
        language: r.language,
        title: r.title,
        body: r.body,
        url: r.url,
        publishedOn: r.published_on,
      }));
  }

  function visibleRows(ids: string[]) {
    return db
      .selectFrom('search_documents as d')
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
      .where('d.doc_id', 'in', ids)
      .where('c.published_at', 'is not', null)
      .where((eb) => eb.or([eb('d.kind', '=', 'consultation'), eb('s.status', '=', 'published')]))
      .execute();
  }

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
        if (postgres) {
          // The old ranking row went with the old document (on delete cascade).
          await sql`insert into search_ranking (doc_id, published_on, tsv) values (${docId}, ${doc.publishedOn}, array_to_tsvector(string_to_array(${doc.tokens}, ' ')))`.execute(
            trx,
          );
        } else {
          await sql`delete from search_fts where doc_id = ${docId}`.execute(trx);
          // The next rowid of the document's publication day: the latest indexed ranks first
          // among equal scores of that day.
          const day = dayKey(doc.publishedOn);
          await sql`insert into search_fts (rowid, doc_id, published_on, tokens) select coalesce(max(rowid), ${day}) + 1, ${docId}, ${doc.publishedOn}, ${doc.tokens} from search_fts where rowid > ${day} and rowid < ${day + RANK_DAY}`.execute(
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
      const wanted = page.offset + page.limit;
      // Ranking happens inside the full-text index, and only the best few are read and checked
      // for visibility: a common word matches thousands of documents, and joining all of them
      // made every search cost as much as the whole index. The check drops only what a missed
      // index update left behind, so a wider second pass is rare; with it, pages stay exact.
      for (let size = wanted + 20; ; size *= 4) {
        const best = await ranked(groups, size);
        const hits = await visible(best);
        if (hits.length >= wanted || best.length < size) return hits.slice(page.offset, wanted);
      }
    },

    /** Raised by the database on every write that changes what search can show (0012). */
    async contentVersion(): Promise<number> {
      const row = await db
        .selectFrom('search_content_version')
        .select('version')
        .where('id', '=', 1)
        .executeTakeFirst();
      return Number(row?.version ?? 0);
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
