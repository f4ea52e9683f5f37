// The queue as a pure function of its event log: any instance replaying the same log gets the
// same state, and applying events one by one to a replayed prefix gives what replaying the whole
// log gives. Time only ever comes from the events.
import { computeQueue, countTurn } from './ordering.ts';
import { spokenMs } from './timing.ts';
import {
  sideOf,
  type QueueEvent,
  type QueueRule,
  type QueueState,
  type Side,
  type SpeakerAttributes,
} from './types.ts';
import { currentIntervention, validate } from './validate.ts';

export function initialState(rule: QueueRule): QueueState {
  return {
    rule: structuredClone(rule),
    closed: false,
    requests: [],
    interventions: [],
    turns: {},
    sideWaits: { room: 0, remote: 0 },
    manualActs: [],
    moveCount: 0,
    eventIds: [],
    lastAt: null,
    skipped: [],
    queue: [],
  };
}

const record = (state: QueueState, requestId: string) =>
  state.requests.find((r) => r.requestId === requestId)!;

const hasWaiting = (state: QueueState, side: Side) =>
  state.requests.some(
    (r) => r.status === 'waiting' && r.kind === 'ordinary' && sideOf(r.channel) === side,
  );

function endCurrent(state: QueueState, at: number) {
  const iv = currentIntervention(state);
  if (!iv) return;
  if (iv.pausedAt !== null) iv.pausedMs += at - iv.pausedAt;
  iv.pausedAt = null;
  iv.endedAt = at;
  record(state, iv.requestId).status = 'served';
}

function giveFloor(state: QueueState, e: Extract<QueueEvent, { type: 'floor-given' }>) {
  const outOfTurn = computeQueue(state)[0]?.requestId !== e.requestId;
  endCurrent(state, e.at);
  const r = record(state, e.requestId);
  r.status = 'speaking';
  const { requestId, participantId, channel, kind, replyTo, attributes, requestedAt } = r;
  state.interventions.push({
    ...{ requestId, participantId, channel, kind, replyTo, requestedAt },
    attributes: { ...attributes },
    startedAt: e.at,
    endedAt: null,
    pausedMs: 0,
    pausedAt: null,
    givenBy: e.actor,
    outOfTurnReason: outOfTurn ? e.reason!.trim() : null,
  });
  if (outOfTurn) manualAct(state, e, e.reason!, 'floor-out-of-turn');
  // Points of order and replies are not turns: they neither use up nor reset a side's wait.
  if (kind !== 'ordinary') return;
  state.turns[participantId] = (state.turns[participantId] ?? 0) + 1;
  const side = sideOf(channel);
  countTurn(state.sideWaits, side, hasWaiting(state, side === 'room' ? 'remote' : 'room'));
}

function manualAct(
  state: QueueState,
  e: QueueEvent & { requestId: string },
  reason: string,
  act: 'moved' | 'floor-out-of-turn',
) {
  state.manualActs.push({
    eventId: e.id,
    actor: e.actor,
    at: e.at,
    requestId: e.requestId,
    act,
    reason: reason.trim(),
  });
}

/**
 * Places the moved request, then pins every moved request of the tier to its place in the new
 * order, so their sets of requests ahead are nested and no two moves ever claim the same place.
 */
function move(state: QueueState, e: Extract<QueueEvent, { type: 'request-moved' }>) {
  const r = record(state, e.requestId);
  const queue = computeQueue(state);
  const start = queue.findIndex((q) => q.kind === r.kind);
  const order = queue
    .filter((q) => q.kind === r.kind && q.requestId !== r.requestId)
    .map((q) => q.requestId);
  order.splice(e.position - start, 0, r.requestId);
  const seq = state.moveCount++;
  order.forEach((id, i) => {
    const other = record(state, id);
    if (other === r) other.pin = { ahead: order.slice(0, i), reason: e.reason.trim(), seq };
    else if (other.pin) other.pin = { ...other.pin, ahead: order.slice(0, i) };
  });
  manualAct(state, e, e.reason, 'moved');
}

/** Absent and undefined attributes are the same thing once a log has gone through JSON. */
function statedOnly(attributes: SpeakerAttributes): SpeakerAttributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => typeof v === 'string'));
}

/** Applies an event already validated against `state`, in place. */
function applyValid(state: QueueState, e: QueueEvent) {
  state.eventIds.push(e.id);
  switch (e.type) {
    case 'floor-requested':
      state.requests.push({
        ...{
          requestId: e.requestId,
          participantId: e.participantId,
          channel: e.channel,
          kind: e.kind,
        },
        replyTo: e.replyTo ?? null,
        attributes: statedOnly(e.attributes),
        requestedAt: e.at,
        seq: state.requests.length,
        status: 'waiting',
        pin: null,
      });
      break;
    case 'request-withdrawn':
      record(state, e.requestId).status = 'withdrawn';
      break;
    case 'floor-given':
      giveFloor(state, e);
      break;
    case 'intervention-ended':
      endCurrent(state, e.at);
      break;
    case 'request-moved':
      move(state, e);
      break;
    case 'list-closed':
    case 'list-reopened':
      state.closed = e.type === 'list-closed';
      break;
    case 'rule-changed':
      state.rule = structuredClone(e.rule);
      break;
    case 'timer-paused':
      currentIntervention(state)!.pausedAt = e.at;
      break;
    case 'timer-resumed': {
      const iv = currentIntervention(state)!;
      iv.pausedMs += e.at - iv.pausedAt!;
      iv.pausedAt = null;
    }
  }
  // A side whose requests are all gone starts its next wait from zero.
  for (const side of ['room', 'remote'] as const)
    if (!hasWaiting(state, side)) state.sideWaits[side] = 0;
  // Last, so that the queue the event acts on (its head, a move's tier) is the one validated.
  state.lastAt = e.at;
}

function step(state: QueueState, event: QueueEvent) {
  if (validate(state, event).ok) applyValid(state, event);
  else state.skipped.push(String(event.id));
}

/** The state a log replays to, starting from `rule` (later `rule-changed` events replace it). */
export function replay(rule: QueueRule, events: readonly QueueEvent[]): QueueState {
  const state = initialState(rule);
  for (const event of events) step(state, event);
  state.queue = computeQueue(state);
  return state;
}

/** The state after one more event; `state` itself is left as it was. */
export function applyEvent(state: QueueState, event: QueueEvent): QueueState {
  const next = structuredClone(state);
  step(next, event);
  next.queue = computeQueue(next);
  return next;
}

/** Who has the floor at `now`, and for how long they have spoken (pauses excluded). */
export function speakerAt(state: QueueState, now: number) {
  const iv = currentIntervention(state);
  if (!iv) return null;
  const { requestId, participantId, channel, kind, startedAt } = iv;
  const elapsedMs = spokenMs(iv, Math.max(now, state.lastAt ?? now));
  return {
    requestId,
    participantId,
    channel,
    kind,
    startedAt,
    elapsedMs,
    paused: iv.pausedAt !== null,
  };
}
