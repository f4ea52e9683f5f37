// Wraps the dialect's Kysely driver with two things every query needs and no feature should know
// about:
//
// 1. Commands. `transaction(work)` runs `work` in one database transaction, and every query made
//    during it — through any store, on the shared Kysely instance — joins that transaction. So a
//    command's write, its transparency-log entry and the jobs it enqueues commit together or not
//    at all, without threading a transaction object through every store. A `db.transaction()`
//    (or another `transaction(work)`) started inside joins the outer one. Work that batches for
//    many callers (the vote writer's group commit) joins the command it was started from, so it
//    belongs inside one only when all its callers are (as when the demo loads at first start).
//    The scope follows the async context (AsyncLocalStorage), so concurrent requests never share
//    one: each command holds its own connection until it commits.
//
// 2. Outages. A query that fails because the database cannot be reached (connection dropped by a
//    restart or failover, refused, pool timeout; SQLite still locked after its busy timeout)
//    rejects with a trusted UnavailableError (503 + Retry-After), not a bug report (500).
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { UnavailableError } from '../shared/errors.ts';

export type DialectName = 'sqlite' | 'postgres';

/** Runs `work` as one transaction that every query on the database made meanwhile joins. */
export type RunInTransaction = <T>(work: () => Promise<T>) => Promise<T>;

// SQLSTATE codes and node errors that mean "the database is not there (right now)", not "your
// query is wrong": connection exceptions (class 08), shutdown/restart (57P01-57P03), too many
// connections (53300), and conflicts that a later retry resolves (40001, 40P01).
const PG_UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const NODE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const PG_CLIENT_MESSAGES = [
  /^Connection terminated/,
  /not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed/,
];

/** Whether an error from the driver means the database is unreachable or busy, not a bug. */
export function isUnavailable(error: unknown, dialect: DialectName): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (dialect === 'sqlite') return code.startsWith('SQLITE_BUSY');
    if (code.startsWith('08') || PG_UNAVAILABLE_CODES.has(code) || NODE_NETWORK_CODES.has(code))
      return true;
  }
  return (
    dialect === 'postgres' && PG_CLIENT_MESSAGES.some((pattern) => pattern.test(error.message))
  );
}

interface Scope {
  driver: ScopedDriver;
  state: 'opening' | 'open' | 'closed';
  connection?: DatabaseConnection;
  /** Transactions open on the connection: the command's own, then those that joined it. */
  depth: number;
  rollbackOnly?: boolean;
  rolledBack?: boolean;
}

const scopes = new AsyncLocalStorage<Scope>();

class TranslatingConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly translate: (error: unknown) => unknown,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      throw this.translate(error);
    }
  }

  async *streamQuery<R>(
    query: CompiledQuery,
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw this.translate(error);
    }
  }
}

export class ScopedDriver implements Driver {
  readonly #inner: Driver;
  readonly #dialect: DialectName;
  readonly #wrapped = new WeakMap<DatabaseConnection, TranslatingConnection>();

  constructor(inner: Driver, dialect: DialectName) {
    this.#inner = inner;
    this.#dialect = dialect;
  }

  readonly translate = (error: unknown): unknown =>
    isUnavailable(error, this.#dialect) ? UnavailableError(error) : error;

  async #call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.translate(error);
    }
  }

  #scope(connection?: DatabaseConnection): Scope | undefined {
    const scope = scopes.getStore();
    if (scope?.driver !== this || scope.state !== 'open') return undefined;
    return connection === undefined || scope.connection === connection ? scope : undefined;
  }

  /** Runs `work` inside a transaction (joining the one already open in this context, if any). */
  run<T>(begin: (work: () => Promise<T>) => Promise<T>, work: () => Promise<T>): Promise<T> {
    if (this.#scope()) return begin(work);
    return scopes.run({ driver: this, state: 'opening', depth: 0 }, () => begin(work));
  }

  init(): Promise<void> {
    return this.#call(() => this.#inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const open = this.#scope();
    if (open?.connection) return open.connection;
    // Whatever keeps us from getting a connection (refused, timed out, the database not
    // accepting connections during a restart) means the database is unavailable.
    const inner = await this.#inner.acquireConnection().catch((error: unknown) => {
      throw UnavailableError(error);
    });
    let connection = this.#wrapped.get(inner);
    if (!connection) {
      connection = new TranslatingConnection(inner, this.translate);
      this.#wrapped.set(inner, connection);
    }
    const scope = scopes.getStore();
    if (scope?.driver === this && scope.state === 'opening') {
      scope.state = 'open';
      scope.connection = connection;
    }
    return connection;
  }

  // Transactions begun inside a command join it: savepoints would need one nested transaction at
  // a time, and stores run theirs concurrently. One that rolls back marks the command
  // rollback-only, so a caught inner failure can never commit half of its work.
  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const scope = this.#scope(connection);
    if (scope && scope.depth > 0) {
      scope.depth++;
      return;
    }
    await this.#call(() => this.#inner.beginTransaction(this.#unwrap(connection), settings));
    if (scope) Object.assign(scope, { depth: 1, rollbackOnly: false, rolledBack: false });
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.#scope(connection);
    if (scope && scope.depth > 1) {
      scope.depth--;
      return;
    }
    if (scope?.rollbackOnly) {
      await this.rollbackTransaction(connection);
      throw new Error('a transaction inside this command failed, so the command was rolled back');
    }
    // On failure the depth stays, so the rollback Kysely then issues is the real one.
    await this.#call(() => this.#inner.commitTransaction(this.#unwrap(connection)));
    if (scope) scope.depth = 0;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const scope = this.#scope(connection);
    if (scope && scope.depth > 1) {
      scope.depth--;
      scope.rollbackOnly = true;
      return;
    }
    if (scope?.rolledBack) return;
    try {
      await this.#call(() => this.#inner.rollbackTransaction(this.#unwrap(connection)));
    } finally {
      if (scope) Object.assign(scope, { depth: 0, rolledBack: true });
    }
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const scope = this.#scope(connection);
    if (scope && scope.depth > 0) return;
    if (scope) {
      scope.state = 'closed';
      delete scope.connection;
    }
    await this.#inner.releaseConnection(this.#unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }

  #unwrap(connection: DatabaseConnection): DatabaseConnection {
    return connection instanceof TranslatingConnection ? connection.inner : connection;
  }
}
