import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openConversation } from '../features/deliberation/deliberation.fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../testing/test-app.ts';
import { anonymousActor } from './actor.ts';
import { AppError, ERROR_STATUS, ValidationError } from './errors.ts';

test('every error code has one HTTP error status, and errors take theirs from the catalogue', () => {
  for (const [code, status] of Object.entries(ERROR_STATUS)) {
    assert.ok(status >= 400 && status < 600, `${code}: ${status}`);
    assert.equal(new AppError(code as keyof typeof ERROR_STATUS, 'x').status, status);
  }
  assert.equal(ValidationError({ name: 'errors.required' }).status, 422);
});

for (const dialect of testDialects()) {
  describe(`one status per error code (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when a guest joins without a guest key, then guest_required is 401 as when a guest votes before joining', async () => {
      const { slug } = await openConversation(t, {
        title: 'Guest codes',
        seeds: ['One'],
        allowGuests: true,
      });
      const failure = await t.services.deliberation.participation
        .joinAsGuest({ actor: anonymousActor, guestKey: null }, slug, {
          stakeholderGroup: 'government',
          country: '',
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      assert.ok(failure instanceof AppError);
      assert.equal(failure.code, 'guest_required');
      assert.equal(failure.status, 401);
    });
  });
}
