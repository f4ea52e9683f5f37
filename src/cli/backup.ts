// `polylogue backup FILE` and `polylogue restore FILE`: SQLite online backups. PostgreSQL
// deployments use pg_dump and pg_restore, which these commands explain.
// The SQLite driver, the database module and the progress bar load when a command runs, so
// `polylogue --help` stays quick.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type SQLite from 'better-sqlite3';
import { Command } from 'commander';
import { UsageError } from '../shared/errors.ts';

const POSTGRES_GUIDANCE = `This instance runs on PostgreSQL (DATABASE_URL). Use PostgreSQL's own tools:
  backup:   pg_dump --format=custom --file=polylogue.dump "$DATABASE_URL"
  restore:  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" polylogue.dump`;

async function sqliteFile(): Promise<string> {
  const { loadConfig } = await import('../config/config.ts');
  const config = loadConfig();
  if (config.databaseUrl) throw new UsageError(POSTGRES_GUIDANCE);
  return resolve(config.dataDir, 'polylogue.sqlite');
}

async function copyWithProgress(from: SQLite.Database, to: string): Promise<void> {
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { format: 'backup [{bar}] {percentage}% | {value}/{total} pages', stream: process.stderr },
    Presets.shades_classic,
  );
  let started = false;
  await from.backup(to, {
    progress({ totalPages, remainingPages }) {
      if (!started) bar.start(totalPages, 0);
      started = true;
      bar.update(totalPages - remainingPages);
      return 256;
    },
  });
  if (started) bar.stop();
}

async function checkIntegrity(file: string): Promise<void> {
  const { default: SQLite } = await import('better-sqlite3');
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new UsageError(`${file} is not a readable SQLite database`);
  }
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok')
      throw new UsageError(`${file} failed the integrity check: ${String(result)}`);
    const hasUsers = db
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'users'")
      .get() as { n: number };
    if (hasUsers.n !== 1) throw new UsageError(`${file} is not a Polylogue database`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a valid SQLite database`);
  } finally {
    db.close();
  }
}

export function backupCommand(): Command {
  return new Command('backup')
    .description('Write a consistent copy of the SQLite database to FILE while the platform runs.')
    .argument('<file>', 'where to write the backup (must not exist)')
    .action(async (file: string) => {
      const source = await sqliteFile();
      const target = resolve(file);
      if (!existsSync(source)) throw new UsageError(`no database at ${source}: nothing to back up`);
      if (existsSync(target))
        throw new UsageError(`${target} already exists; choose a new file name`);
      const { openSqlite } = await import('../db/database.ts');
      const db = openSqlite(source);
      try {
        await copyWithProgress(db, target);
      } finally {
        db.close();
      }
      await checkIntegrity(target);
      console.log(`Backup written to ${target}`);
    });
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('Replace the SQLite database with a backup FILE. Stop the platform first.')
    .argument('<file>', 'a backup made by `polylogue backup`')
    .action(async (file: string) => {
      const target = await sqliteFile();
      const source = resolve(file);
      if (!existsSync(source)) throw new UsageError(`${source} does not exist`);
      await checkIntegrity(source);
      const staging = `${target}.restoring`;
      rmSync(staging, { force: true });
      const { default: SQLite } = await import('better-sqlite3');
      const db = new SQLite(source, { readonly: true });
      try {
        await copyWithProgress(db, staging);
      } finally {
        db.close();
      }
      // Swap in one rename; drop the old WAL files so they are not replayed onto the restored copy.
      for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
      renameSync(staging, target);
      console.log(`Restored ${source} into ${target}. Start the platform again.`);
    });
}
