// Readable cases of the speaking queue, one behaviour each ("when …, then …").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEvent,
  estimateWait,
  fairness,
  FIFO,
  replay,
  sessionTranscript,
  speakerAt,
  validate,
  type Channel,
  type QueueEvent,
  type QueueRule,
  type QueueState,
} from './index.ts';

const T0 = 1_700_000_000_000;
const MIN = 60_000;
let n = 0;
type Body = QueueEvent extends infer E
  ? E extends QueueEvent
    ? Omit<E, 'id' | 'actor' | 'at'>
    : never
  : never;
const ev = (at: number, body: Body): QueueEvent =>
  ({ id: `e${n++}`, actor: 'chair', at: T0 + at, ...body }) as QueueEvent;
const ask = (
  at: number,
  requestId: string,
  channel: Channel,
  extra: Partial<Extract<Body, { type: 'floor-requested' }>> = {},
) =>
  ev(at, {
    type: 'floor-requested',
    requestId,
    participantId: `p-${requestId}`,
    channel,
    kind: 'ordinary',
    attributes: {},
    ...extra,
  });
const give = (at: number, requestId: string, reason?: string) =>
  ev(at, { type: 'floor-given', requestId, ...(reason ? { reason } : {}) });
const ids = (s: QueueState) => s.queue.map((q) => q.requestId);

describe('speaking queue examples', () => {
  test('when a point of order is raised behind three requests, then it is heard first and says why', () => {
    const s = replay(FIFO, [
      ask(0, 'a', 'room'),
      ask(1, 'b', 'remote'),
      ask(2, 'c', 'hub'),
      ask(3, 'poo', 'remote', { kind: 'point-of-order' }),
    ]);
    assert.deepEqual(ids(s), ['poo', 'a', 'b', 'c']);
    assert.deepEqual(s.queue[0]!.reason, { kind: 'point-of-order' });
    assert.deepEqual(s.queue[1]!.reason, { kind: 'arrival' });
  });

  test('when alternation allows one turn and the room asked first three times, then remote and hubs get every other turn', () => {
    const rule: QueueRule = { ...FIFO, alternation: { maxTurns: 1 } };
    let s = replay(rule, [
      ask(0, 'r1', 'room'),
      ask(1, 'r2', 'room'),
      ask(2, 'r3', 'room'),
      ask(3, 'm1', 'remote'),
      ask(4, 'h1', 'hub'),
    ]);
    assert.deepEqual(ids(s), ['r1', 'm1', 'r2', 'h1', 'r3']);
    assert.deepEqual(s.queue[1]!.reason, { kind: 'alternation', side: 'remote' });
    s = applyEvent(s, give(10, 'r1'));
    assert.deepEqual(ids(s), ['m1', 'r2', 'h1', 'r3']);
    assert.deepEqual(s.sideWaits, { room: 0, remote: 1 });
  });

  test('when first-time speakers go first, then someone who has spoken waits behind a newcomer who asked later', () => {
    const rule: QueueRule = { ...FIFO, firstTimeFirst: true };
    const s = replay(rule, [
      ask(0, 'a', 'room', { participantId: 'ana' }),
      give(1, 'a'),
      ev(2, { type: 'intervention-ended' }),
      ask(3, 'a2', 'room', { participantId: 'ana' }),
      ask(4, 'b', 'remote', { participantId: 'bo' }),
    ]);
    assert.deepEqual(ids(s), ['b', 'a2']);
    assert.deepEqual(s.queue[0]!.reason, { kind: 'first-time' });
  });

  test('when balancing by stakeholder group in turns, then the least-heard group goes first', () => {
    const rule: QueueRule = { ...FIFO, balance: { attribute: 'group', measure: 'turns' } };
    const gov = { attributes: { group: 'government' } };
    const s = replay(rule, [
      ask(0, 'g1', 'room', gov),
      give(1, 'g1'),
      ask(2, 'g2', 'room', gov),
      ask(3, 'c1', 'remote', { attributes: { group: 'civil_society' } }),
    ]);
    assert.deepEqual(ids(s), ['c1', 'g2']);
    assert.deepEqual(s.queue[0]!.reason, {
      kind: 'balance',
      attribute: 'group',
      value: 'civil_society',
    });
  });

  test('when the chair moves a request without a reason, then it is refused; with one, later arrivals never push it back', () => {
    const s = replay(FIFO, [ask(0, 'a', 'room'), ask(1, 'b', 'room'), ask(2, 'c', 'remote')]);
    assert.deepEqual(
      validate(s, ev(3, { type: 'request-moved', requestId: 'c', position: 0, reason: '  ' })),
      { ok: false, code: 'reason_required' },
    );
    let moved = applyEvent(
      s,
      ev(3, { type: 'request-moved', requestId: 'c', position: 1, reason: 'interpreting delay' }),
    );
    assert.deepEqual(ids(moved), ['a', 'c', 'b']);
    assert.deepEqual(moved.queue[1]!.reason, { kind: 'moved', reason: 'interpreting delay' });
    moved = applyEvent(moved, ask(4, 'd', 'room'));
    moved = applyEvent(moved, give(5, 'a'));
    assert.deepEqual(ids(moved), ['c', 'b', 'd']);
    assert.equal(moved.manualActs.length, 1);
  });

  test('when a point of order is moved into the ordinary requests, then the move is refused', () => {
    const s = replay(FIFO, [
      ask(0, 'a', 'room'),
      ask(1, 'poo', 'room', { kind: 'point-of-order' }),
    ]);
    assert.deepEqual(
      validate(s, ev(2, { type: 'request-moved', requestId: 'poo', position: 1, reason: 'later' })),
      { ok: false, code: 'position_out_of_tier' },
    );
  });

  test('when the chair gives the floor to someone other than the head, then a reason is required and logged', () => {
    const s = replay(FIFO, [ask(0, 'a', 'room'), ask(1, 'b', 'remote')]);
    assert.deepEqual(validate(s, give(2, 'b')), { ok: false, code: 'reason_required' });
    const after = applyEvent(s, give(2, 'b', 'connection about to drop'));
    assert.equal(sessionTranscript(after)[0]!.outOfTurnReason, 'connection about to drop');
    assert.equal(after.manualActs[0]!.act, 'floor-out-of-turn');
  });

  test('when the list is closed, then ordinary requests are refused but a point of order is still taken', () => {
    const s = replay(FIFO, [ask(0, 'a', 'room'), ev(1, { type: 'list-closed' })]);
    assert.deepEqual(validate(s, ask(2, 'b', 'remote')), { ok: false, code: 'list_closed' });
    assert.deepEqual(validate(s, ask(2, 'p', 'remote', { kind: 'point-of-order' })), { ok: true });
  });

  test('when a request already had the floor, then withdrawing it is refused and replay skips such an event', () => {
    const log = [ask(0, 'a', 'room'), give(1, 'a')];
    const withdraw = ev(2, { type: 'request-withdrawn', requestId: 'a' });
    assert.deepEqual(validate(replay(FIFO, log), withdraw), { ok: false, code: 'not_waiting' });
    assert.deepEqual(replay(FIFO, [...log, withdraw]).skipped, [withdraw.id]);
  });

  test('when the timer is paused, then the pause does not count as speaking time', () => {
    const s = replay(FIFO, [
      ask(0, 'a', 'room'),
      give(0, 'a'),
      ev(MIN, { type: 'timer-paused' }),
      ev(3 * MIN, { type: 'timer-resumed' }),
    ]);
    assert.equal(speakerAt(s, T0 + 4 * MIN)!.elapsedMs, 2 * MIN);
    const ended = applyEvent(s, ev(5 * MIN, { type: 'intervention-ended' }));
    assert.equal(sessionTranscript(ended)[0]!.durationMs, 3 * MIN);
  });

  test('when nobody has finished speaking yet, then the wait is a range around the planned time; later, around what was observed', () => {
    const early = replay(FIFO, [ask(0, 'a', 'room'), ask(1, 'b', 'room'), ask(2, 'c', 'room')]);
    assert.deepEqual(estimateWait(early, 'c', { now: T0 + 2, plannedSpeakingMs: 3 * MIN }), {
      ahead: 2,
      lowMs: 3 * MIN,
      highMs: 9 * MIN,
      basis: 'planned',
      sample: 0,
    });
    const log: QueueEvent[] = [];
    ['x', 'y', 'z'].forEach((id, i) =>
      log.push(
        ask(i * 10 * MIN, id, 'remote'),
        give(i * 10 * MIN, id),
        ev(i * 10 * MIN + (i + 1) * MIN, { type: 'intervention-ended' }),
      ),
    );
    const later = replay(FIFO, [...log, ask(31 * MIN, 'w', 'room'), ask(31 * MIN, 'v', 'room')]);
    const estimate = estimateWait(later, 'v', { now: T0 + 31 * MIN, plannedSpeakingMs: 10 * MIN })!;
    assert.deepEqual(estimate, {
      ahead: 1,
      lowMs: MIN,
      highMs: 3 * MIN,
      basis: 'observed',
      sample: 3,
    });
    assert.equal(estimateWait(later, 'x', { now: T0, plannedSpeakingMs: MIN }), null);
  });

  test('when one channel has fewer than five people, then it and a complementary cell are suppressed', () => {
    const log: QueueEvent[] = [];
    const add = (channel: Channel, count: number) => {
      for (let i = 0; i < count; i++)
        log.push(ask(log.length, `${channel}${i}`, channel, { attributes: { group: 'academia' } }));
    };
    add('room', 6);
    add('remote', 7);
    add('hub', 2);
    const published = fairness(replay(FIFO, log));
    const byKey = Object.fromEntries(published.channel.map((c) => [c.key, c.suppressed]));
    assert.deepEqual(byKey, { hub: 'small', remote: false, room: 'withheld' });
    assert.deepEqual(
      published.group.map((c) => c.suppressed),
      [false],
    );
  });
});
