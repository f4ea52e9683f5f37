// Fails when imports form a loop, at run time (type-only imports are erased and do not count):
// between files anywhere under src/, or between features (src/features/<name>/), whose imports
// must run one way so that each can be read, tested and changed below the ones that use it.
import madge from 'madge';

const tests = /\.(test|fixtures)\.tsx?$/;
const graph = (
  await madge('src', {
    fileExtensions: ['ts', 'tsx'],
    tsConfig: 'tsconfig.json',
    excludeRegExp: [tests],
    detectiveOptions: { ts: { skipTypeImports: true }, tsx: { skipTypeImports: true } },
  })
).obj();

const featureOf = (file) => /^features\/([^/]+)\//.exec(file)?.[1];
const between = new Map();
for (const [file, imports] of Object.entries(graph)) {
  const from = featureOf(file);
  if (!from) continue;
  for (const target of imports) {
    const to = featureOf(target);
    if (to && to !== from) {
      if (!between.has(from)) between.set(from, new Map());
      if (!between.get(from).has(to)) between.get(from).set(to, `${file} → ${target}`);
    }
  }
}

function cycles(nodes, next) {
  const found = [];
  const state = new Map();
  const path = [];
  const visit = (node) => {
    state.set(node, 'open');
    path.push(node);
    for (const to of next(node)) {
      if (state.get(to) === 'open') found.push([...path.slice(path.indexOf(to)), to]);
      else if (!state.has(to)) visit(to);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of nodes) if (!state.has(node)) visit(node);
  return found;
}

const fileLoops = cycles(Object.keys(graph), (f) => graph[f] ?? []);
const featureLoops = cycles([...between.keys()], (f) => [...(between.get(f)?.keys() ?? [])]);
for (const loop of fileLoops) console.error(`import loop between files: ${loop.join(' → ')}`);
for (const loop of featureLoops) {
  console.error(`import loop between features: ${loop.join(' → ')}`);
  for (let i = 0; i + 1 < loop.length; i++)
    console.error(`  ${between.get(loop[i]).get(loop[i + 1])}`);
}
if (fileLoops.length || featureLoops.length) process.exit(1);
const features = new Set(Object.keys(graph).map(featureOf).filter(Boolean));
console.log(
  `no import loop among ${Object.keys(graph).length} files and ${features.size} features`,
);
