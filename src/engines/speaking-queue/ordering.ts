// The order of the waiting requests, as a pure function of the state.
//
// Precedence, strongest first:
// 1. tiers: points of order, then replies, then ordinary requests; no rule or move crosses a tier,
//    so a point of order is always heard first;
// 2. the chair's moves: a moved request keeps exactly as many requests ahead of it as it had
//    right after the move that are still waiting, so its place never gets worse until it is
//    heard — a later arrival may be put ahead of it only in the place of one of those, who then
//    goes behind it; each move re-pins the tier's moved requests, so their places never collide;
// 3. inside the ordinary tier, the rule picks the next speaker by narrowing the candidates:
//    the alternation bound (a side that has waited `maxTurns` turns must be heard now), then
//    first-time speakers, then the least-heard value of the balance attribute, then arrival.
//
// The ordinary tier is found by simulating the turns one by one (the alternation counters, the
// turn counts and the balance measure all move as each projected speaker is heard), so the queue
// shown is exactly the order in which people will speak if nothing else happens.
import { completedDurations, median, spokenMs } from './timing.ts';
import {
  sideOf,
  type PlaceReason,
  type QueueEntry,
  type QueueRule,
  type QueueState,
  type RequestKind,
  type RequestRecord,
  type Side,
} from './types.ts';

export const TIERS: readonly RequestKind[] = ['point-of-order', 'reply', 'ordinary'];

/** What the ordinary tier's projection tracks as it hands out turns. */
interface Projection {
  turns: Map<string, number>;
  sideWaits: Record<Side, number>;
  heard: Map<string | null, number>;
  /** What one projected turn adds to the floor-time measure. */
  typicalMs: number;
}

type Chooser = (free: RequestRecord[]) => { pick: RequestRecord; reason: PlaceReason };
/** Told of every placed request (pinned or chosen) with those still to place. */
type OnPlace = (pick: RequestRecord, remaining: RequestRecord[]) => void;

/**
 * After an ordinary turn by `side`: that side's wait restarts, the other side's grows if it still
 * has a waiting request and restarts otherwise. Shared by the projection and the real log.
 */
export function countTurn(waits: Record<Side, number>, side: Side, otherWaiting: boolean) {
  const other: Side = side === 'room' ? 'remote' : 'room';
  waits[side] = 0;
  waits[other] = otherWaiting ? waits[other] + 1 : 0;
}

/** Places one tier: due pins first, otherwise whatever `choose` picks among unpinned requests. */
function arrange(records: RequestRecord[], choose: Chooser, onPlace?: OnPlace): QueueEntry[] {
  const waiting = new Set(records.map((r) => r.requestId));
  const pins = records
    .filter((r) => r.pin)
    .map((r) => ({
      r,
      target: r.pin!.ahead.filter((id) => waiting.has(id)).length,
      seq: r.pin!.seq,
    }));
  const free = records.filter((r) => !r.pin).sort((a, b) => a.seq - b.seq);
  const out: QueueEntry[] = [];
  while (pins.length > 0 || free.length > 0) {
    const due = pins
      .filter((p) => p.target <= out.length || free.length === 0)
      .sort((a, b) => a.target - b.target || a.seq - b.seq)[0];
    let placed: { pick: RequestRecord; reason: PlaceReason };
    if (due) {
      pins.splice(pins.indexOf(due), 1);
      placed = { pick: due.r, reason: { kind: 'moved', reason: due.r.pin!.reason } };
    } else {
      placed = choose(free);
      free.splice(free.indexOf(placed.pick), 1);
    }
    onPlace?.(placed.pick, [...free, ...pins.map((x) => x.r)]);
    out.push(entryOf(placed.pick, placed.reason));
  }
  return out;
}

function entryOf(r: RequestRecord, reason: PlaceReason): QueueEntry {
  const { requestId, participantId, channel, kind, requestedAt } = r;
  return { requestId, participantId, channel, kind, requestedAt, reason };
}

/** Narrows `pool` by `keep`; says whether that left out anyone. */
function narrow(pool: RequestRecord[], keep: (r: RequestRecord) => boolean) {
  const kept = pool.filter(keep);
  return kept.length > 0 && kept.length < pool.length ? kept : null;
}

function chooseOrdinary(rule: QueueRule, p: Projection, free: RequestRecord[]) {
  let pool = free;
  let reason: PlaceReason | null = null;
  const tighten = (keep: (r: RequestRecord) => boolean, why: PlaceReason) => {
    const kept = narrow(pool, keep);
    if (!kept) return;
    pool = kept;
    reason ??= why;
  };
  if (rule.alternation) {
    const forced = (['room', 'remote'] as const).find(
      (s) => p.sideWaits[s] >= rule.alternation!.maxTurns,
    );
    if (forced) tighten((r) => sideOf(r.channel) === forced, { kind: 'alternation', side: forced });
  }
  if (rule.firstTimeFirst) tighten((r) => !p.turns.get(r.participantId), { kind: 'first-time' });
  if (rule.balance) {
    const { attribute } = rule.balance;
    const valueOf = (r: RequestRecord) => r.attributes[attribute] ?? null;
    const least = Math.min(...pool.map((r) => p.heard.get(valueOf(r)) ?? 0));
    const first = pool.find((r) => (p.heard.get(valueOf(r)) ?? 0) === least)!;
    tighten((r) => (p.heard.get(valueOf(r)) ?? 0) === least, {
      kind: 'balance',
      attribute,
      value: valueOf(first),
    });
  }
  return { pick: pool[0]!, reason: reason ?? ({ kind: 'arrival' } as PlaceReason) };
}

function project(state: QueueState): Projection {
  const now = state.lastAt ?? 0;
  const heard = new Map<string | null, number>();
  const balance = state.rule.balance;
  const ordinary = state.interventions.filter((iv) => iv.kind === 'ordinary');
  if (balance) {
    for (const iv of ordinary) {
      const key = iv.attributes[balance.attribute] ?? null;
      const add = balance.measure === 'turns' ? 1 : spokenMs(iv, now);
      heard.set(key, (heard.get(key) ?? 0) + add);
    }
  }
  const typical = median(completedDurations(ordinary));
  return {
    turns: new Map(Object.entries(state.turns)),
    sideWaits: { ...state.sideWaits },
    heard,
    typicalMs: Number.isFinite(typical) && typical > 0 ? typical : 1,
  };
}

function ordinaryTier(state: QueueState, records: RequestRecord[]): QueueEntry[] {
  const p = project(state);
  const { rule } = state;
  return arrange(
    records,
    (free) => chooseOrdinary(rule, p, free),
    (pick, remaining) => {
      const side = sideOf(pick.channel);
      countTurn(
        p.sideWaits,
        side,
        remaining.some((r) => sideOf(r.channel) !== side),
      );
      p.turns.set(pick.participantId, (p.turns.get(pick.participantId) ?? 0) + 1);
      if (rule.balance) {
        const key = pick.attributes[rule.balance.attribute] ?? null;
        p.heard.set(
          key,
          (p.heard.get(key) ?? 0) + (rule.balance.measure === 'turns' ? 1 : p.typicalMs),
        );
      }
    },
  );
}

/** The waiting requests in the order they will be heard, each with why it stands there. */
export function computeQueue(state: QueueState): QueueEntry[] {
  const waiting = state.requests.filter((r) => r.status === 'waiting');
  const ofKind = (kind: RequestKind) => waiting.filter((r) => r.kind === kind);
  return [
    ...arrange(ofKind('point-of-order'), (free) => ({
      pick: free[0]!,
      reason: { kind: 'point-of-order' },
    })),
    ...arrange(ofKind('reply'), (free) => ({
      pick: free[0]!,
      reason: { kind: 'reply', to: free[0]!.replyTo },
    })),
    ...ordinaryTier(state, ofKind('ordinary')),
  ];
}
