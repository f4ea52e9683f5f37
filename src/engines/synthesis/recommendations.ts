// Recommendations: prescriptive sentences from the inputs, near-identical ones merged so a
// recommendation made by many appears once with all its sources.
import { splitSentences, tokenize } from '../text/index.ts';
import type { Corpus } from './corpus.ts';
import { nearDuplicateGroups } from './near-duplicates.ts';
import { isPrescriptive } from './prescriptive.ts';
import type { Recommendation } from './types.ts';

interface Candidate {
  text: string;
  language: string;
  input: number;
}

function candidates(corpus: Corpus): Candidate[] {
  const out: Candidate[] = [];
  corpus.inputs.forEach((input, i) => {
    const language = corpus.languages[i]!;
    for (const s of splitSentences(input.text, language)) {
      if (isPrescriptive(s, language)) out.push({ text: s, language, input: i });
    }
  });
  return out;
}

function majorityTheme(inputs: readonly number[], themeOf: (i: number) => string | undefined) {
  const counts = new Map<string, number>();
  for (const i of inputs) {
    const t = themeOf(i);
    if (t !== undefined) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [t, c] of counts) if (best === undefined || c > counts.get(best)!) best = t;
  return best;
}

export function extractRecommendations(
  corpus: Corpus,
  themeOf: (i: number) => string | undefined,
): Recommendation[] {
  const cands = candidates(corpus);
  // Two-word shingles and a lower bar than whole submissions: sentences are short, and a reworded
  // sentence shares fewer long runs.
  const groups = nearDuplicateGroups(
    cands.map((c) => tokenize(c.text, c.language)),
    { threshold: 0.6, shingleSize: 2 },
  );
  const grouped = new Set(groups.flat());
  const all = [...groups, ...cands.flatMap((_, j) => (grouped.has(j) ? [] : [[j]]))];
  return all
    .map((g) => {
      const inputs = [...new Set(g.map((j) => cands[j]!.input))].sort((a, b) => a - b);
      const first = cands[g[0]!]!;
      return {
        text: first.text,
        language: first.language,
        sourceIds: inputs.map((i) => corpus.inputs[i]!.id),
        themeId: majorityTheme(inputs, themeOf),
        order: g[0]!,
      };
    })
    .sort((a, b) => b.sourceIds.length - a.sourceIds.length || a.order - b.order)
    .map(({ order: _order, ...r }) => r);
}
