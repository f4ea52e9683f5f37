// Translated labels the secretariat's pages use for rules, eligibility, submission states and
// rejection reasons (phases and dates: consultation-labels.ts), every message key spelled out so the messages test sees it is used.
import type { Translate } from '../i18n/i18n.ts';

const RULE_KEYS = {
  attributed: {
    label: 'secretariat.rule.attributed',
    explanation: 'secretariat.rule.attributedExplained',
  },
  chatham_house: {
    label: 'secretariat.rule.chathamHouse',
    explanation: 'secretariat.rule.chathamHouseExplained',
  },
  anonymous: {
    label: 'secretariat.rule.anonymous',
    explanation: 'secretariat.rule.anonymousExplained',
  },
} as const;

export function ruleLabel(t: Translate, rule: string): { label: string; explanation: string } {
  const keys = RULE_KEYS[rule as keyof typeof RULE_KEYS];
  return keys
    ? { label: t(keys.label), explanation: t(keys.explanation) }
    : { label: rule, explanation: '' };
}

const ELIGIBILITY_KEYS = {
  open: {
    label: 'secretariat.eligibility.open',
    explanation: 'secretariat.eligibility.openExplained',
  },
  accredited: {
    label: 'secretariat.eligibility.accredited',
    explanation: 'secretariat.eligibility.accreditedExplained',
  },
  invited: {
    label: 'secretariat.eligibility.invited',
    explanation: 'secretariat.eligibility.invitedExplained',
  },
} as const;

export function eligibilityLabel(
  t: Translate,
  eligibility: string,
): { label: string; explanation: string } {
  const keys = ELIGIBILITY_KEYS[eligibility as keyof typeof ELIGIBILITY_KEYS];
  return keys
    ? { label: t(keys.label), explanation: t(keys.explanation) }
    : { label: eligibility, explanation: '' };
}

const STATUS_KEYS = {
  draft: 'secretariat.status.draft',
  submitted: 'secretariat.status.submitted',
  published: 'secretariat.status.published',
  rejected: 'secretariat.status.rejected',
  withdrawn: 'secretariat.status.withdrawn',
} as const;

export function submissionStatusLabel(t: Translate, status: string): string {
  const key = STATUS_KEYS[status as keyof typeof STATUS_KEYS];
  return key ? t(key) : status;
}

const CATEGORY_KEYS = {
  off_topic: 'secretariat.rejection.offTopic',
  abusive: 'secretariat.rejection.abusive',
  spam: 'secretariat.rejection.spam',
  duplicate: 'secretariat.rejection.duplicate',
  personal_data: 'secretariat.rejection.personalData',
  other: 'secretariat.rejection.other',
} as const;

/** Why a submission was turned down, the same words for its author, the public and moderators. */
export function rejectionLabel(t: Translate, category: string): string {
  return t(CATEGORY_KEYS[category as keyof typeof CATEGORY_KEYS] ?? CATEGORY_KEYS.other);
}
