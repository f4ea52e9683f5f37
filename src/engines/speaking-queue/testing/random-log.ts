// Random session logs for the property tests. Arbitrary "intents" (someone asks, the chair gives
// the floor to the head, moves a request…) are turned into events against the state so far, so
// most of them are valid; `unchecked` keeps the invalid ones too, to test that replay skips them.
import fc from 'fast-check';
import { applyEvent, initialState } from '../replay.ts';
import type { Channel, QueueEvent, QueueRule, QueueState, RequestKind } from '../types.ts';
import { validate } from '../validate.ts';

export type Intent =
  | {
      t: 'request';
      who: number;
      channel: Channel;
      kind: RequestKind;
      group: number;
      gender: number;
    }
  | { t: 'withdraw' | 'give-other' | 'give-any'; pick: number }
  | { t: 'give-head' | 'end' | 'close' | 'reopen' | 'pause' | 'resume' }
  | { t: 'move'; pick: number; position: number }
  | { t: 'rule'; rule: QueueRule };

export const GROUPS = ['government', 'civil_society', 'private_sector', 'academia'];
export const GENDERS = ['f', 'm', 'x'];

export const ruleArb = (base: Partial<Record<keyof QueueRule, fc.Arbitrary<unknown>>> = {}) =>
  fc.record({
    alternation: fc.option(fc.record({ maxTurns: fc.integer({ min: 1, max: 3 }) }), { nil: null }),
    firstTimeFirst: fc.boolean(),
    balance: fc.option(
      fc.record({
        attribute: fc.constantFrom('group' as const, 'gender' as const, 'region' as const),
        measure: fc.constantFrom('turns' as const, 'floor-time' as const),
      }),
      { nil: null },
    ),
    ...base,
  }) as fc.Arbitrary<QueueRule>;

const requestArb = fc.record({
  t: fc.constant('request' as const),
  who: fc.integer({ min: 0, max: 11 }),
  channel: fc.constantFrom<Channel>('room', 'room', 'remote', 'hub'),
  kind: fc.constantFrom<RequestKind>(
    'ordinary',
    'ordinary',
    'ordinary',
    'ordinary',
    'point-of-order',
    'reply',
  ),
  group: fc.integer({ min: 0, max: 4 }),
  gender: fc.integer({ min: 0, max: 3 }),
});

/** Intents a chair who follows the queue produces: no moves, no skipping, no rule change. */
export const plainIntent: fc.Arbitrary<Intent> = fc.oneof(
  { arbitrary: requestArb, weight: 5 },
  { arbitrary: fc.record({ t: fc.constant('withdraw' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.constantFrom<Intent>({ t: 'give-head' }), weight: 4 },
  { arbitrary: fc.constantFrom<Intent>({ t: 'end' }, { t: 'pause' }, { t: 'resume' }), weight: 2 },
  { arbitrary: fc.constantFrom<Intent>({ t: 'close' }, { t: 'reopen' }), weight: 1 },
);

/** Everything, manual acts and rule changes included. */
export const anyIntent: fc.Arbitrary<Intent> = fc.oneof(
  { arbitrary: plainIntent, weight: 8 },
  {
    arbitrary: fc.record({
      t: fc.constantFrom('give-other' as const, 'give-any' as const),
      pick: fc.nat(),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ t: fc.constant('move' as const), pick: fc.nat(), position: fc.nat() }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('rule' as const), rule: ruleArb() }), weight: 1 },
);

export const intentsArb = (intent: fc.Arbitrary<Intent>) =>
  fc.array(fc.tuple(intent, fc.integer({ min: 0, max: 90_000 })), {
    maxLength: 120,
    size: 'large',
  });

const at = <T>(items: readonly T[], i: number) =>
  items.length > 0 ? items[i % items.length] : undefined;

function bodyOf(state: QueueState, intent: Intent, n: number): Record<string, unknown> | null {
  const waiting = state.requests.filter((r) => r.status === 'waiting');
  switch (intent.t) {
    case 'request': {
      const replyTo = intent.kind === 'reply' ? state.interventions.at(-1)?.requestId : undefined;
      if (intent.kind === 'reply' && !replyTo) return null;
      const attributes = {
        group: GROUPS[intent.group],
        gender: GENDERS[intent.gender],
        region: `r${intent.who % 3}`,
      };
      const { channel, kind } = intent;
      return {
        type: 'floor-requested',
        requestId: `q${n}`,
        participantId: `p${intent.who}`,
        channel,
        kind,
        attributes,
        ...(replyTo ? { replyTo } : {}),
      };
    }
    case 'withdraw':
      return { type: 'request-withdrawn', requestId: at(waiting, intent.pick)?.requestId };
    case 'give-head':
      return state.queue[0] ? { type: 'floor-given', requestId: state.queue[0].requestId } : null;
    case 'give-other':
      return {
        type: 'floor-given',
        requestId: at(state.queue, intent.pick)?.requestId,
        reason: 'urgent',
      };
    case 'give-any':
      return {
        type: 'floor-given',
        requestId: at(state.requests, intent.pick)?.requestId,
        reason: 'chair',
      };
    case 'move': {
      const entry = at(state.queue, intent.pick);
      if (!entry) return null;
      const start = state.queue.findIndex((q) => q.kind === entry.kind);
      const size = state.queue.filter((q) => q.kind === entry.kind).length;
      return {
        type: 'request-moved',
        requestId: entry.requestId,
        position: start + (intent.position % size),
        reason: 'agreed',
      };
    }
    case 'rule':
      return { type: 'rule-changed', rule: intent.rule };
    case 'end':
      return { type: 'intervention-ended' };
    case 'close':
    case 'reopen':
      return { type: intent.t === 'close' ? 'list-closed' : 'list-reopened' };
    case 'pause':
    case 'resume':
      return { type: intent.t === 'pause' ? 'timer-paused' : 'timer-resumed' };
  }
}

/** The log the intents make, with the state after each of its events. */
export function buildLog(
  rule: QueueRule,
  intents: ReadonlyArray<[Intent, number]>,
  options: { unchecked?: boolean } = {},
) {
  let state = initialState(rule);
  let time = 1_700_000_000_000;
  const events: QueueEvent[] = [];
  const states: QueueState[] = [];
  intents.forEach(([intent, dt], n) => {
    time += dt;
    const body = bodyOf(state, intent, n);
    if (!body) return;
    const event = { id: `e${n}`, actor: 'chair', at: time, ...body } as QueueEvent;
    if (!options.unchecked && !validate(state, event).ok) return;
    events.push(event);
    state = applyEvent(state, event);
    states.push(state);
  });
  return { events, states, final: state };
}
