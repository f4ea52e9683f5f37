import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sparseFromMap } from '../text/index.ts';
import { synthesize, type SynthesisInput } from './index.ts';
import { mergeAcrossLanguages } from './theme-merging.ts';

const TEXTS: Array<[string, string]> = [
  ['en', 'Internet access and digital infrastructure must reach rural communities.'],
  ['en', 'Universal internet access needs public investment in infrastructure.'],
  [
    'es',
    'El acceso a internet y la infraestructura digital deben llegar a las comunidades rurales.',
  ],
  ['es', 'El acceso universal a internet necesita inversión pública en infraestructura.'],
  [
    'fr',
    "L'accès à internet et l'infrastructure numérique doivent atteindre les communautés rurales.",
  ],
  ['fr', "L'accès universel à internet exige un investissement public dans l'infrastructure."],
  ['en', 'Rents are rising and affordable housing is scarce.'],
  ['en', 'Build more affordable housing for young families.'],
  ['es', 'Los alquileres suben y la vivienda asequible escasea.'],
  ['es', 'Construyan más viviendas asequibles para las familias jóvenes.'],
  ['fr', 'Les loyers augmentent et les logements abordables manquent.'],
  ['fr', 'Construisez plus de logements abordables pour les jeunes familles.'],
];
const INTERNET = ['t00', 't01', 't02', 't03', 't04', 't05'];

const inputs = (): SynthesisInput[] =>
  TEXTS.map(([language, text], i) => ({ id: `t${String(i).padStart(2, '0')}`, text, language }));

const themeSets = (r: ReturnType<typeof synthesize>) =>
  r.themes.map((t) => [...t.sourceIds].sort().join(',')).sort();

test('a theme gathers English, Spanish and French inputs on one topic through their cognates', () => {
  const joined = synthesize(inputs(), { themeCount: 6 });
  const internet = joined.themes.find((t) => t.sourceIds.includes('t00'))!;
  assert.deepEqual([...internet.sourceIds].sort(), INTERNET);
  // Without the second pass, k-means on term vectors leaves them in separate themes.
  const apart = synthesize(inputs(), { themeCount: 6, joinLanguages: false });
  const split = apart.themes.filter((t) => t.sourceIds.some((id) => INTERNET.includes(id)));
  assert.ok(split.length > 1);
});

test('theme membership does not depend on input order, and the same input gives the same themes', () => {
  const expected = themeSets(synthesize(inputs(), { themeCount: 6 }));
  fc.assert(
    fc.property(
      fc.shuffledSubarray(inputs(), { minLength: TEXTS.length, maxLength: TEXTS.length }),
      (shuffled) => {
        assert.deepEqual(themeSets(synthesize(shuffled, { themeCount: 6 })), expected);
      },
    ),
    { numRuns: 15 },
  );
});

const cluster = fc.record({
  language: fc.constantFrom('en', 'es', 'fr', 'ar'),
  size: fc.integer({ min: 1, max: 5 }),
  features: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 0, maxLength: 3 }),
});

/** Clusters of single-language members, each member carrying its cluster's cognate features. */
function world(clusters: Array<{ language: string; size: number; features: number[] }>) {
  const assignment: number[] = [];
  const languages: string[] = [];
  const cognates = [];
  for (const [c, spec] of clusters.entries()) {
    for (let m = 0; m < spec.size; m++) {
      assignment.push(c);
      languages.push(spec.language);
      cognates.push(sparseFromMap(new Map(spec.features.map((f) => [f, 1]))));
    }
  }
  return { assignment: Int32Array.from(assignment), languages, cognates };
}

test('merging only coarsens, never joins two themes of one language, and is deterministic', () => {
  fc.assert(
    fc.property(
      fc.array(cluster, { minLength: 1, maxLength: 8 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (clusters, threshold) => {
        const w = world(clusters);
        const merged = mergeAcrossLanguages(
          w.assignment,
          clusters.length,
          w.languages,
          w.cognates,
          { threshold },
        );
        assert.deepEqual(
          merged,
          mergeAcrossLanguages(w.assignment, clusters.length, w.languages, w.cognates, {
            threshold,
          }),
        );
        const languagesOf = new Map<number, string[]>();
        clusters.forEach((spec, c) => {
          const target = merged[w.assignment.indexOf(c)]!;
          languagesOf.set(target, [...(languagesOf.get(target) ?? []), spec.language]);
        });
        for (const [i, c] of w.assignment.entries()) {
          // Members of one first-pass cluster stay together.
          assert.equal(merged[i], merged[w.assignment.indexOf(c)]);
        }
        for (const langs of languagesOf.values()) assert.equal(new Set(langs).size, langs.length);
      },
    ),
    { numRuns: 200 },
  );
});

test('clusters sharing nothing stay apart; identical cognates in different languages merge', () => {
  const w = world([
    { language: 'en', size: 3, features: [1, 2] },
    { language: 'es', size: 2, features: [1, 2] },
    { language: 'fr', size: 2, features: [5] },
  ]);
  assert.deepEqual(
    [...mergeAcrossLanguages(w.assignment, 3, w.languages, w.cognates)],
    [0, 0, 0, 0, 0, 2, 2],
  );
});

test('with an order key taken from the text, the same texts give the same themes whatever their ids', () => {
  // Themes named by their texts, since the ids change from run to run.
  const byText = (r: ReturnType<typeof synthesize>, textOf: Map<string, string>) =>
    r.themes
      .map((t) =>
        t.sourceIds
          .map((id) => textOf.get(id))
          .sort()
          .join(' | '),
      )
      .sort();
  const keyed = (ids: string[]) => {
    const given = TEXTS.map(([language, text], i) => ({
      id: ids[i]!,
      text,
      language,
      orderKey: text,
    }));
    return byText(synthesize(given, { themeCount: 6 }), new Map(given.map((x) => [x.id, x.text])));
  };
  const expected = keyed(TEXTS.map((_, i) => `t${String(i).padStart(2, '0')}`));
  fc.assert(
    fc.property(
      fc.uniqueArray(
        fc.string({
          unit: fc.constantFrom(...`0123456789abcdefghijklmnopqrstuvwxyz`),
          minLength: 8,
          maxLength: 8,
        }),
        {
          minLength: TEXTS.length,
          maxLength: TEXTS.length,
        },
      ),
      (ids) => {
        assert.deepEqual(keyed(ids), expected);
      },
    ),
    { numRuns: 25 },
  );
});
