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

// This runs for every candidate on every vote, and needs spread, not secrecy: the participant's
// key is hashed once (FNV-1a), then mixed with each statement number (murmur3's finaliser).
function keyHash(participantKey: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < participantKey.length; i++)
    h = Math.imul(h ^ participantKey.charCodeAt(i), 0x01000193);
  return h;
}

function jitter(hash: number, number: number): number {
  let h = hash ^ Math.imul(number + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return 0.9 + ((h >>> 0) / 0x1_0000_0000) * 0.2;
}

function score(c: Candidate, hash: number): number {
  return ((1 + 2 * c.divisiveness) / Math.sqrt(1 + c.votes)) * jitter(hash, c.number);
}

export function priority(c: Candidate, participantKey: string): number {
  return score(c, keyHash(participantKey));
}

/**
 * The candidate with the highest priority, leaving out those `skip` names (the statements the
 * participant already voted on); ties go to the older statement.
 */
export function pickNext<C extends Candidate>(
  candidates: Iterable<C>,
  participantKey: string,
  skip?: (c: C) => boolean,
): C | undefined {
  const hash = keyHash(participantKey);
  let best: C | undefined;
  let bestScore = -Infinity;
  for (const c of candidates) {
    if (skip?.(c)) continue;
    const s = score(c, hash);
    if (s > bestScore || (s === bestScore && best !== undefined && c.number < best.number)) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** Spread of smoothed agreement across opinion groups that voted on the statement. */
export function divisiveness(groupTallies: ReadonlyArray<{ A: number; S: number }>): number {
  const shares = groupTallies.filter((t) => t.S > 0).map((t) => (t.A + 1) / (t.S + 2));
  return shares.length < 2 ? 0 : Math.max(...shares) - Math.min(...shares);
}
