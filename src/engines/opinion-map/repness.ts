// Representative statements per opinion group, after Pol.is's repness.clj: what a group thinks
// that sets it apart from everyone else who was grouped.
import { colCount, type VoteMatrix } from './matrix.ts';
import { tallyAt, totalAt, type Tallies } from './tallies.ts';
import type { RepresentativeStatement, VoteTally } from './types.ts';

/** One-sided 90% normal quantile: Pol.is's z-sig-90. */
export const Z_90 = 1.2816;

/** z of (succ+1)/(n+1) against 1/2, with Pol.is's pseudo-counts. */
export function proportionTest(succ: number, n: number): number {
  return 2 * Math.sqrt(n + 1) * ((succ + 1) / (n + 1) - 0.5);
}

/** Pooled two-proportion z with a pseudo-count added to each of the four figures, as Pol.is. */
export function twoProportionTest(succ1: number, n1: number, succ2: number, n2: number): number {
  const [s1, m1, s2, m2] = [succ1 + 1, n1 + 1, succ2 + 1, n2 + 1];
  const p = (s1 + s2) / (m1 + m2);
  const denominator = Math.sqrt(p * (1 - p) * (1 / m1 + 1 / m2));
  // p is 0 or 1 only when both sides are unanimous the same way: no difference to test.
  return denominator > 0 ? (s1 / m1 - s2 / m2) / denominator : 0;
}

function describe(statementId: string, own: VoteTally, rest: VoteTally): RepresentativeStatement {
  const side = (succ: number, restSucc: number) => {
    const probability = (succ + 1) / (own.S + 2);
    return {
      probability,
      probabilityTest: proportionTest(succ, own.S),
      representativeness: probability / ((restSucc + 1) / (rest.S + 2)),
      representativenessTest: twoProportionTest(succ, own.S, restSucc, rest.S),
    };
  };
  const agree = side(own.A, rest.A);
  const disagree = side(own.D, rest.D);
  // Pol.is keeps the direction whose two-proportion test is stronger.
  const direction =
    agree.representativenessTest > disagree.representativenessTest ? 'agree' : 'disagree';
  const s = direction === 'agree' ? agree : disagree;
  const metric =
    s.probability * s.probabilityTest * s.representativeness * s.representativenessTest;
  return { statementId, direction, ...s, metric, tally: own };
}

const passes = (s: RepresentativeStatement) =>
  s.probabilityTest > Z_90 && s.representativenessTest > Z_90;

/**
 * The top `max` statements passing both tests, ranked by metric, agreements listed first.
 * Differs from Pol.is: Pol.is may add a "best agree" statement that fails the tests when a group
 * has none passing; we report only statements that pass, so an empty list means "nothing
 * significantly distinctive" rather than a weak guess.
 */
export function representativeStatements(
  m: VoteMatrix,
  tallies: Tallies,
  statementIds: readonly string[],
  max: number,
): RepresentativeStatement[][] {
  const total = Array.from({ length: colCount(m) }, (_, j) => totalAt(tallies, j));
  return Array.from({ length: tallies.labels }, (_, g) => {
    const candidates: RepresentativeStatement[] = [];
    for (let j = 0; j < colCount(m); j++) {
      const own = tallyAt(tallies, g, j);
      const all = total[j]!;
      const rest = { A: all.A - own.A, D: all.D - own.D, S: all.S - own.S };
      const s = describe(statementIds[j]!, own, rest);
      if (passes(s)) candidates.push(s);
    }
    const top = candidates
      .sort((a, b) => b.metric - a.metric || (a.statementId < b.statementId ? -1 : 1))
      .slice(0, max);
    return [
      ...top.filter((s) => s.direction === 'agree'),
      ...top.filter((s) => s.direction === 'disagree'),
    ];
  });
}
