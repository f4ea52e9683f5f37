import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import { participationFixture, testClock, type Participation } from './participation.fixtures.ts';
import { actorFor } from '../../testing/factories.ts';

const DAY = 24 * 3600 * 1000;

function keyIn(body: string): string {
  const key = /name="idempotencyKey" value="([^"]+)"/.exec(body)?.[1];
  if (!key) throw new Error('no idempotency key in the form');
  return key;
}

for (const dialect of testDialects()) {
  describe(`writing submissions over HTTP (${dialect})`, () => {
    const clock = testClock();
    let t: TestApp;
    let f: Participation;
    let author: TestClient;
    before(async () => {
      t = await startTestApp(dialect, { clock });
      f = await participationFixture(t);
      author = await signedInClient(t, 'writer@example.org', 'writer password 1', 'Wanda Writer');
    });
    after(() => t.close());

    async function authorActor() {
      return actorFor(t, 'writer@example.org', 'Wanda Writer');
    }

    test('when the author saves a draft and then submits the same form twice, then one submission exists and the draft came back', async () => {
      const c = await f.openConsultation({ title: 'Connectivity', rule: 'attributed' });
      const form = await author.get(`/consultations/${c.slug}/submit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /Think about access and cost\./, 'help text under the question');
      const key = keyIn(form.body);
      const fields = {
        idempotencyKey: key,
        [`answer-${c.questionIds[0]}`]: 'Cheaper backhaul.',
        freeText: '',
        language: 'en',
        organisation: '',
      };

      const draft = await author.post(`/consultations/${c.slug}/submit`, {
        ...fields,
        action: 'draft',
      });
      assert.equal(draft.statusCode, 303);
      const edit = await author.get(String(draft.headers.location));
      assert.match(edit.body, /Cheaper backhaul\./, 'the draft comes back in the form');
      assert.match((await author.get('/my/submissions')).body, /Draft/);

      const first = await author.post(`/consultations/${c.slug}/submit`, {
        ...fields,
        action: 'submit',
      });
      assert.equal(first.statusCode, 303);
      const retry = await author.post(`/consultations/${c.slug}/submit`, {
        ...fields,
        action: 'submit',
      });
      assert.equal(retry.statusCode, 303);
      assert.equal(
        retry.headers.location,
        first.headers.location,
        'the retry lands on the same submission',
      );
      assert.match(
        (await author.get(String(retry.headers.location))).body,
        /already been submitted/,
      );
      const mine = (await t.services.submissions.mine(await authorActor())).filter(
        (s) => s.consultationId === c.id,
      );
      assert.equal(mine.length, 1);
      assert.equal(mine[0]?.status, 'submitted');
    });

    test('when the author edits a submitted text before the deadline, then it becomes a new version with one save button', async () => {
      const c = await f.openConsultation({ title: 'Editing', rule: 'attributed' });
      const s = await t.services.submissions.submit(await authorActor(), c.slug, {
        idempotencyKey: 'edit-key-000001',
        language: 'en',
        freeText: 'First wording.',
        answers: [],
      });
      const form = await author.get(`/my/submissions/${s.id}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /First wording\./);
      assert.doesNotMatch(form.body, /value="draft"/, 'a submitted text has no draft button');
      const saved = await author.post(`/consultations/${c.slug}/submit`, {
        submissionId: s.id,
        idempotencyKey: keyIn(form.body),
        freeText: 'Second wording.',
        language: 'en',
        action: 'submit',
      });
      assert.equal(saved.statusCode, 303);
      const own = await author.get(`/my/submissions/${s.id}`);
      assert.match(own.body, /Second wording\./);
      assert.match(own.body, /Version 2/);
    });

    test('when fields are invalid or everything is empty, then the form comes back with 422, field errors and the text', async () => {
      const c = await f.openConsultation({ title: 'Invalid input', rule: 'attributed' });
      const key = keyIn((await author.get(`/consultations/${c.slug}/submit`)).body);
      const badLanguage = await author.post(`/consultations/${c.slug}/submit`, {
        idempotencyKey: key,
        [`answer-${c.questionIds[1]}`]: 'Rural women and girls.',
        language: 'klingon',
        action: 'submit',
      });
      assert.equal(badLanguage.statusCode, 422);
      assert.match(badLanguage.body, /Rural women and girls\./);
      assert.match(badLanguage.body, /aria-describedby="[^"]*error-language/);
      const empty = await author.post(`/consultations/${c.slug}/submit`, {
        idempotencyKey: keyIn(badLanguage.body),
        language: 'en',
        action: 'submit',
      });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Answer at least one question/);
      const notMine = await author.post(`/consultations/${c.slug}/submit`, {
        idempotencyKey: keyIn(empty.body),
        freeText: 'x',
        language: 'en',
        organisation: 'someone-elses-org',
        action: 'draft',
      });
      assert.equal(notMine.statusCode, 422);
      assert.match(notMine.body, /not a member of this organisation/);
    });

    test('when the deadline has passed, then submitting is refused with a clear message and the typed text is kept', async () => {
      const c = await f.openConsultation({
        title: 'Short deadline',
        rule: 'attributed',
        closesInDays: 1,
      });
      const key = keyIn((await author.get(`/consultations/${c.slug}/submit`)).body);
      clock.advance(2 * DAY);
      try {
        const late = await author.post(`/consultations/${c.slug}/submit`, {
          idempotencyKey: key,
          freeText: 'My late but careful text.',
          language: 'en',
          action: 'submit',
        });
        assert.equal(late.statusCode, 409);
        assert.match(late.body, /The deadline has passed/);
        assert.match(late.body, /My late but careful text\./);
        assert.equal((await author.get(`/consultations/${c.slug}/submit`)).statusCode, 409);
      } finally {
        clock.advance(-2 * DAY);
      }
    });

    test('when the CSRF token is forged or the session is gone, then nothing is saved and the text comes back', async () => {
      const c = await f.openConsultation({ title: 'Forgery', rule: 'attributed' });
      const key = keyIn((await author.get(`/consultations/${c.slug}/submit`)).body);
      const forged = await author.post(
        `/consultations/${c.slug}/submit`,
        {
          idempotencyKey: key,
          freeText: 'Text typed before the forgery.',
          language: 'en',
          action: 'submit',
        },
        { csrf: 'forged-token' },
      );
      assert.equal(forged.statusCode, 403);
      assert.match(forged.body, /Nothing was saved/);
      assert.match(forged.body, /Text typed before the forgery\./);
      assert.match(
        forged.body,
        new RegExp(`value="${key}"`),
        'the same idempotency key, so sending again is safe',
      );

      const visitor = t.client();
      await visitor.get(`/consultations/${c.slug}`);
      const signedOut = await visitor.post(`/consultations/${c.slug}/submit`, {
        idempotencyKey: key,
        freeText: 'Typed while signed out.',
        language: 'en',
        action: 'submit',
      });
      assert.equal(signedOut.statusCode, 401);
      assert.match(signedOut.body, /Typed while signed out\./);
      const mine = (await t.services.submissions.mine(await authorActor())).filter(
        (s) => s.consultationId === c.id,
      );
      assert.equal(mine.length, 0);
    });

    test('when a submission is not published, then its public page is 404 even for its author, who has their own view', async () => {
      const c = await f.openConsultation({ title: 'Own view', rule: 'attributed' });
      const s = await t.services.submissions.submit(await authorActor(), c.slug, {
        idempotencyKey: 'own-view-key-0001',
        language: 'fr',
        freeText: 'Texte en français.',
        answers: [],
      });
      assert.equal((await author.get(`/submissions/${s.id}`)).statusCode, 404);
      const own = await author.get(`/my/submissions/${s.id}`);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /Texte en français\./);
      assert.match(own.body, /Version 1/);
      const other = await signedInClient(t, 'nosy@example.org', 'nosy password 1', 'Nosy');
      assert.equal((await other.get(`/my/submissions/${s.id}`)).statusCode, 404);
      assert.equal((await other.get(`/my/submissions/${s.id}/edit`)).statusCode, 404);
    });

    test('when the author withdraws after confirming, then the submission leaves the public pages', async () => {
      const c = await f.openConsultation({ title: 'Withdrawal', rule: 'attributed' });
      const s = await t.services.submissions.submit(await authorActor(), c.slug, {
        idempotencyKey: 'withdraw-key-0001',
        language: 'en',
        freeText: 'Soon withdrawn text.',
        answers: [],
      });
      await f.publish(s.id);
      assert.match(
        (await t.client().get(`/consultations/${c.slug}`)).body,
        /Soon withdrawn text\./,
      );
      const confirm = await author.get(`/my/submissions/${s.id}/withdraw`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Withdraw this submission\?/);
      assert.equal((await author.post(`/my/submissions/${s.id}/withdraw`)).statusCode, 303);
      assert.doesNotMatch(
        (await t.client().get(`/consultations/${c.slug}`)).body,
        /Soon withdrawn text\./,
      );
      assert.equal((await t.client().get(`/submissions/${s.id}`)).statusCode, 404);
      assert.match((await author.get(`/my/submissions/${s.id}`)).body, /Withdrawn/);
    });

    test('when a consultation is by invitation, then others are refused and told why', async () => {
      const c = await f.openConsultation({
        title: 'Invited only',
        rule: 'attributed',
        eligibility: 'invited',
      });
      const form = await author.get(`/consultations/${c.slug}/submit`);
      assert.equal(form.statusCode, 403);
      assert.match(form.body, /You cannot submit here/);
      assert.match(
        (await author.get(`/consultations/${c.slug}`)).body,
        /You cannot submit to this consultation/,
      );
    });

    test('when an author invites an organisation to co-sign, then only its members can confirm, and only then does it show', async () => {
      const c = await f.openConsultation({ title: 'Co-signing', rule: 'attributed' });
      const writer = await authorActor();
      const own = await f.organisation('Writers Guild', [writer]);
      const memberActor = await actorFor(t, 'partner.member@example.org', 'Partner Member');
      const partner = await f.organisation('Partner Network', [memberActor]);
      const s = await t.services.submissions.submit(writer, c.slug, {
        idempotencyKey: 'cosign-key-00001',
        language: 'en',
        freeText: 'Please co-sign this.',
        answers: [],
        organisationSlug: own.slug,
      });

      await author.get(`/my/submissions/${s.id}`);
      const unknown = await author.post(`/my/submissions/${s.id}/cosignatories`, {
        organisation: 'no-such-org',
      });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /aria-invalid="true"/);
      const itself = await author.post(`/my/submissions/${s.id}/cosignatories`, {
        organisation: own.slug,
      });
      assert.equal(itself.statusCode, 422);
      assert.match(itself.body, /cannot co-sign its own submission/);
      assert.equal(
        (await author.post(`/my/submissions/${s.id}/cosignatories`, { organisation: partner.slug }))
          .statusCode,
        303,
      );
      assert.match(
        (await author.get(`/my/submissions/${s.id}`)).body,
        /Partner Network: invited, no answer yet/,
      );

      const stranger = await signedInClient(
        t,
        'stranger.cosign@example.org',
        'stranger password 1',
        'Stranger',
      );
      assert.doesNotMatch((await stranger.get('/my/cosignatures')).body, /Please co-sign this\./);
      const refused = await stranger.post(`/my/cosignatures/${s.id}`, {
        organisation: partner.slug,
        decision: 'confirmed',
      });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Only members of the organisation can co-sign/);

      const member = await signedInClient(t, 'partner.member@example.org', 'long password 123');
      const requests = await member.get('/my/cosignatures');
      assert.match(requests.body, /Partner Network is asked to co-sign/);
      assert.match(requests.body, /Please co-sign this\./);
      await f.publish(s.id);
      assert.doesNotMatch(
        (await t.client().get(`/submissions/${s.id}`)).body,
        /Partner Network/,
        'not before confirming',
      );
      assert.equal(
        (
          await member.post(`/my/cosignatures/${s.id}`, {
            organisation: partner.slug,
            decision: 'confirmed',
          })
        ).statusCode,
        303,
      );
      assert.match(
        (await t.client().get(`/submissions/${s.id}`)).body,
        /Co-signed by Partner Network/,
      );
      assert.match(
        (await author.get(`/my/submissions/${s.id}`)).body,
        /Partner Network: confirmed/,
      );
    });

    test('when someone opts out of deadline reminders, then it is recorded and can be undone', async () => {
      const page = await author.get('/my/notifications');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<label for="field-remindersOptOut">/);
      assert.equal(
        (await author.post('/my/notifications', { remindersOptOut: 'yes' })).statusCode,
        303,
      );
      const id = (await authorActor()).user?.id ?? '';
      assert.notEqual(await t.services.accounts.remindersOptOutAt(id), null);
      assert.match((await author.get('/my/notifications')).body, /checked/);
      await author.post('/my/notifications', {});
      assert.equal(await t.services.accounts.remindersOptOutAt(id), null);
    });
  });
}
