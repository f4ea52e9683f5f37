// The consultation vocabulary: participation rules, eligibility, phases, the states of a
// submission and the reasons for rejecting one.
export const PARTICIPATION_RULES = ['attributed', 'chatham_house', 'anonymous'] as const;
export type ParticipationRule = (typeof PARTICIPATION_RULES)[number];

export const ELIGIBILITIES = ['open', 'accredited', 'invited'] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

/** 'upcoming' is a published consultation whose submission period has not started. */
export const PHASES = ['draft', 'upcoming', 'open', 'closed', 'synthesis', 'published'] as const;
export type Phase = (typeof PHASES)[number];

export function isParticipationRule(value: unknown): value is ParticipationRule {
  return typeof value === 'string' && (PARTICIPATION_RULES as readonly string[]).includes(value);
}

export function isEligibility(value: unknown): value is Eligibility {
  return typeof value === 'string' && (ELIGIBILITIES as readonly string[]).includes(value);
}

/** Whether identities may appear on public surfaces. */
export function revealsIdentities(rule: ParticipationRule): boolean {
  return rule === 'attributed';
}

/** Whether the secretariat itself may see who wrote what. */
export function secretariatSeesIdentities(rule: ParticipationRule): boolean {
  return rule !== 'anonymous';
}

export function phaseOf(
  c: {
    publishedAt: string | null;
    opensAt: string;
    closesAt: string;
    phaseOverride: string | null;
  },
  now: Date,
): Phase {
  if (!c.publishedAt) return 'draft';
  const t = now.toISOString();
  if (t < c.opensAt) return 'upcoming';
  if (t < c.closesAt) return 'open';
  return c.phaseOverride === 'synthesis' || c.phaseOverride === 'published'
    ? c.phaseOverride
    : 'closed';
}

/** Who looks at a submission: anyone, or the consultation's secretariat. */
export type Audience = 'public' | 'secretariat';

/** Whether this audience may see who wrote a submission under this rule. */
export function identitiesVisible(rule: ParticipationRule, audience: Audience): boolean {
  return audience === 'public' ? revealsIdentities(rule) : secretariatSeesIdentities(rule);
}

export const SUBMISSION_STATUSES = [
  'draft',
  'submitted',
  'published',
  'rejected',
  'withdrawn',
] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const REJECTION_CATEGORIES = [
  'off_topic',
  'abusive',
  'spam',
  'duplicate',
  'personal_data',
  'other',
] as const;
export type RejectionCategory = (typeof REJECTION_CATEGORIES)[number];
