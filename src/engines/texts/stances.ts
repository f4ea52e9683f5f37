// Stances on paragraphs and amendments, and the status of a paragraph toward rough consensus.
//
// A stance is pinned to the version of its target it was given on. When the text changes, the
// wording people supported is gone, so their stance is not carried over: it is listed as "to
// reconfirm" and counts for nothing until they say it again on the current version.
import type { StakeholderGroup } from '../../shared/stakeholders.ts';

export type StanceValue = 'support' | 'can_live_with' | 'object';

export type Disposition =
  | { readonly kind: 'open' }
  /** The text was changed to answer it; `changeId` links to the diff that did. */
  | { readonly kind: 'addressed_by_change'; readonly changeId: string }
  | { readonly kind: 'addressed_with_reasons'; readonly reasons: string }
  | { readonly kind: 'withdrawn' };

export interface Target {
  readonly kind: 'paragraph' | 'amendment';
  readonly id: string;
}

export interface Stance {
  readonly participantId: string;
  readonly target: Target;
  /** The version of the target the stance was given on. */
  readonly version: string;
  readonly value: StanceValue;
  readonly reason?: string;
  /** Objections only. */
  readonly disposition?: Disposition;
  /** Later stances of one participant on one target replace earlier ones. */
  readonly givenAt: number;
}

export type StanceProblem = 'reason_required' | 'disposition_only_for_objections';

/** What is wrong with a stance before it is recorded (an objection must say why). */
export function checkStance(
  stance: Pick<Stance, 'value' | 'reason' | 'disposition'>,
): StanceProblem[] {
  const problems: StanceProblem[] = [];
  if (stance.value === 'object' && !stance.reason?.trim()) problems.push('reason_required');
  if (stance.value !== 'object' && stance.disposition)
    problems.push('disposition_only_for_objections');
  return problems;
}

export interface GroupCount {
  support: number;
  canLiveWith: number;
  object: number;
  /** Members of the group who could take a stance, for "3 of 40". */
  participants: number;
}

export interface Tally {
  readonly byGroup: Map<StakeholderGroup, GroupCount>;
  /** Objections on the current version that are neither addressed nor withdrawn. */
  readonly openObjections: Stance[];
  /** Objections on the current version that were answered, with how. */
  readonly answeredObjections: Stance[];
  /** Stances given on an earlier version: shown, never counted. */
  readonly toReconfirm: Stance[];
}

/** Each participant's latest stance on the target. */
function latest(stances: readonly Stance[], target: Target): Stance[] {
  const byParticipant = new Map<string, Stance>();
  for (const s of stances) {
    if (s.target.kind !== target.kind || s.target.id !== target.id) continue;
    const known = byParticipant.get(s.participantId);
    if (!known || s.givenAt >= known.givenAt) byParticipant.set(s.participantId, s);
  }
  return [...byParticipant.values()];
}

const isOpen = (s: Stance) =>
  s.value === 'object' && (s.disposition ?? { kind: 'open' }).kind === 'open';

/**
 * Counts per stakeholder group the stances given on `currentVersion` of the target only.
 * `groupOf` gives each participant's group; participants outside it are not counted.
 */
export function tally(
  stances: readonly Stance[],
  target: Target,
  currentVersion: string,
  groupOf: ReadonlyMap<string, StakeholderGroup>,
): Tally {
  const byGroup = new Map<StakeholderGroup, GroupCount>();
  for (const group of groupOf.values()) {
    const count = byGroup.get(group) ?? { support: 0, canLiveWith: 0, object: 0, participants: 0 };
    count.participants++;
    byGroup.set(group, count);
  }
  const result: Tally = { byGroup, openObjections: [], answeredObjections: [], toReconfirm: [] };
  for (const stance of latest(stances, target)) {
    const group = groupOf.get(stance.participantId);
    if (group === undefined) continue;
    if (stance.version !== currentVersion) {
      result.toReconfirm.push(stance);
      continue;
    }
    const count = byGroup.get(group)!;
    if (stance.value === 'support') count.support++;
    else if (stance.value === 'can_live_with') count.canLiveWith++;
    else {
      count.object++;
      (isOpen(stance) ? result.openObjections : result.answeredObjections).push(stance);
    }
  }
  return result;
}

/**
 * - no_stances: nobody has taken a stance on the current version (nor on an earlier one);
 * - awaiting_reconfirmation: only stances on earlier versions, which no longer count;
 * - open_objections: at least one objection on the current version is still open, whatever
 *   the support (support never outweighs an open objection);
 * - rough_consensus: stances on the current version and no open objection (answered or
 *   withdrawn objections are listed beside it, with how they were answered).
 */
export type ParagraphStatus =
  'no_stances' | 'awaiting_reconfirmation' | 'open_objections' | 'rough_consensus';

export function paragraphStatus(t: Tally): ParagraphStatus {
  if (t.openObjections.length > 0) return 'open_objections';
  const current = [...t.byGroup.values()].reduce(
    (n, c) => n + c.support + c.canLiveWith + c.object,
    0,
  );
  if (current > 0) return 'rough_consensus';
  return t.toReconfirm.length > 0 ? 'awaiting_reconfirmation' : 'no_stances';
}
