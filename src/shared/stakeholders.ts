// The fixed list of stakeholder groups and the optional private demographics.
export const STAKEHOLDER_GROUPS = [
  'government',
  'intergovernmental',
  'civil_society',
  'private_sector',
  'technical_community',
  'academia',
  'media',
  'other',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

export function isStakeholderGroup(value: unknown): value is StakeholderGroup {
  return typeof value === 'string' && (STAKEHOLDER_GROUPS as readonly string[]).includes(value);
}

export const AGE_BANDS = [
  'under_18',
  '18_24',
  '25_34',
  '35_44',
  '45_54',
  '55_64',
  '65_plus',
] as const;
export const DISABILITY_ANSWERS = ['yes', 'no', 'prefer_not'] as const;
