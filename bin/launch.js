// Starts an entry point from the compiled tree in dist/. When the sources are newer than the last
// build (a developer edited a file, or `npm install` never ran the build), it compiles them first
// and says so in one line, so stale code never runs silently; if it cannot compile (no esbuild, a
// read-only install), it runs the sources through tsx instead, also with one line.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const dist = new URL('dist/', root);
const src = new URL('src/', root);
const lock = new URL('.lock', dist);
const LOCK_UNCLAIMED_MS = 5_000;

function builtAt() {
  try {
    return JSON.parse(readFileSync(new URL('.build-stamp.json', dist), 'utf8')).startedAt;
  } catch {
    return undefined;
  }
}

// Directories count too: adding, removing or renaming a file changes its folder's time.
function changedSince(path, time) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return false;
  if (info.mtimeMs > time) return true;
  if (!info.isDirectory()) return false;
  return readdirSync(path).some((name) => changedSince(`${path}/${name}`, time));
}

/** Why dist/ cannot be run as it is, or undefined when it is up to date. */
export function staleness() {
  const time = builtAt();
  if (time === undefined) return 'no compiled build in dist/ yet';
  if (statSync(src, { throwIfNoEntry: false }) === undefined) return undefined;
  const inputs = [fileURLToPath(src), fileURLToPath(new URL('scripts/build.mjs', root))];
  return inputs.some((p) => changedSince(p, time))
    ? 'the sources changed since the last build'
    : undefined;
}

// The lock is a folder holding the builder's process id: a builder that died leaves a lock whose
// process is gone, which the next one takes over.
function abandoned() {
  let pid;
  try {
    pid = Number(readFileSync(new URL('.lock/pid', dist), 'utf8'));
  } catch {
    const held = statSync(lock, { throwIfNoEntry: false });
    return held !== undefined && Date.now() - held.mtimeMs > LOCK_UNCLAIMED_MS;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

async function acquireLock() {
  mkdirSync(dist, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(new URL('.lock/pid', dist), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (abandoned()) rmSync(lock, { recursive: true, force: true });
      else await sleep(50);
    }
  }
}

/**
 * Compiles src/ into dist/ unless it is up to date (or always, with `force`). One process
 * compiles at a time; the others wait for it. Returns the number of modules compiled (0: none).
 */
export async function ensureBuilt({ force = false, quiet = false, compile } = {}) {
  if (!force && staleness() === undefined) return 0;
  await acquireLock();
  try {
    const reason = force ? 'forced' : staleness();
    if (reason === undefined) return 0;
    if (!quiet) process.stderr.write(`polylogue: ${reason}; compiling src/ into dist/ first\n`);
    const build = compile ?? (await import('../scripts/build.mjs')).build;
    return await build({ root: fileURLToPath(root), out: fileURLToPath(dist) });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `entry` (a path under src/ without extension, e.g. `cli/main`) from dist/. */
export async function launch(entry) {
  try {
    await ensureBuilt();
  } catch (error) {
    process.stderr.write(
      `polylogue: cannot compile (${error.message}); running the sources through tsx\n`,
    );
    const { register } = await import('tsx/esm/api');
    register();
    await import(new URL(`${entry}.ts`, src).href);
    return;
  }
  await import(new URL(`${entry}.js`, dist).href);
}
