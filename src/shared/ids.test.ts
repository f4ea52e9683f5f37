import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newId } from './ids.ts';

test('ids are random, not ordered by creation time', () => {
  const ids = Array.from({ length: 2000 }, () => newId());
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.every((id) => /^[0-9a-z]{20}$/.test(id)));
  // Consecutive ids made within the same millisecond would share a prefix if time-based.
  const sharedPrefix = ids
    .slice(1)
    .filter((id, i) => id.slice(0, 6) === ids[i]?.slice(0, 6)).length;
  assert.ok(sharedPrefix < 5, `${sharedPrefix} consecutive ids share a 6-character prefix`);
});
