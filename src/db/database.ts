// The one place that knows which database we run on. Everything outside src/db/ is dialect-agnostic.
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type SqliteDatabase,
  type SqliteDialectConfig,
  sql,
  type QueryCompiler,
} from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { ScopedDriver, type DialectName, type RunInTransaction } from './scoped-driver.ts';

export type { DialectName, RunInTransaction } from './scoped-driver.ts';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** For SQLite: the file path (online backups need it). */
  sqliteFile?: string;
  /**
   * Runs a command as one transaction: every query made during `work`, through any store, joins
   * it (see scoped-driver.ts).
   */
  transaction: RunInTransaction;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file when no databaseUrl is given. */
  dataDir?: string;
  /** Explicit SQLite file (":memory:" for throwaway databases). */
  sqliteFile?: string;
}

export function openSqlite(file: string): SQLite.Database {
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  // FULL makes every acknowledged commit durable, also across power loss, at a small write cost.
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

/**
 * Kysely prepares every query anew, and on better-sqlite3 compiling a statement costs more than
 * running a small one. Statements are kept by SQL text (the same few hundred shapes recur); one
 * still being iterated is busy, so that caller gets a fresh one.
 */
function withStatementCache(handle: SQLite.Database, size = 500): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached && !cached.busy) return cached;
      const statement = handle.prepare(text);
      if (!cached) {
        statements.set(text, statement);
        if (statements.size > size) statements.delete(statements.keys().next().value as string);
      }
      return statement;
    },
  };
}

/**
 * Transactions on SQLite take the write lock when they begin (BEGIN IMMEDIATE). With the default
 * deferred BEGIN, two processes on one file (the server and a CLI command, or several commands
 * migrating a new data directory) can both read, then one writes and the other fails at once
 * with SQLITE_BUSY instead of waiting, or acts on what it read before the other committed (two
 * processes ran the same migration). Taken at BEGIN, the lock makes the second one wait
 * (busy_timeout) and then read what the first committed. Within one process nothing changes:
 * Kysely already runs everything on one connection, one transaction at a time.
 */
class ImmediateTransactionsDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * SQLite runs DDL inside transactions, though Kysely's adapter says otherwise (so its migrator
 * would run each migration bare, with no lock between processes). Saying so here makes every
 * migration run in one BEGIN IMMEDIATE transaction: atomic, and one process at a time.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class SqliteImmediateDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateTransactionsDriver(this.#config);
  }
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Any dialect, with its driver wrapped in a ScopedDriver. */
class ScopedDialect implements Dialect {
  #driver: ScopedDriver | undefined;
  constructor(
    private readonly inner: Dialect,
    private readonly name: DialectName,
  ) {}
  createDriver(): Driver {
    this.#driver = new ScopedDriver(this.inner.createDriver(), this.name);
    return this.#driver;
  }
  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return this.inner.createAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return this.inner.createIntrospector(db);
  }
  transactionsOf(db: Kysely<DB>): RunInTransaction {
    return (work) => {
      if (!this.#driver) throw new Error('the database driver is not created yet');
      return this.#driver.run((inner) => db.transaction().execute(() => inner()), work);
    };
  }
}

/** How long a request waits for a PostgreSQL connection before it fails as unavailable. */
const CONNECT_TIMEOUT_MS = 5_000;

const noteLostConnection = (error: Error) =>
  process.stderr.write(`polylogue: database connection lost: ${error.message}\n`);

function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A connection can be cut by the server (restart, failover, pg_terminate_backend); pg then
  // emits 'error' on the client, and on the pool when the client was idle. An 'error' event
  // without a listener crashes the process, so every client gets one as soon as it exists:
  // the query it was running rejects (and becomes a 503), and the pool discards the client.
  pool.on('error', noteLostConnection);
  pool.on('connect', (client) => client.on('error', noteLostConnection));
  return pool;
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const dialect = new ScopedDialect(
      new PostgresDialect({ pool: postgresPool(options.databaseUrl) }),
      'postgres',
    );
    const db = new Kysely<DB>({ dialect });
    return {
      db,
      dialect: 'postgres',
      transaction: dialect.transactionsOf(db),
      close: () => db.destroy(),
    };
  }
  const file = options.sqliteFile ?? join(options.dataDir ?? 'data', 'polylogue.sqlite');
  const handle = openSqlite(file);
  const dialect = new ScopedDialect(
    new SqliteImmediateDialect({ database: withStatementCache(handle) }),
    'sqlite',
  );
  const db = new Kysely<DB>({ dialect });
  return {
    db,
    dialect: 'sqlite',
    sqliteFile: file,
    transaction: dialect.transactionsOf(db),
    close: () => db.destroy(),
  };
}

/** A cheap round trip, for readiness checks. */
export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}

/**
 * Makes the calling transaction wait for any other that took the same lock, until it commits or
 * rolls back (a read-then-write on a shared head, like the transparency log's). PostgreSQL: a
 * transaction-scoped advisory lock. SQLite: every transaction already holds the write lock from
 * BEGIN IMMEDIATE, so there is nothing more to take.
 */
export async function lockUntilCommit(
  db: Kysely<DB>,
  dialect: DialectName,
  name: string,
): Promise<void> {
  if (dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}

/**
 * Locks the selected rows for this transaction and skips rows other transactions hold, on
 * PostgreSQL; SQLite serialises writers, so there the query is unchanged.
 */
export function lockSkippingLocked<Q extends { forUpdate(): Q; skipLocked(): Q }>(
  query: Q,
  dialect: DialectName,
): Q {
  return dialect === 'postgres' ? query.forUpdate().skipLocked() : query;
}
