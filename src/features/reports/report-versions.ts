// Suppression across published versions, wired to reports: what a version's figures are computed
// from (its figure input, kept with it), and whether a new version may print figures of its own or
// must reprint the figures in force (the rule of engines/suppression/versions.ts).
//
// The input names contributors only by a digest of their key, salted with the consultation: it
// is enough to tell who came and went between two versions, and never shows who anyone is.
import { createHash } from 'node:crypto';
import { mayPublishFigures, type FigureSet, type Step } from '../../engines/suppression/index.ts';
import { contributorsOf, type Profile } from './participation-figures.ts';
import { figureId, K, reportFigures, type ReportFigures } from './report-figures.ts';

export interface FigureInput {
  /** Each contributor (by digest) and the categories counted. */
  contributors: Array<[string, Profile]>;
  /** For each theme, the digests of the contributors whose texts it holds. */
  themes: string[][];
}

/** The input of a report's figures, from its profiles (keyed by submission) and its themes. */
export function figureInputOf(
  consultationId: string,
  profiles: Map<string, Profile>,
  themes: ReadonlyArray<{ sourceIds: readonly string[] }>,
): FigureInput {
  const digest = (key: string) =>
    createHash('sha256').update(`${consultationId}\u0000${key}`).digest('base64url').slice(0, 22);
  const keys = (people: Map<string, Profile>) => [...people.keys()].map(digest);
  return {
    contributors: [...contributorsOf(profiles)].map(([key, p]) => [
      digest(key),
      { ...p, contributor: digest(key) },
    ]),
    themes: themes.map((th) => keys(contributorsOf(profiles, th.sourceIds))),
  };
}

/** The same figures the draft printed, computed again from their input. */
export function figuresOf(input: FigureInput): ReportFigures {
  const people = new Map(input.contributors);
  return reportFigures(
    people,
    input.themes.map(
      (keys) => new Map(keys.flatMap((k) => (people.has(k) ? [[k, people.get(k)!]] : []))),
    ),
  );
}

/** The participation figures, which count the same people in every version. */
const participationId = (id: string) => /^(total|[grhx]:)/.test(id) && !id.endsWith(':rest');
const counted = (id: string) => {
  const [, rest] = /^(?:v\d+|came\d+|went\d+):(.*)$/.exec(id) ?? [];
  return rest !== undefined && participationId(rest);
};

/**
 * A version's figures as the audit sees them. Themes are recomputed for every version, so theme
 * figures of two versions are never the same figure: each version's are named apart.
 */
function auditSet(input: FigureInput, tag: number): FigureSet {
  const figures = figuresOf(input);
  const name = (id: string) => (participationId(id) ? id : `${id}@${tag}`);
  return {
    counts: new Map([...figures.shown.keys()].map((id) => [name(id), figures.count(id)])),
    shown: new Map([...figures.shown].map(([id, s]) => [name(id), s])),
    relations: figures.relations.map((r) => ({ total: name(r.total), parts: r.parts.map(name) })),
  };
}

/** Counts of the contributors of `a` who are not in `b`, in the participation tables. */
function onlyIn(a: FigureInput, b: FigureInput): Map<string, number> {
  const others = new Set(b.contributors.map(([key]) => key));
  const figures = reportFigures(new Map(a.contributors.filter(([key]) => !others.has(key))), []);
  return new Map([...figures.shown.keys()].map((id) => [id, figures.count(id)]));
}

const step = (from: FigureInput, to: FigureInput): Step => ({
  came: onlyIn(to, from),
  went: onlyIn(from, to),
});

/**
 * Whether `next` may print its own figures after the figure sets already published (oldest
 * first); otherwise the last of them is reprinted.
 */
export function mayPrintOwnFigures(published: readonly FigureInput[], next: FigureInput): boolean {
  if (published.length === 0) return true;
  return mayPublishFigures(
    {
      published: published.map(auditSet),
      steps: published.slice(1).map((to, i) => step(published[i]!, to)),
      step: step(published.at(-1)!, next),
      next: auditSet(next, published.length),
      linked: participationId,
      total: figureId.total,
      k: K,
    },
    counted,
  );
}
