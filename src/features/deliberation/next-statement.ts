// Which statement a participant sees next. The rule, in order of weight:
//   1. statements with few votes first, so every statement gets enough votes to be placed on the
//      map: weight 1 / sqrt(1 + votes);
//   2. statements that separate the opinion groups, because they are the ones that shape the map:
//      weight 1 + 2 × divisiveness, where divisiveness is the spread (max − min) across opinion
//      groups of the smoothed agreement (A_g + 1) / (S_g + 2), from the last computed map;
//   3. a per-participant jitter of ±10 %, hashed from the participant and the statement, so
//      people do not all walk the same order (which would starve the tail of the list) while a
//      reload still shows the same statement.
// Pol.is weighs similar factors (new, divisive, pass-rate); we keep the rule short enough to
// state on the page and to test.
export interface Candidate {
  number: number;
  /** Votes on the statement so far (all participants, passes included). */
  votes: number;
  /** 0..1; 0 before the first map. */
  divisiveness: number;
}

// FNV-1a: this runs for every candidate on every vote, and needs spread, not secrecy.
function jitter(participantKey: string, number: number): number {
  let h = 0x811c9dc5;
  const text = `${participantKey}:${number}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return 0.9 + ((h >>> 0) / 0x1_0000_0000) * 0.2;
}

export function priority(c: Candidate, participantKey: string): number {
  return ((1 + 2 * c.divisiveness) / Math.sqrt(1 + c.votes)) * jitter(participantKey, c.number);
}

/** The candidate with the highest priority; ties go to the older statement. */
export function pickNext<C extends Candidate>(
  candidates: readonly C[],
  participantKey: string,
): C | undefined {
  let best: C | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    const score = priority(c, participantKey);
    if (
      score > bestScore ||
      (score === bestScore && best !== undefined && c.number < best.number)
    ) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Spread of smoothed agreement across opinion groups that voted on the statement. */
export function divisiveness(groupTallies: ReadonlyArray<{ A: number; S: number }>): number {
  const shares = groupTallies.filter((t) => t.S > 0).map((t) => (t.A + 1) / (t.S + 2));
  return shares.length < 2 ? 0 : Math.max(...shares) - Math.min(...shares);
}
