// Translated labels of the process vocabulary, every message key spelled out for the messages test.
import type { Translate } from '../../i18n/i18n.ts';
import type { ProcessLinkRecord } from './processes.store.ts';

const LINK_KEYS = {
  'outgoing:feeds_into': 'secretariat.link.feedsInto',
  'incoming:feeds_into': 'secretariat.link.fedBy',
  'outgoing:follows_up': 'secretariat.link.followsUp',
  'incoming:follows_up': 'secretariat.link.followedUpBy',
  'outgoing:parallel': 'secretariat.link.parallel',
  'incoming:parallel': 'secretariat.link.parallel',
} as const;

/** How the other process relates to this one, read from this page's side. */
export function linkLabel(
  t: Translate,
  link: Pick<ProcessLinkRecord, 'kind' | 'direction'>,
): string {
  const key = LINK_KEYS[`${link.direction}:${link.kind}` as keyof typeof LINK_KEYS];
  return key ? t(key) : link.kind;
}

const MILESTONE_KEYS = {
  deadline: 'secretariat.milestone.deadline',
  meeting: 'secretariat.milestone.meeting',
  publication: 'secretariat.milestone.publication',
} as const;

export function milestoneLabel(t: Translate, kind: string): string {
  const key = MILESTONE_KEYS[kind as keyof typeof MILESTONE_KEYS];
  return key ? t(key) : kind;
}
