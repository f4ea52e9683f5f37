import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { divisiveness, pickNext, priority } from './next-statement.ts';

test('when statements differ only in votes, then the one with fewer votes comes first', () => {
  fc.assert(
    fc.property(fc.nat({ max: 500 }), fc.nat({ max: 500 }), fc.string(), (a, b, who) => {
      fc.pre(Math.abs(a - b) > Math.max(a, b) * 0.5 + 2);
      const next = pickNext(
        [
          { number: 1, votes: a, divisiveness: 0 },
          { number: 2, votes: b, divisiveness: 0 },
        ],
        who,
      );
      assert.equal(next?.votes, Math.min(a, b));
    }),
  );
});

test('when statements have the same votes, then the one that separates the groups comes first', () => {
  const next = pickNext(
    [
      { number: 1, votes: 20, divisiveness: 0.05 },
      { number: 2, votes: 20, divisiveness: 0.8 },
    ],
    'p',
  );
  assert.equal(next?.number, 2);
});

test('when the same participant asks twice, then they get the same statement; different participants may differ', () => {
  const candidates = Array.from({ length: 30 }, (_, i) => ({
    number: i,
    votes: 10,
    divisiveness: 0.3,
  }));
  assert.equal(pickNext(candidates, 'alice')?.number, pickNext(candidates, 'alice')?.number);
  const firsts = new Set(
    ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((p) => pickNext(candidates, p)?.number),
  );
  assert.ok(firsts.size > 1, 'the jitter spreads participants over equal statements');
  assert.ok(priority({ number: 0, votes: 0, divisiveness: 0 }, 'x') > 0);
});

test('divisiveness is the spread of smoothed agreement across groups that voted', () => {
  assert.equal(divisiveness([{ A: 10, S: 10 }]), 0);
  assert.ok(
    Math.abs(
      divisiveness([
        { A: 10, S: 10 },
        { A: 0, S: 10 },
      ]) -
        (11 / 12 - 1 / 12),
    ) < 1e-12,
  );
  assert.equal(
    divisiveness([
      { A: 5, S: 5 },
      { A: 0, S: 0 },
    ]),
    0,
    'a group that did not vote does not count',
  );
});
