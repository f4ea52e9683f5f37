import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../../shared/actor.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
} from '../../testing/test-app.ts';

const DAY = 24 * 3600 * 1000;

for (const dialect of testDialects()) {
  describe(`an organisation's own record (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect);
    });
    after(() => t.close());

    test('when members open it, then they see what was submitted on its behalf and what it co-signed; others may not', async () => {
      const member = await signedInClient(t, 'member@example.org', 'member password 1', 'Member');
      const memberUser = await t.services.accounts.findUserByEmail('member@example.org');
      const memberActor: Actor = {
        user: {
          id: memberUser?.id ?? '',
          email: 'member@example.org',
          displayName: 'Member',
          emailConfirmed: true,
        },
        grants: [],
      };
      const org = await t.services.organisations.createOrganisation(memberActor, {
        name: 'Open Source Org',
        stakeholderGroup: 'technical_community',
        country: null,
        website: null,
        description: '',
      });
      const adminId = await t.services.accounts.createConfirmedUser({
        email: 'admin@example.org',
        password: 'admin password 1',
        displayName: 'Admin',
      });
      const admin: Actor = {
        user: {
          id: adminId,
          email: 'admin@example.org',
          displayName: 'Admin',
          emailConfirmed: true,
        },
        grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
      };
      const process = await t.services.processes.openProcess(admin, {
        title: 'P',
        convener: 'C',
        description: '',
        frameworks: [],
      });
      const local = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');
      const c = await t.services.consultations.createConsultation(admin, process.slug, {
        title: 'Record consultation',
        context: '',
        languages: ['en'],
        eligibility: 'open',
        rule: 'chatham_house',
        opensAtLocal: local(-DAY),
        closesAtLocal: local(DAY),
        timeZone: 'UTC',
      });
      await t.services.consultations.saveQuestions(admin, c.slug, [{ text: 'Q?', help: '' }]);
      await t.services.consultations.publishConsultation(admin, c.slug);
      const own = await t.services.submissions.submit(memberActor, c.slug, {
        idempotencyKey: 'k1',
        organisationSlug: org.slug,
        language: 'en',
        freeText: 'Ours.',
        answers: [],
      });
      await t.services.submissions.moderate(admin, own.id, { action: 'publish' });
      const other = await t.services.submissions.submit(admin, c.slug, {
        idempotencyKey: 'k2',
        language: 'en',
        freeText: 'Theirs.',
        answers: [],
      });
      await t.services.submissions.inviteCosignatory(admin, other.id, org.slug);

      const page = await member.get(`/organisations/${org.slug}/activity`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Record consultation/);
      assert.match(page.body, new RegExp(`/submissions/${own.id}`));
      assert.match(page.body, /Invited|invited/);
      assert.doesNotMatch(page.body, /Admin/, 'authors are not named');

      const stranger = await signedInClient(t, 'stranger@example.org', 'stranger password 1');
      assert.equal((await stranger.get(`/organisations/${org.slug}/activity`)).statusCode, 403);
      assert.equal((await t.client().get(`/organisations/${org.slug}/activity`)).statusCode, 303);
      assert.equal((await member.get('/organisations/nobody-here/activity')).statusCode, 404);
    });
  });
}
