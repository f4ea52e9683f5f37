// Whether an event may be appended to the log after `state`. The feature calls this before every
// append, so a stored log holds only valid events; replay skips any other, so it is total.
import { computeQueue, TIERS } from './ordering.ts';
import type {
  BalanceAttribute,
  QueueEvent,
  QueueRule,
  QueueState,
  RejectionCode,
  RequestRecord,
  Verdict,
} from './types.ts';

const CHANNELS: readonly string[] = ['room', 'remote', 'hub'];
const ATTRIBUTES: readonly BalanceAttribute[] = ['group', 'gender', 'region'];
const OK: Verdict = { ok: true };
const no = (code: RejectionCode): Verdict => ({ ok: false, code });

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

export const currentIntervention = (state: QueueState) => {
  const last = state.interventions.at(-1);
  return last && last.endedAt === null ? last : undefined;
};

const findRequest = (state: QueueState, id: unknown): RequestRecord | undefined =>
  state.requests.find((r) => r.requestId === id);

export function isValidRule(rule: unknown): rule is QueueRule {
  if (typeof rule !== 'object' || rule === null) return false;
  const r = rule as Partial<QueueRule>;
  const alternationOk =
    r.alternation === null ||
    (typeof r.alternation === 'object' &&
      Number.isInteger(r.alternation?.maxTurns) &&
      r.alternation!.maxTurns >= 1);
  const balanceOk =
    r.balance === null ||
    (typeof r.balance === 'object' &&
      ATTRIBUTES.includes(r.balance!.attribute) &&
      ['turns', 'floor-time'].includes(r.balance!.measure));
  return alternationOk && balanceOk && typeof r.firstTimeFirst === 'boolean';
}

function checkEnvelope(state: QueueState, event: QueueEvent): Verdict {
  if (!isText(event.id) || !isText(event.actor) || !Number.isFinite(event.at) || event.at < 0)
    return no('bad_event');
  if (state.eventIds.includes(event.id)) return no('duplicate_event');
  if (state.lastAt !== null && event.at < state.lastAt) return no('time_went_back');
  return OK;
}

function checkRequest(
  state: QueueState,
  e: Extract<QueueEvent, { type: 'floor-requested' }>,
): Verdict {
  const attributesOk =
    typeof e.attributes === 'object' &&
    e.attributes !== null &&
    Object.values(e.attributes).every((v) => v === undefined || typeof v === 'string');
  if (
    !isText(e.requestId) ||
    !isText(e.participantId) ||
    !CHANNELS.includes(e.channel) ||
    !attributesOk
  )
    return no('bad_event');
  if (!TIERS.includes(e.kind) || (e.kind !== 'reply' && e.replyTo !== undefined))
    return no('bad_event');
  if (findRequest(state, e.requestId)) return no('duplicate_request');
  const twin = state.requests.find(
    (r) => r.participantId === e.participantId && r.kind === e.kind && r.status === 'waiting',
  );
  if (twin) return no('already_waiting');
  // A point of order or a reply can always be raised: closing the list closes ordinary requests.
  if (state.closed && e.kind === 'ordinary') return no('list_closed');
  if (e.kind === 'reply' && !state.interventions.some((iv) => iv.requestId === e.replyTo))
    return no('reply_target_unknown');
  return OK;
}

function checkGiven(state: QueueState, e: Extract<QueueEvent, { type: 'floor-given' }>): Verdict {
  if (findRequest(state, e.requestId)?.status !== 'waiting') return no('not_waiting');
  const head = computeQueue(state)[0];
  if (head?.requestId !== e.requestId && !isText(e.reason)) return no('reason_required');
  return OK;
}

function checkMove(state: QueueState, e: Extract<QueueEvent, { type: 'request-moved' }>): Verdict {
  const record = findRequest(state, e.requestId);
  if (record?.status !== 'waiting') return no('not_waiting');
  if (!isText(e.reason)) return no('reason_required');
  const queue = computeQueue(state);
  const start = queue.findIndex((q) => q.kind === record.kind);
  const size = queue.filter((q) => q.kind === record.kind).length;
  if (!Number.isInteger(e.position) || e.position < start || e.position >= start + size)
    return no('position_out_of_tier');
  return OK;
}

/** Whether `event` may follow `state`, and if not, a stable code the feature translates. */
export function validate(state: QueueState, event: QueueEvent): Verdict {
  const envelope = checkEnvelope(state, event);
  if (!envelope.ok) return envelope;
  const current = currentIntervention(state);
  switch (event.type) {
    case 'floor-requested':
      return checkRequest(state, event);
    case 'request-withdrawn':
      return findRequest(state, event.requestId)?.status === 'waiting' ? OK : no('not_waiting');
    case 'floor-given':
      return checkGiven(state, event);
    case 'request-moved':
      return checkMove(state, event);
    case 'intervention-ended':
      return current ? OK : no('no_current_speaker');
    case 'timer-paused':
      return !current
        ? no('no_current_speaker')
        : current.pausedAt === null
          ? OK
          : no('already_paused');
    case 'timer-resumed':
      return !current
        ? no('no_current_speaker')
        : current.pausedAt !== null
          ? OK
          : no('not_paused');
    case 'list-closed':
      return state.closed ? no('already_closed') : OK;
    case 'list-reopened':
      return state.closed ? OK : no('not_closed');
    case 'rule-changed':
      return isValidRule(event.rule) ? OK : no('bad_rule');
    default:
      return no('bad_event');
  }
}
