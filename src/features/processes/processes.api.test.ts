import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  api,
  grant,
  person,
  seedConsultation,
  seedProcess,
  type Person,
} from '../../testing/api-fixtures.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';

for (const dialect of testDialects()) {
  describe(`/api/v1/processes (${dialect})`, () => {
    let t: TestApp;
    let admin: Person;
    let secretariat: Person;
    let visitorToken: string;
    before(async () => {
      t = await startTestApp(dialect);
      admin = await person(t, 'admin@example.org', 'Admin');
      await grant(t, admin, 'instance_admin');
      secretariat = await person(t, 'sec@example.org', 'Secretariat');
      visitorToken = (await person(t, 'plain@example.org')).token;
      const wsis = await seedProcess(t, admin, secretariat, 'WSIS+20 review');
      await seedProcess(t, admin, secretariat, 'IGF 2026');
      await seedProcess(t, admin, secretariat, 'Ottawa Agenda');
      await t.services.processes.addMilestone(secretariat.actor, wsis.slug, {
        kind: 'deadline',
        title: 'Written inputs',
        date: '2026-03-01',
        description: '',
      });
      await t.services.processes.addDocument(secretariat.actor, wsis.slug, {
        title: 'Zero draft',
        url: 'https://example.org/zero.pdf',
        language: 'en',
      });
      await t.services.processes.linkProcess(secretariat.actor, wsis.slug, {
        otherSlug: 'igf-2026',
        kind: 'feeds_into',
      });
      await seedConsultation(t, secretariat, wsis.slug, 'Open call');
      await seedConsultation(t, secretariat, wsis.slug, 'Still a draft', { publish: false });
    });
    after(() => t.close());

    test('when a visitor lists processes, then pages follow the cursor to the end', async () => {
      const first = await api(t, 'GET', '/api/v1/processes?limit=2');
      assert.equal(first.status, 200);
      assert.equal(first.json.data.length, 2);
      assert.deepEqual(Object.keys(first.json.data[0]).sort(), [
        'convener',
        'createdAt',
        'description',
        'frameworks',
        'slug',
        'title',
      ]);
      const second = await api(
        t,
        'GET',
        `/api/v1/processes?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      );
      assert.equal(second.json.data.length, 1);
      assert.equal(second.json.nextCursor, null);
      const slugs = [...first.json.data, ...second.json.data]
        .map((p: { slug: string }) => p.slug)
        .sort();
      assert.deepEqual(slugs, ['igf-2026', 'ottawa-agenda', 'wsis-20-review']);
    });

    test('when the limit or cursor is invalid, then 400 problem+json names the field', async () => {
      const tooMany = await api(t, 'GET', '/api/v1/processes?limit=1000');
      assert.equal(tooMany.status, 400);
      assert.match(String(tooMany.headers['content-type']), /application\/problem\+json/);
      assert.deepEqual(tooMany.json.errors, { limit: 'api.invalidValue' });
      const forged = await api(t, 'GET', '/api/v1/processes?cursor=eyJvZmZzZXQiOjF9');
      assert.equal(forged.status, 400);
      assert.equal(forged.json.code, 'cursor_invalid');
      assert.equal((await api(t, 'GET', '/api/v1/processes/Not_A_Slug')).status, 400);
    });

    test('when a visitor opens a process, then it comes with milestones, documents, links and published consultations only', async () => {
      const { status, json } = await api(t, 'GET', '/api/v1/processes/wsis-20-review');
      assert.equal(status, 200);
      assert.deepEqual(json.milestones, [
        { kind: 'deadline', title: 'Written inputs', date: '2026-03-01', description: '' },
      ]);
      assert.deepEqual(json.documents, [
        { title: 'Zero draft', url: 'https://example.org/zero.pdf', language: 'en' },
      ]);
      assert.deepEqual(json.links, [
        { kind: 'feeds_into', direction: 'outgoing', slug: 'igf-2026', title: 'IGF 2026' },
      ]);
      assert.deepEqual(json.consultations, [
        { slug: 'open-call', title: 'Open call', phase: 'open' },
      ]);
      const asPlainUser = await api(t, 'GET', '/api/v1/processes/wsis-20-review', {
        token: visitorToken,
      });
      assert.equal(
        asPlainUser.json.consultations.length,
        1,
        'a token without rights sees what visitors see',
      );
      const incoming = await api(t, 'GET', '/api/v1/processes/igf-2026');
      assert.deepEqual(incoming.json.links, [
        {
          kind: 'feeds_into',
          direction: 'incoming',
          slug: 'wsis-20-review',
          title: 'WSIS+20 review',
        },
      ]);
    });

    test('when the secretariat opens its process with its token, then its drafts are listed too', async () => {
      const { json } = await api(t, 'GET', '/api/v1/processes/wsis-20-review', {
        token: secretariat.token,
      });
      assert.deepEqual(json.consultations.map((c: { phase: string }) => c.phase).sort(), [
        'draft',
        'open',
      ]);
    });

    test('when the process does not exist, then 404 problem+json', async () => {
      const missing = await api(t, 'GET', '/api/v1/processes/nowhere');
      assert.equal(missing.status, 404);
      assert.equal(missing.json.code, 'not_found');
    });
  });
}
