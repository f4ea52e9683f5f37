// Start-up: `polylogue` and `npm start` run the JavaScript compiled into dist/ (bin/launch.js,
// scripts/build.mjs); stale sources are compiled first and said so; `--help` loads no more than
// the command line itself.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { docxWithAuthor } from '../features/attachments/attachments.fixtures.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'polylogue-start-up-'));

// Prints every file: module the process resolves, so a test can see what a command loaded.
const recorder = join(scratch, 'record-loads.mjs');
writeFileSync(
  recorder,
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(s, c, next) {
  const r = await next(s, c);
  if (r.url.startsWith('file:')) process.stderr.write('loaded ' + r.url + '\\\\n');
  return r;
}\`));
`,
);

function node(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('start-up from the compiled tree', () => {
  before(async () => {
    // The real dist/, brought up to date the way bin/polylogue.js does (one builder at a time).
    const { ensureBuilt } = (await import(join(root, 'bin/launch.js'))) as {
      ensureBuilt(options?: { quiet?: boolean }): Promise<number>;
    };
    await ensureBuilt({ quiet: true });
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('when polylogue --help runs, then it loads commander and the command declarations only', () => {
    const { code, out, err } = node(['--import', recorder, 'bin/polylogue.js', '--help']);
    assert.equal(code, 0, err);
    assert.match(out, /Usage: polylogue/);
    assert.match(out, /opinion-map/);
    const loaded = err
      .split('\n')
      .filter((l) => l.startsWith('loaded '))
      .map((l) => fileURLToPath(l.slice('loaded '.length)));
    assert.ok(
      loaded.some((f) => f.endsWith(join('dist', 'cli', 'main.js'))),
      'runs dist/',
    );
    const heavy = loaded.filter(
      (f) =>
        (f.includes('node_modules') && !f.includes(`node_modules${'/'}commander${'/'}`)) ||
        (f.includes(`${root}dist/`) &&
          !f.startsWith(`${root}dist/cli/`) &&
          f !== `${root}dist/shared/errors.js` &&
          f !== `${root}dist/shared/invisible-characters.js`) ||
        f.includes(`${root}src/`),
    );
    assert.deepEqual(heavy, []);
  });

  test('when the platform starts from dist/, then it migrates, serves translated pages and its assets', async () => {
    const dataDir = join(scratch, 'data');
    const child = spawn(process.execPath, ['bin/server.js'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        PORT: '0',
        HOST: '127.0.0.1',
        POLYLOGUE_DEMO: '0',
        LOG_LEVEL: 'info',
        BASE_URL: 'http://127.0.0.1:1',
      },
    });
    try {
      let listening = '';
      const port = await new Promise<number>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
        // PORT=0 picks a free port, which the server's start-up log names.
        child.stdout.on('data', (d: Buffer) => {
          listening += d.toString();
          const match = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(listening);
          if (match && listening.includes('Polylogue is running')) resolve(Number(match[1]));
        });
      });
      const home = await fetch(`http://127.0.0.1:${port}/`, {
        headers: { 'accept-language': 'ar' },
      });
      assert.equal(home.status, 200);
      const html = await home.text();
      assert.match(html, /dir="rtl"/);
      const css = /href="(\/assets\/[0-9a-f]+\/app\.css)"/.exec(html)?.[1];
      assert.ok(css, 'the page links the fingerprinted stylesheet');
      const asset = await fetch(`http://127.0.0.1:${port}${css}`);
      assert.equal(asset.status, 200);
      assert.ok((await asset.text()).length > 1000);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('cleaning threads outside the test runner', () => {
  const here = mkdtempSync(join(tmpdir(), 'polylogue-cleaning-'));
  after(() => rmSync(here, { recursive: true, force: true }));

  /** A script that cleans one DOCX with the pool module at `pool` and prints what came back. */
  function cleaningScript(pool: string, name: string): string {
    const upload = join(here, 'upload.docx');
    writeFileSync(upload, docxWithAuthor('Ines Example'));
    const script = join(here, name);
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
const { cleaningPool } = await import(${JSON.stringify(pathToFileURL(pool).href)});
const pool = cleaningPool({ threads: 1, queue: 0, timeoutMs: 60000, memoryMb: 768 });
const { kind, data } = await pool.clean(readFileSync(${JSON.stringify(upload)}));
console.log(kind, new TextDecoder('latin1').decode(data).includes('Ines') ? 'author kept' : 'author gone');
await pool.close();
`,
    );
    return script;
  }

  before(async () => {
    const { ensureBuilt } = (await import(join(root, 'bin/launch.js'))) as {
      ensureBuilt(options?: { quiet?: boolean }): Promise<number>;
    };
    await ensureBuilt({ quiet: true });
  });

  test("when the compiled tree cleans an upload under npm start's V8 flags, then its thread runs the compiled worker", () => {
    const script = cleaningScript(
      join(root, 'dist/features/attachments/cleaning-pool.js'),
      'compiled.mjs',
    );
    const run = node(['--max-semi-space-size=4', script]);
    assert.deepEqual([run.code, run.out], [0, 'docx author gone\n'], run.err);
  });

  test("when the sources run through tsx loaded by its API (the launcher's fallback), then the thread loads tsx itself", () => {
    const script = cleaningScript(
      join(root, 'src/features/attachments/cleaning-pool.ts'),
      'sources.mjs',
    );
    const fallback = join(here, 'fallback.mjs');
    writeFileSync(
      fallback,
      `const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
register();
await import(${JSON.stringify(pathToFileURL(script).href)});
`,
    );
    const run = node([fallback]);
    assert.deepEqual([run.code, run.out], [0, 'docx author gone\n'], run.err);
  });
});

describe('a stale build', () => {
  // A miniature project with the real launcher and build script, so the real dist/ is left alone.
  const project = join(scratch, 'project');
  const entry = join(project, 'src', 'cli', 'main.ts');
  function writeEntry(text: string, secondsFromNow: number) {
    writeFileSync(entry, `const said: string = ${JSON.stringify(text)};\nconsole.log(said);\n`);
    const when = new Date(Date.now() + secondsFromNow * 1000);
    utimesSync(entry, when, when);
  }

  before(() => {
    for (const dir of ['bin', 'scripts', 'src/cli'])
      mkdirSync(join(project, dir), { recursive: true });
    for (const file of ['bin/launch.js', 'bin/polylogue.js', 'scripts/build.mjs']) {
      copyFileSync(join(root, file), join(project, file));
    }
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');
    writeEntry('first version', 0);
  });

  test('when dist/ is missing or older than a source, then it is compiled first with a one-line notice', () => {
    const first = node(['bin/polylogue.js'], { cwd: project });
    assert.equal(first.code, 0, first.err);
    assert.equal(first.out, 'first version\n');
    assert.match(first.err, /^polylogue: no compiled build in dist\/ yet; compiling/);
    assert.equal(first.err.trim().split('\n').length, 1);

    const again = node(['bin/polylogue.js'], { cwd: project });
    assert.deepEqual(
      [again.out, again.err],
      ['first version\n', ''],
      'an up-to-date build runs as is',
    );

    writeEntry('edited version', 5);
    const edited = node(['bin/polylogue.js'], { cwd: project });
    assert.equal(edited.out, 'edited version\n', 'never the stale code');
    assert.match(edited.err, /^polylogue: the sources changed since the last build; compiling/);
  });

  test('when a builder died holding the lock, then the next run takes the lock over', () => {
    writeEntry('after a crash', 10);
    mkdirSync(join(project, 'dist', '.lock'), { recursive: true });
    // A process id that cannot be running: above the kernel's maximum.
    writeFileSync(join(project, 'dist', '.lock', 'pid'), '4194305');
    const run = node(['bin/polylogue.js'], { cwd: project });
    assert.equal(run.out, 'after a crash\n', run.err);
  });
});
