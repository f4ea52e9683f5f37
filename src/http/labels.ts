// Translated labels of fixed domain values, with every message key spelled out so the
// translation check can see it is used.
import type { Translate } from '../i18n/i18n.ts';
import type { StakeholderGroup } from '../shared/stakeholders.ts';

const STAKEHOLDER_KEYS = {
  government: 'stakeholder.government',
  intergovernmental: 'stakeholder.intergovernmental',
  civil_society: 'stakeholder.civilSociety',
  private_sector: 'stakeholder.privateSector',
  technical_community: 'stakeholder.technicalCommunity',
  academia: 'stakeholder.academia',
  media: 'stakeholder.media',
  other: 'stakeholder.other',
} as const;

export function stakeholderLabel(t: Translate, group: string): string {
  const key = STAKEHOLDER_KEYS[group as StakeholderGroup];
  return key ? t(key) : group;
}

const REGION_KEYS: Record<
  string,
  'region.africa' | 'region.americas' | 'region.asia' | 'region.europe' | 'region.oceania'
> = {
  '002': 'region.africa',
  '019': 'region.americas',
  '142': 'region.asia',
  '150': 'region.europe',
  '009': 'region.oceania',
};

export function regionLabel(t: Translate, m49: string | null): string {
  const key = m49 ? REGION_KEYS[m49] : undefined;
  return key ? t(key) : '—';
}

const ORG_ROLE_KEYS = {
  owner: 'org.role.owner',
  admin: 'org.role.admin',
  member: 'org.role.member',
} as const;

export function orgRoleLabel(t: Translate, role: string): string {
  const key = ORG_ROLE_KEYS[role as keyof typeof ORG_ROLE_KEYS];
  return key ? t(key) : role;
}
