// Words for the consultation vocabulary on public pages: phases, rules explained in plain words,
// eligibility, dates in the consultation's own time zone. Every message key is spelled out so the
// translation check can see it is used.
import type { Translate } from '../i18n/i18n.ts';
import type { Locale } from '../i18n/locales.ts';
import type { Eligibility, ParticipationRule, Phase } from '../shared/consultation-rules.ts';
import { dateTimeFormat, displayNames } from '../i18n/formatters.ts';

const PHASE_KEYS = {
  draft: 'consult.phase.draft',
  upcoming: 'consult.phase.upcoming',
  open: 'consult.phase.open',
  closed: 'consult.phase.closed',
  synthesis: 'consult.phase.synthesis',
  published: 'consult.phase.published',
} as const;

const RULE_KEYS = {
  attributed: 'consult.rule.attributed',
  chatham_house: 'consult.rule.chathamHouse',
  anonymous: 'consult.rule.anonymous',
} as const;

const ELIGIBILITY_KEYS = {
  open: 'consult.eligibility.open',
  accredited: 'consult.eligibility.accredited',
  invited: 'consult.eligibility.invited',
} as const;

export function phaseLabel(t: Translate, phase: Phase): string {
  return t(PHASE_KEYS[phase]);
}

/** The rule as a sentence a newcomer understands, e.g. what Chatham House means here. */
export function ruleExplanation(t: Translate, rule: ParticipationRule): string {
  return t(RULE_KEYS[rule]);
}

export function eligibilityExplanation(t: Translate, eligibility: Eligibility): string {
  return t(ELIGIBILITY_KEYS[eligibility]);
}

/** The wall-clock date and time in the consultation's zone, in the reader's language. */
export function dateTimeIn(locale: string, iso: string, timeZone: string): string {
  return dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** A deadline as people there read it: the consultation's wall-clock time, with its zone named. */
export function dateInZone(t: Translate, locale: Locale, iso: string, timeZone: string): string {
  return t('consult.dateInZone', { date: dateTimeIn(locale, iso, timeZone), zone: timeZone });
}

/** A day (YYYY-MM-DD) in the reader's language; days carry no time zone. */
export function dayLabel(locale: Locale, day: string): string {
  return dateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

export function languageName(locale: Locale, code: string): string {
  try {
    return displayNames(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}
