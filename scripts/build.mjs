// Compiles src/ to plain JavaScript in dist/ (same layout), so `npm start` and the `polylogue`
// command start without transpiling. Runs on `npm install` (prepare) and whenever bin/launch.js
// finds the sources newer than the last build. Files other than TypeScript (stylesheets,
// scripts, message catalogues) are copied beside the code that reads them through
// import.meta.url, so the compiled tree reads its own copies.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the build stamp is written: its time is when the sources were read. */
export const STAMP = '.build-stamp.json';

function collect(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? collect(path) : [path];
  });
}

// Every relative import stays a separate module (no bundling), its extension rewritten to .js;
// packages stay imports of node_modules.
const keepModules = {
  name: 'keep-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      return { path: args.path.replace(/\.tsx?$/, '.js'), external: true };
    });
  },
};

/** Builds `src` into `out`, replacing what `out` held. Returns the number of modules. */
export async function build({ root = join(here, '..'), out = join(root, 'dist') } = {}) {
  const startedAt = Date.now();
  const src = join(root, 'src');
  const files = collect(src).filter((f) => !/\.test\.tsx?$/.test(f));
  const code = files.filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
  mkdirSync(out, { recursive: true });
  for (const entry of readdirSync(out, { withFileTypes: true }).filter((e) => e.name !== '.lock')) {
    rmSync(join(out, entry.name), { recursive: true, force: true });
  }
  await esbuild.build({
    entryPoints: code,
    outdir: out,
    outbase: src,
    bundle: true,
    plugins: [keepModules],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  for (const file of files.filter((f) => !/\.tsx?$/.test(f))) {
    const target = join(out, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(join(out, STAMP), JSON.stringify({ startedAt }));
  return code.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { ensureBuilt } = await import('../bin/launch.js');
  const start = performance.now();
  const modules = await ensureBuilt({ force: true, quiet: true, compile: build });
  console.log(
    `build: ${modules} modules into dist/ in ${Math.round(performance.now() - start)} ms`,
  );
}
