// Is the expert group balanced? Compares its members with the secretariat's targets: a minimum
// per stakeholder group, per UN region (all five), and per gender. Returns what is missing.
import { STAKEHOLDER_GROUPS, type StakeholderGroup } from '../../shared/stakeholders.ts';
import type { Rater } from './barometer.ts';

/** The five UN M49 regions: Africa, Americas, Asia, Europe, Oceania. */
export const UN_REGIONS = ['002', '019', '142', '150', '009'] as const;

export interface BalanceTargets {
  readonly perGroup: number;
  /** Groups the process does not expect in its expert group (e.g. media) can be left out. */
  readonly groups?: readonly StakeholderGroup[];
  readonly perRegion: number;
  /** Minimum members per gender value, e.g. { woman: 4, man: 4 }. */
  readonly perGender: Readonly<Record<string, number>>;
}

export interface Shortfall {
  readonly dimension: 'group' | 'region' | 'gender';
  readonly value: string;
  readonly have: number;
  readonly need: number;
}

export function balanceShortfalls(members: readonly Rater[], targets: BalanceTargets): Shortfall[] {
  const count = (pick: (m: Rater) => string | null, value: string) =>
    members.filter((m) => pick(m) === value).length;
  const check = (
    dimension: Shortfall['dimension'],
    pick: (m: Rater) => string | null,
    wanted: Array<[string, number]>,
  ) =>
    wanted.flatMap(([value, need]) => {
      const have = count(pick, value);
      return have < need ? [{ dimension, value, have, need }] : [];
    });
  return [
    ...check(
      'group',
      (m) => m.group,
      (targets.groups ?? STAKEHOLDER_GROUPS).map((g) => [g, targets.perGroup]),
    ),
    ...check(
      'region',
      (m) => m.region,
      UN_REGIONS.map((r) => [r, targets.perRegion]),
    ),
    ...check('gender', (m) => m.gender, Object.entries(targets.perGender)),
  ];
}
