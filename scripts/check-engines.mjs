// CI: the Node versions package.json declares are the ones every installed package supports.
// npm's engine-strict only checks the Node running the install; this checks that the whole declared
// range is a subset of every locked package's own range, so a dependency that drops a declared
// version fails here instead of on someone else's machine.
import { readFileSync } from 'node:fs';
import semver from 'semver';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8'));
const declared = pkg.engines.node;
if (!semver.satisfies(process.version, declared)) {
  console.error(
    `check-engines: this Node (${process.version}) is outside the declared range ${declared}`,
  );
  process.exit(1);
}
const problems = [];
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  const range = entry.engines?.node;
  // Optional platform packages (another OS's prebuilt binary) are never installed here.
  if (!path || !range || entry.optional || !semver.validRange(range)) continue;
  if (!semver.subset(declared, range))
    problems.push(`${path.replace(/^.*node_modules\//, '')} needs Node ${range}`);
}
if (problems.length > 0) {
  console.error(
    `check-engines: ${problems.length} packages do not support every Node version of ${declared}:\n${problems.join('\n')}`,
  );
  process.exit(1);
}
console.log(`check-engines: every package supports every Node version of ${declared}`);
