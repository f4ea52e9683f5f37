// Test support: the SQL statements the app sends while a function runs, on either database, seen
// where they leave the process (better-sqlite3 statements, pg clients). For tests that hold a page
// to a number of round trips, which no figure on a busy machine shows reliably.
import SQLite from 'better-sqlite3';
import pg from 'pg';

type Method = (this: unknown, ...args: unknown[]) => unknown;

function statementPrototype(): Record<string, Method> {
  const memory = new SQLite(':memory:');
  try {
    return Object.getPrototypeOf(memory.prepare('select 1')) as Record<string, Method>;
  } finally {
    memory.close();
  }
}

/** Runs `fn` and returns the SQL of every statement executed meanwhile, in order. */
export async function queriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const sqlite = statementPrototype();
  const pgClient = pg.Client.prototype as unknown as Record<string, Method>;
  const patched: Array<[Record<string, Method>, string, Method]> = [];
  const patch = (
    target: Record<string, Method>,
    name: string,
    sqlOf: (self: unknown, args: unknown[]) => string,
  ) => {
    const original = target[name] as Method;
    patched.push([target, name, original]);
    target[name] = function (this: unknown, ...args: unknown[]) {
      seen.push(sqlOf(this, args));
      return original.apply(this, args);
    };
  };
  for (const name of ['all', 'get', 'run', 'iterate'])
    patch(sqlite, name, (self) => (self as { source: string }).source);
  patch(pgClient, 'query', (_self, args) => {
    const first = args[0];
    return typeof first === 'string'
      ? first
      : String((first as { text?: string } | undefined)?.text ?? '');
  });
  try {
    await fn();
  } finally {
    for (const [target, name, original] of patched) target[name] = original;
  }
  return seen;
}
