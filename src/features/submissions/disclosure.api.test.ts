// The participation rule through the API: under chatham_house and anonymous no response, public or
// to the author, carries the author's name, e-mail, user id or organisation — nor a co-signer's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  grant,
  person,
  publishedSubmission,
  seedConsultation,
  seedProcess,
  type Person,
} from '../../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

const org = { stakeholderGroup: 'civil_society', country: null, website: null, description: '' };

for (const dialect of testDialects()) {
  describe(`the participation rule in the API (${dialect})`, () => {
    let t: TestApp;
    let secretariat: Person;
    let author: Person;
    let cosigner: Person;
    let secrets: string[];
    before(async () => {
      t = await startTestApp(dialect);
      const admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      secretariat = await person(t, 'sec@example.org', 'Secretariat');
      author = await person(t, 'zanele.hidden@example.org', 'Zanele Hiddenname');
      cosigner = await person(t, 'cosign.hidden@example.org', 'Quentin Cosigner');
      const authorOrg = await t.services.organisations.createOrganisation(author.actor, {
        ...org,
        name: 'Secret Rural Collective',
      });
      const partner = await t.services.organisations.createOrganisation(cosigner.actor, {
        ...org,
        name: 'Discreet Partner Alliance',
      });
      secrets = [
        author.actor.user?.displayName ?? '',
        author.email,
        author.id,
        authorOrg.name,
        authorOrg.slug,
        authorOrg.id,
        cosigner.actor.user?.displayName ?? '',
        cosigner.email,
        cosigner.id,
        partner.name,
        partner.slug,
        partner.id,
      ];
      const process = await seedProcess(t, admin, secretariat, 'Ottawa Agenda');
      await seedConsultation(t, secretariat, process.slug, 'Chatham round', {
        rule: 'chatham_house',
      });
      await seedConsultation(t, secretariat, process.slug, 'Anonymous round', {
        rule: 'anonymous',
      });
    });
    after(() => t.close());

    function assertNoIdentity(label: string, body: string): void {
      for (const secret of secrets)
        assert.ok(!body.includes(secret), `${label} reveals "${secret}"`);
    }

    for (const slug of ['chatham-round', 'anonymous-round']) {
      test(`when a co-signed organisational submission is published under ${slug}, then no API response names anyone`, async () => {
        const body = {
          idempotencyKey: `hidden-${slug}`,
          organisation: 'secret-rural-collective',
          freeText: 'Rural women lack access.',
          answers: [],
        };
        const id = await publishedSubmission(t, author, secretariat, slug, body);
        const invited = await api(t, 'POST', `/api/v1/submissions/${id}/cosignatories`, {
          token: author.token,
          body: { organisation: 'discreet-partner-alliance' },
        });
        assert.equal(invited.status, 200);
        await api(t, 'POST', `/api/v1/submissions/${id}/cosignatures/discreet-partner-alliance`, {
          token: cosigner.token,
          body: { decision: 'confirmed' },
        });
        const receipt = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
          token: author.token,
          body: { ...body, language: 'en', submit: true },
        });
        assert.equal(receipt.status, 200);
        const one = await api(t, 'GET', `/api/v1/submissions/${id}`);
        assert.equal(one.json.author, null);
        assert.deepEqual(
          [one.json.cosignatories, one.json.cosignatoryCount],
          [[], 1],
          'a joint text says so without saying who',
        );
        assert.equal(one.json.freeText, 'Rural women lack access.');
        const reads = [
          `/api/v1/submissions/${id}`,
          `/api/v1/consultations/${slug}/submissions`,
          `/api/v1/consultations/${slug}`,
          `/api/v1/consultations/${slug}/questions`,
          `/api/v1/consultations/${slug}/moderation-log`,
          '/api/v1/consultations',
          '/api/v1/processes/ottawa-agenda',
          '/api/v1/transparency?limit=100',
          '/api/v1/transparency/verify',
        ];
        for (const url of reads) {
          const response = await api(t, 'GET', url);
          assert.equal(response.status, 200, url);
          assertNoIdentity(url, response.body);
          assertNoIdentity(
            `${url} (read with the author's token)`,
            (await api(t, 'GET', url, { token: author.token })).body,
          );
        }
        assertNoIdentity('the author’s receipt', receipt.body);
        // The invitation answer echoes the organisation the author chose to invite, and only to them.
        assertNoIdentity(
          'the co-signature answer',
          invited.body.replace('discreet-partner-alliance', ''),
        );
      });
    }
  });
}
