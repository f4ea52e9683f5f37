// Properties the speaking queue must hold for any session, checked on random logs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fairnessFigures } from './fairness.ts';
import { applyEvent, replay } from './replay.ts';
import { anyIntent, buildLog, intentsArb, plainIntent, ruleArb } from './testing/random-log.ts';
import { sideOf, type QueueEvent, type QueueState, type Side } from './types.ts';

const RUNS = { numRuns: 120, seed: 20250611 };
const requestOf = (state: QueueState, id: string) =>
  state.requests.find((r) => r.requestId === id)!;

describe('speaking queue properties', () => {
  test('when a log is replayed twice, from JSON, or as a prefix plus the rest, then the state is the same', () => {
    fc.assert(
      fc.property(ruleArb(), intentsArb(anyIntent), fc.nat(), (rule, intents, cut) => {
        const { events, final } = buildLog(rule, intents);
        const whole = replay(rule, events);
        assert.deepStrictEqual(whole, final);
        assert.deepStrictEqual(
          replay(rule, JSON.parse(JSON.stringify(events)) as QueueEvent[]),
          whole,
        );
        const k = events.length > 0 ? cut % (events.length + 1) : 0;
        const incremental = events.slice(k).reduce(applyEvent, replay(rule, events.slice(0, k)));
        assert.deepStrictEqual(incremental, whole);
        assert.deepStrictEqual(whole.skipped, []);
      }),
      RUNS,
    );
  });

  test('when both sides have waiting requests, then neither waits more than N ordinary turns', () => {
    const alternating = ruleArb({
      alternation: fc.record({ maxTurns: fc.integer({ min: 1, max: 3 }) }),
    });
    fc.assert(
      fc.property(alternating, intentsArb(plainIntent), (rule, intents) => {
        const { events, states } = buildLog(rule, intents);
        const n = rule.alternation!.maxTurns;
        // Counted from the log alone, independently of the engine's own counters.
        const waiting: Record<Side, Set<string>> = { room: new Set(), remote: new Set() };
        const streak: Record<Side, number> = { room: 0, remote: 0 };
        events.forEach((e, i) => {
          const before = i === 0 ? undefined : states[i - 1];
          if (e.type === 'floor-requested' && e.kind === 'ordinary')
            waiting[sideOf(e.channel)].add(e.requestId);
          if (e.type === 'request-withdrawn')
            for (const s of Object.values(waiting)) s.delete(e.requestId);
          if (e.type === 'floor-given' && requestOf(before!, e.requestId).kind === 'ordinary') {
            const side = sideOf(requestOf(before!, e.requestId).channel);
            waiting[side].delete(e.requestId);
            const other: Side = side === 'room' ? 'remote' : 'room';
            streak[side] = 0;
            streak[other] = waiting[other].size > 0 ? streak[other] + 1 : 0;
            assert.ok(streak[other] <= n, `${other} waited ${streak[other]} turns, bound ${n}`);
          }
          for (const s of ['room', 'remote'] as const) if (waiting[s].size === 0) streak[s] = 0;
        });
      }),
      RUNS,
    );
  });

  test('under first-time-first, no first-time speaker waits behind a repeat speaker (without manual moves)', () => {
    const firstTime = ruleArb({
      alternation: fc.constant(null),
      firstTimeFirst: fc.constant(true),
    });
    fc.assert(
      fc.property(firstTime, intentsArb(plainIntent), (rule, intents) => {
        const { events, states } = buildLog(rule, intents);
        states.forEach((state, i) => {
          const ordinary = state.queue.filter((q) => q.kind === 'ordinary');
          const repeat = ordinary.findIndex((q) => (state.turns[q.participantId] ?? 0) > 0);
          const firstTimerAfter = ordinary.slice(repeat).some((q) => !state.turns[q.participantId]);
          assert.ok(
            repeat < 0 || !firstTimerAfter,
            'a first-time speaker is queued behind a repeat speaker',
          );
          const e = events[i]!;
          if (e.type !== 'floor-given' || i === 0) return;
          const before = states[i - 1]!;
          const given = requestOf(before, e.requestId);
          const firstTimerWaiting = before.requests.some(
            (r) =>
              r.status === 'waiting' && r.kind === 'ordinary' && !before.turns[r.participantId],
          );
          if (given.kind === 'ordinary' && firstTimerWaiting)
            assert.ok(!before.turns[given.participantId]);
        });
      }),
      RUNS,
    );
  });

  test('whatever the chair does, points of order stand before everything else in the queue', () => {
    fc.assert(
      fc.property(ruleArb(), intentsArb(anyIntent), (rule, intents) => {
        for (const state of buildLog(rule, intents).states) {
          const kinds = state.queue.map((q) => q.kind);
          const lastPoint = kinds.lastIndexOf('point-of-order');
          assert.ok(kinds.slice(0, lastPoint + 1).every((k) => k === 'point-of-order'));
          const lastReply = kinds.lastIndexOf('reply');
          assert.ok(kinds.slice(0, lastReply + 1).every((k) => k !== 'ordinary'));
        }
      }),
      RUNS,
    );
  });

  test('after the chair moves a request, its place in its tier never gets worse until another move', () => {
    fc.assert(
      fc.property(ruleArb(), intentsArb(anyIntent), (rule, intents) => {
        const { events, states } = buildLog(rule, intents);
        let moved: { id: string; place: number } | null = null;
        events.forEach((e, i) => {
          const state = states[i]!;
          const placeOf = (id: string) => {
            const entry = state.queue.find((q) => q.requestId === id);
            return entry ? state.queue.filter((q) => q.kind === entry.kind).indexOf(entry) : -1;
          };
          if (e.type === 'request-moved') moved = { id: e.requestId, place: placeOf(e.requestId) };
          else if (moved) {
            const place = placeOf(moved.id);
            if (place < 0) moved = null;
            else {
              assert.ok(place <= moved.place, `moved request went from ${moved.place} to ${place}`);
              moved.place = place;
            }
          }
        });
      }),
      RUNS,
    );
  });

  test('when a log holds invalid events too, then withdrawn requests never get the floor', () => {
    fc.assert(
      fc.property(ruleArb(), intentsArb(anyIntent), (rule, intents) => {
        const { events } = buildLog(rule, intents, { unchecked: true });
        const state = replay(rule, events);
        const withdrawn = new Set(
          state.requests.filter((r) => r.status === 'withdrawn').map((r) => r.requestId),
        );
        assert.ok(state.interventions.every((iv) => !withdrawn.has(iv.requestId)));
        const heard = state.interventions.map((iv) => iv.requestId);
        assert.equal(new Set(heard).size, heard.length, 'a request got the floor twice');
      }),
      RUNS,
    );
  });

  test('fairness shares sum to 1 per dimension before suppression', () => {
    fc.assert(
      fc.property(ruleArb(), intentsArb(anyIntent), (rule, intents) => {
        const figures = fairnessFigures(buildLog(rule, intents).final);
        for (const cells of Object.values(figures)) {
          for (const share of ['shareOfRequests', 'shareOfTurns', 'shareOfFloorTime'] as const) {
            const values = cells.map((c) => c[share]);
            if (values.every((v) => v === null)) continue;
            const sum = values.reduce<number>((a, v) => a + v!, 0);
            assert.ok(Math.abs(sum - 1) < 1e-9, `${share} sums to ${sum}`);
          }
        }
      }),
      RUNS,
    );
  });
});
