import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';
import type { Actor } from '../../shared/actor.ts';
import { participationFixture, type Participation } from '../submissions/participation.fixtures.ts';
import { actorFor } from '../../testing/factories.ts';

for (const dialect of testDialects()) {
  describe(`consultation pages (${dialect})`, () => {
    let t: TestApp;
    let f: Participation;
    let author: Actor;
    let authorClient: TestClient;
    before(async () => {
      t = await startTestApp(dialect);
      f = await participationFixture(t);
      authorClient = await signedInClient(
        t,
        'hidden.author@example.org',
        'author password 1',
        'Hidden Author',
      );
      author = await actorFor(t, 'hidden.author@example.org', 'Hidden Author');
    });
    after(() => t.close());

    const submit = (
      slug: string,
      key: string,
      freeText: string,
      extra: { organisationSlug?: string; language?: string } = {},
    ) =>
      t.services.submissions.submit(author, slug, {
        idempotencyKey: key,
        language: extra.language ?? 'en',
        freeText,
        answers: [],
        organisationSlug: extra.organisationSlug ?? null,
      });

    test('when visitors list consultations, then each shows its phase, dates in its named time zone and rule, and filters narrow the list', async () => {
      await f.openConsultation({ title: 'Listed Chatham', rule: 'chatham_house' });
      const other = await participationFixture(t, 'IGF 2026');
      await other.openConsultation({ title: 'Listed Attributed', rule: 'attributed' });
      const draft = await t.services.consultations.createConsultation(
        f.secretariat,
        f.processSlug,
        {
          title: 'Hidden Draft',
          context: '',
          languages: ['en'],
          eligibility: 'open',
          rule: 'attributed',
          opensAtLocal: '2030-01-01T09:00',
          closesAtLocal: '2030-02-01T09:00',
          timeZone: 'UTC',
        },
      );

      const all = await t.client().get('/consultations');
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /Listed Chatham/);
      assert.match(all.body, /Listed Attributed/);
      assert.doesNotMatch(all.body, new RegExp(draft.title), 'drafts are not listed');
      assert.match(all.body, /Chatham House rule: what is said is published, who said it is not\./);
      assert.match(all.body, /Africa\/Nairobi/, 'the time zone is named');
      assert.match(all.body, /Open for submissions/);

      const byProcess = await t.client().get('/consultations?process=igf-2026');
      assert.match(byProcess.body, /Listed Attributed/);
      assert.doesNotMatch(byProcess.body, /Listed Chatham/);
      assert.match(byProcess.body, /<option value="igf-2026" selected/);
      assert.match(
        (await t.client().get('/consultations?phase=closed')).body,
        /No consultation matches these filters/,
      );
      assert.match(
        (await t.client().get('/consultations?language=ar')).body,
        /No consultation matches these filters/,
      );
      assert.match(
        (await t.client().get('/consultations?language=fr&phase=open')).body,
        /Listed Chatham/,
      );
      assert.match(
        (await t.client().get('/consultations?process=nope')).body,
        /No consultation matches/,
      );
      const french = await t.client().get('/consultations?lang=fr');
      assert.match(french.body, /<html lang="fr"/);
      assert.match(french.body, /\d{1,2} \w+ 20\d\d/u, 'dates in French word order');
    });

    test('when a visitor reads a consultation, then the context is safe Markdown, questions have their help, and they are invited to sign in', async () => {
      const c = await f.openConsultation({
        title: 'Context Page',
        rule: 'attributed',
        context: 'Read **this**.\n\n<script>alert(1)</script> [link](javascript:alert(1))',
      });
      const page = await t.client().get(`/consultations/${c.slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<strong>this<\/strong>/);
      assert.doesNotMatch(page.body, /<script>alert|href="javascript:/);
      assert.match(page.body, /What should change\?/);
      assert.match(page.body, /Think about access and cost\./);
      assert.match(page.body, /Sign in to write a submission/);
      assert.match(
        (await authorClient.get(`/consultations/${c.slug}`)).body,
        new RegExp(`href="/consultations/${c.slug}/submit"`),
      );
      const draft = await t.services.consultations.createConsultation(
        f.secretariat,
        f.processSlug,
        {
          title: 'Unpublished Page',
          context: '',
          languages: ['en'],
          eligibility: 'open',
          rule: 'attributed',
          opensAtLocal: '2030-01-01T09:00',
          closesAtLocal: '2030-02-01T09:00',
          timeZone: 'UTC',
        },
      );
      assert.equal((await t.client().get(`/consultations/${draft.slug}`)).statusCode, 404);
      assert.equal(
        (await authorClient.get(`/consultations/${draft.slug}/moderation-log`)).statusCode,
        404,
      );
    });

    test('when the rule is chatham_house, then no public page names the author, their e-mail, id or organisations', async () => {
      const c = await f.openConsultation({ title: 'Chatham Leak Check', rule: 'chatham_house' });
      const cosigner = await actorFor(t, 'cosigner@example.org', 'Cosigning Person');
      const own = await f.organisation('Secret Author Org', [author]);
      const partner = await f.organisation('Partner Cosign Org', [cosigner]);
      const s = await submit(
        c.slug,
        'chatham-key-0001',
        'Say it without names.\n\nSecond paragraph.',
        { organisationSlug: own.slug, language: 'fr' },
      );
      await t.services.submissions.inviteCosignatory(author, s.id, partner.slug);
      await t.services.submissions.decideCosignature(cosigner, s.id, partner.slug, 'confirmed');
      await f.publish(s.id);

      const identities = [
        /Hidden Author/,
        /hidden\.author@example\.org/,
        new RegExp(author.user?.id ?? 'x'),
        /Secret Author Org/,
        /secret-author-org/,
        /Partner Cosign Org/,
        /partner-cosign-org/,
        /Cosigning Person/,
      ];
      for (const path of [
        '/consultations',
        `/consultations/${c.slug}`,
        `/submissions/${s.id}`,
        `/consultations/${c.slug}/moderation-log`,
        '/transparency',
      ]) {
        for (const client of [t.client(), authorClient]) {
          const page = await client.get(path);
          assert.equal(page.statusCode, 200, path);
          for (const pattern of identities)
            assert.doesNotMatch(page.body, pattern, `${path} leaks ${pattern}`);
        }
      }
      const page = await t.client().get(`/submissions/${s.id}`);
      assert.match(page.body, /Say it without names\./);
      assert.match(page.body, /<div class="submission-text" lang="fr" dir="auto">/);
      assert.match(page.body, /Joint submission, co-signed by 1 organisation/);
      assert.match(page.body, /Submission published on/);
    });

    test('when the rule is attributed, then the author, their organisation and only confirmed co-signatories are shown', async () => {
      const c = await f.openConsultation({ title: 'Attributed Names', rule: 'attributed' });
      const yes = await actorFor(t, 'yes@example.org', 'Yes Member');
      const no = await actorFor(t, 'no@example.org', 'No Member');
      const own = await f.organisation('Named Author Org', [author]);
      const confirmed = await f.organisation('Confirming Org', [yes]);
      const declined = await f.organisation('Declining Org', [no]);
      const pending = await f.organisation('Silent Org', [no]);
      const s = await submit(c.slug, 'attributed-key-0001', 'Signed text.', {
        organisationSlug: own.slug,
      });
      for (const org of [confirmed, declined, pending])
        await t.services.submissions.inviteCosignatory(author, s.id, org.slug);
      await t.services.submissions.decideCosignature(yes, s.id, confirmed.slug, 'confirmed');
      await t.services.submissions.decideCosignature(no, s.id, declined.slug, 'declined');
      await f.publish(s.id);
      const page = (await t.client().get(`/consultations/${c.slug}`)).body;
      assert.match(page, /By Hidden Author, on behalf of Named Author Org/);
      assert.match(page, /Co-signed by Confirming Org/);
      assert.doesNotMatch(page, /Declining Org|Silent Org/);
    });

    test('when there are more submissions than a page, then older ones follow an id cursor', async () => {
      const c = await f.openConsultation({ title: 'Many Submissions', rule: 'chatham_house' });
      for (let i = 1; i <= 22; i++)
        await f.publish(
          (
            await submit(
              c.slug,
              `many-key-${String(i).padStart(4, '0')}-x`,
              `Submission number ${i}.`,
            )
          ).id,
        );
      const first = await t.client().get(`/consultations/${c.slug}`);
      assert.equal((first.body.match(/<article class="submission"/g) ?? []).length, 20);
      const older = /href="(\/consultations\/[^"?]+\?before=[^"]+)"/.exec(first.body)?.[1];
      assert.ok(older, 'a link to older submissions');
      assert.doesNotMatch(older, /\d{4}-\d{2}-\d{2}T|%3A/, 'no timestamp in the cursor');
      const second = await t.client().get(older.replace(/&amp;/g, '&'));
      assert.equal((second.body.match(/<article class="submission"/g) ?? []).length, 2);
      assert.match(second.body, /Newest submissions/);
      assert.doesNotMatch(second.body, /Older submissions/);
    });

    test('when submissions are rejected, then the moderation log counts them by reason, without content or author', async () => {
      const c = await f.openConsultation({ title: 'Moderated Log', rule: 'attributed' });
      for (const [key, text, category] of [
        ['mod-key-00000001', 'Buy cheap pills', 'spam'],
        ['mod-key-00000002', 'More pills', 'spam'],
        ['mod-key-00000003', 'Football scores', 'off_topic'],
      ] as const) {
        const s = await submit(c.slug, key, text);
        await t.services.submissions.moderate(f.secretariat, s.id, {
          action: 'reject',
          category,
          note: 'private note',
        });
      }
      const page = await t.client().get(`/consultations/${c.slug}/moderation-log`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /3 rejected submissions, by reason/);
      assert.match(page.body, /Spam or advertising<\/th><td>2</);
      assert.match(page.body, /Off topic<\/th><td>1</);
      assert.doesNotMatch(page.body, /pills|Football|private note|Hidden Author/);
      const empty = await f.openConsultation({ title: 'Clean Log', rule: 'attributed' });
      assert.match(
        (await t.client().get(`/consultations/${empty.slug}/moderation-log`)).body,
        /No submission has been rejected/,
      );
    });
  });
}
