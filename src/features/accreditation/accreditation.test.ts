import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import {
  actorOf,
  adminClient,
  createProcess,
  secretariatClient,
} from '../consultations/secretariat.fixtures.ts';

for (const dialect of testDialects()) {
  describe(`accreditation pages (${dialect})`, () => {
    let t: TestApp;
    let secretariat: TestClient;
    let owner: TestClient;
    let member: TestClient;
    let slug: string;

    async function createOrganisation(client: TestClient, name: string): Promise<void> {
      await client.get('/organisations/new');
      assert.equal(
        (await client.post('/organisations/new', { name, stakeholderGroup: 'civil_society' }))
          .statusCode,
        303,
      );
    }

    before(async () => {
      t = await startTestApp(dialect);
      const admin = await adminClient(t);
      slug = await createProcess(admin, 'IGF 2026');
      secretariat = await secretariatClient(t, admin, slug, 'sec@example.org');
      owner = await signedInClient(t, 'owner@example.org', 'owner password 1', 'Org Owner');
      await createOrganisation(owner, 'Digital Rights Network');
      await createOrganisation(owner, 'Second Network');
      member = await signedInClient(t, 'member@example.org', 'member password 1');
      await owner.get('/organisations/digital-rights-network');
      await owner.post('/organisations/digital-rights-network/invitations', {
        email: 'member@example.org',
        role: 'member',
      });
      const invitation =
        /\/invitations\/\S+/.exec((await t.lastMailTo('member@example.org'))?.text ?? '')?.[0] ??
        '';
      await member.get(invitation);
      await member.post(invitation);
    });
    after(() => t.close());

    test('when a visitor or a plain member looks at the process page, then they are told how accreditation works but get no form', async () => {
      const visitor = await t.client().get(`/processes/${slug}`);
      assert.match(visitor.body, /Sign in to ask accreditation/);
      const plainMember = await member.get(`/processes/${slug}`);
      assert.match(plainMember.body, /Owners and administrators of an organisation can ask/);
      assert.doesNotMatch(plainMember.body, /accreditations\/request/);
      assert.equal(
        (
          await t.client().post(`/processes/${slug}/accreditations/request`, {
            organisation: 'digital-rights-network',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (
          await member.post(`/processes/${slug}/accreditations/request`, {
            organisation: 'digital-rights-network',
          })
        ).statusCode,
        403,
      );
    });

    test('when an owner asks without choosing an organisation, then the form comes back with 422', async () => {
      await owner.get(`/processes/${slug}`);
      const response = await owner.post(`/processes/${slug}/accreditations/request`, {
        organisation: '',
        motivation: 'kept motivation',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /href="#field-organisation"/);
      assert.match(response.body, /kept motivation<\/textarea>/);
    });

    test('when an owner asks, then the secretariat sees the request, and asking twice is refused politely', async () => {
      await owner.get(`/processes/${slug}`);
      const asked = await owner.post(`/processes/${slug}/accreditations/request`, {
        organisation: 'digital-rights-network',
        motivation: 'We work on access.',
      });
      assert.equal(asked.statusCode, 303);
      assert.match(
        (await owner.get(`/processes/${slug}`)).body,
        /Digital Rights Network: Waiting for the secretariat/,
      );
      const again = await owner.post(`/processes/${slug}/accreditations/request`, {
        organisation: 'digital-rights-network',
      });
      assert.equal(again.statusCode, 422);
      assert.match(again.body, /already asked for accreditation/);
      const review = await secretariat.get(`/processes/${slug}/accreditations`);
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /We work on access\./);
    });

    test('when someone outside the secretariat opens the review page, then a visitor is sent to sign in and others are refused', async () => {
      assert.equal((await t.client().get(`/processes/${slug}/accreditations`)).statusCode, 303);
      assert.equal((await owner.get(`/processes/${slug}/accreditations`)).statusCode, 403);
      const [request] = await t.services.accreditation.listForProcess(
        await actorOf(t, 'sec@example.org'),
        (await t.services.processes.viewProcess(slug)).process.id,
      );
      await owner.get('/organisations');
      assert.equal(
        (
          await owner.post(`/processes/${slug}/accreditations/${request?.id}/decide`, {
            decision: 'accepted',
          })
        ).statusCode,
        403,
      );
    });

    test('when the secretariat refuses without a reason, then it is asked for one; with a reason the organisation sees it', async () => {
      await owner.get(`/processes/${slug}`);
      await owner.post(`/processes/${slug}/accreditations/request`, {
        organisation: 'second-network',
      });
      const processId = (await t.services.processes.viewProcess(slug)).process.id;
      const request = (
        await t.services.accreditation.listForProcess(
          await actorOf(t, 'sec@example.org'),
          processId,
        )
      ).find((r) => r.slug === 'second-network');
      await secretariat.get(`/processes/${slug}/accreditations`);
      const bare = await secretariat.post(
        `/processes/${slug}/accreditations/${request?.id}/decide`,
        { decision: 'refused', reason: '' },
      );
      assert.equal(bare.statusCode, 422);
      assert.match(bare.body, new RegExp(`href="#reason-${request?.id}"`));
      assert.match(bare.body, /Give a reason/);
      const refused = await secretariat.post(
        `/processes/${slug}/accreditations/${request?.id}/decide`,
        { decision: 'refused', reason: 'Not active in the region.' },
      );
      assert.equal(refused.statusCode, 303);
      assert.match(
        (await owner.get(`/processes/${slug}`)).body,
        /Second Network: Refused<span dir="auto"> — Reason: Not active in the region\.<\/span>/,
      );
      assert.equal(
        await t.services.accreditation.statusOf(
          processId,
          (
            await t.services.organisations.myOrganisations(await actorOf(t, 'owner@example.org'))
          ).find((o) => o.slug === 'second-network')?.id ?? '',
        ),
        'refused',
      );
    });

    test('when the secretariat accepts, then the organisation is listed publicly as accredited', async () => {
      const processId = (await t.services.processes.viewProcess(slug)).process.id;
      const request = (
        await t.services.accreditation.listForProcess(
          await actorOf(t, 'sec@example.org'),
          processId,
        )
      ).find((r) => r.slug === 'digital-rights-network');
      await secretariat.get(`/processes/${slug}/accreditations`);
      assert.equal(
        (
          await secretariat.post(`/processes/${slug}/accreditations/${request?.id}/decide`, {
            decision: 'accepted',
          })
        ).statusCode,
        303,
      );
      const page = await t.client().get(`/processes/${slug}`);
      assert.match(
        page.body,
        /<a href="\/organisations\/digital-rights-network">Digital Rights Network<\/a> — Civil society/,
      );
      assert.doesNotMatch(page.body, /Second Network/);
    });
  });
}
