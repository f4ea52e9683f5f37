import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import type { Actor } from '../../shared/actor.ts';
import { startTestApp, testDialects, type TestApp } from '../../testing/test-app.ts';
import { pdfWithAuthor } from '../attachments/attachments.fixtures.ts';
import { seedWorld, type World } from './open-data.fixtures.ts';

const xml = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === 'entry' || name === 'link',
});
type AtomEntry = {
  id: string;
  title: string | { '#text': string };
  updated: string;
  content?: string | { '#text': string };
  author?: { name: string };
};
const text = (v: unknown) =>
  typeof v === 'object' && v !== null ? String((v as { '#text': unknown })['#text']) : String(v);

for (const dialect of testDialects()) {
  describe(`open data (${dialect})`, () => {
    let t: TestApp;
    let world: World;
    let author: Actor;
    let slug: string;
    const arabic = 'يجب توفير الإنترنت للمدارس الريفية';
    const chinese = '我们需要缩小数字鸿沟';
    before(async () => {
      t = await startTestApp(dialect);
      world = await seedWorld(t, 'Ottawa Agenda');
      author = await world.actorFor('writer@example.org', 'Visible Writer');
      slug = (await world.openConsultation('attributed', 'Regional consultation')).slug;
      await world.publish(author, slug, { language: 'ar', answers: [arabic, chinese] });
      await world.publish(author, slug, {
        language: 'en',
        freeText: '=HYPERLINK("http://evil") & <b>bold</b>',
      });
      await t.services.processes.addMilestone(world.secretariat, world.processSlug, {
        kind: 'meeting',
        title: 'Regional meeting',
        date: '2030-05-06',
        description: 'In Ottawa',
      });
    });
    after(() => t.close());

    test('when the feeds are read, then they are valid Atom with day-only dates and escaped content', async () => {
      for (const url of [
        `/consultations/${slug}/feed.atom`,
        `/processes/${world.processSlug}/feed.atom`,
      ]) {
        const response = await t.client().get(url);
        assert.equal(response.statusCode, 200);
        assert.match(String(response.headers['content-type']), /^application\/atom\+xml/);
        const feed = xml.parse(response.body).feed;
        assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
        assert.ok(
          feed.id && feed.title && feed.updated && feed.author?.name === 'Coalition Secretariat',
        );
        const entries = feed.entry as AtomEntry[];
        assert.ok(entries.length >= 3, 'two submissions and the consultation opening');
        for (const e of entries) {
          assert.ok(e.id && e.title);
          assert.match(e.updated, /T00:00:00(\.000)?Z$/);
        }
        const bodies = entries.map((e) => text(e.content ?? '')).join('\n');
        assert.ok(bodies.includes(arabic) && bodies.includes(chinese));
        assert.ok(
          bodies.includes('&lt;b&gt;bold&lt;/b&gt;'),
          'participant text is escaped inside the HTML content',
        );
        assert.ok(
          entries.some((e) => e.author?.name === 'Visible Writer'),
          'attributed: the author is named',
        );
      }
    });

    test('when the calendar is read, then iCalendar parses with the milestone and the deadline', async () => {
      const response = await t.client().get(`/processes/${world.processSlug}/calendar.ics`);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(response.body));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      const meeting = events.find((e) => e.summary === 'Regional meeting');
      assert.equal(meeting?.startDate.toString(), '2030-05-06');
      assert.ok(meeting?.startDate.isDate, 'an all-day event');
      const deadline = events.find((e) => e.summary.startsWith('Deadline for submissions'));
      const consultation = await t.services.consultations.load(slug);
      assert.equal(
        deadline?.startDate.toJSDate().toISOString(),
        new Date(consultation.closesAt).toISOString(),
      );
    });

    test('when the submissions are exported, then the CSV round-trips with a BOM and the JSON matches', async () => {
      const csv = await t.client().get(`/consultations/${slug}/submissions.csv`);
      assert.equal(csv.statusCode, 200);
      assert.match(
        String(csv.headers['content-disposition']),
        /attachment; filename="regional-consultation-submissions.csv"/,
      );
      assert.ok(
        csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])),
        'UTF-8 byte-order mark',
      );
      const rows = parseCsv(csv.rawPayload, { bom: true, columns: true }) as Array<
        Record<string, string>
      >;
      assert.equal(rows.length, 2);
      const ar = rows.find((r) => r.language === 'ar');
      assert.equal(ar?.['Q1. What should change?'], arabic);
      assert.equal(ar?.['Q2. Who is left out?'], chinese);
      assert.equal(ar?.author, 'Visible Writer');
      assert.match(ar?.published_on ?? '', /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(
        rows.find((r) => r.language === 'en')?.free_text,
        `'=HYPERLINK("http://evil") & <b>bold</b>`,
        'formulas are defused',
      );
      const json = JSON.parse(
        (await t.client().get(`/consultations/${slug}/submissions.json`)).body,
      );
      assert.equal(json.consultation.slug, slug);
      assert.equal(json.submissions.length, 2);
      assert.deepEqual(
        new Set(json.submissions.map((s: { id: string }) => s.id)),
        new Set(rows.map((r) => r.id)),
      );
      assert.equal(
        json.submissions.find((s: { language: string }) => s.language === 'en').freeText,
        '=HYPERLINK("http://evil") & <b>bold</b>',
      );
    });

    test('when answers and names start like formulas, then no CSV cell would run and counts stay numbers', async () => {
      const formulas = await world.openConsultation('attributed', 'Formula consultation', {
        questions: ['-Who decides?'],
      });
      const writer = await world.actorFor('formula.writer@example.org', '@Formula Writer');
      await world.publish(writer, formulas.slug, {
        language: 'en',
        answers: ["+cmd|' /C calc'!A0"],
        freeText: '=1+1',
      });
      const csv = await t.client().get(`/consultations/${formulas.slug}/submissions.csv`);
      assert.equal(csv.statusCode, 200);
      const [header, ...rows] = parseCsv(csv.rawPayload, { bom: true }) as string[][];
      for (const cell of [...header!, ...rows.flat()])
        assert.doesNotMatch(cell, /^\s*[=+\-@]|^[\t\r]/, `${cell} would run as a formula`);
      const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
      assert.equal(row['Q1. -Who decides?'], "'+cmd|' /C calc'!A0");
      assert.equal(row.free_text, "'=1+1");
      assert.equal(row.author, "'@Formula Writer");
      assert.equal(row.cosignatory_count, '0');
    });

    test('when a consultation is a draft or missing, then its feeds and exports are not found', async () => {
      const draft = await t.services.consultations.createConsultation(
        world.secretariat,
        world.processSlug,
        {
          title: 'Hidden draft',
          context: '',
          languages: ['en'],
          eligibility: 'open',
          rule: 'attributed',
          opensAtLocal: '2030-01-01T00:00',
          closesAtLocal: '2030-02-01T00:00',
          timeZone: 'UTC',
        },
      );
      for (const suffix of ['feed.atom', 'submissions.csv', 'submissions.json'])
        assert.equal(
          (await t.client().get(`/consultations/${draft.slug}/${suffix}`)).statusCode,
          404,
        );
      assert.ok(
        !(await t.client().get(`/processes/${world.processSlug}/feed.atom`)).body.includes(
          'Hidden draft',
        ),
      );
    });

    test('when the rule is chatham_house, then no output of feeds, calendar, exports, search or downloads reveals who took part', async () => {
      const identities = {
        displayName: 'Zelda Quirinus',
        email: 'zelda.quirinus@example.org',
        organisation: 'Quirinus Foundation',
        cosigner: 'Cosigning Alliance',
      };
      const zelda = await world.actorFor(identities.email, identities.displayName);
      const org = await t.services.organisations.createOrganisation(zelda, {
        name: identities.organisation,
        stakeholderGroup: 'civil_society',
        country: null,
        website: null,
        description: '',
      });
      const ally = await world.actorFor('ally@example.org', 'Ally Member');
      const allyOrg = await t.services.organisations.createOrganisation(ally, {
        name: identities.cosigner,
        stakeholderGroup: 'academia',
        country: null,
        website: null,
        description: '',
      });
      const chatham = await world.openConsultation('chatham_house', 'Closed-door consultation');
      const s = await t.services.submissions.submit(zelda, chatham.slug, {
        idempotencyKey: 'leak-1',
        language: 'en',
        freeText: 'Pangolin broadband for every village.',
        answers: [],
        organisationSlug: org.slug,
      });
      await t.services.submissions.inviteCosignatory(zelda, s.id, allyOrg.slug);
      await t.services.submissions.decideCosignature(ally, s.id, allyOrg.slug, 'confirmed');
      await t.services.attachments.addAttachment(zelda, s.id, {
        fileName: 'Zelda-Quirinus-notes.pdf',
        data: Buffer.from(await pdfWithAuthor(identities.displayName)),
        truncated: false,
      });
      await t.services.submissions.moderate(world.secretariat, s.id, { action: 'publish' });
      const [attachment] = (await t.services.submissions.publicOne(s.id)).submission.attachments;

      const visitor = t.client();
      const outputs: Record<string, string> = {};
      const bodies: Record<string, string> = {};
      for (const url of [
        `/consultations/${chatham.slug}/feed.atom`,
        `/processes/${world.processSlug}/feed.atom`,
        `/processes/${world.processSlug}/calendar.ics`,
        `/consultations/${chatham.slug}/submissions.csv`,
        `/consultations/${chatham.slug}/submissions.json`,
        '/search?q=pangolin',
        `/attachments/${attachment?.id}`,
      ]) {
        const response = await visitor.get(url);
        assert.equal(response.statusCode, 200, url);
        outputs[url] =
          JSON.stringify(response.headers) + response.rawPayload.toString('latin1') + response.body;
        bodies[url] = response.body;
      }
      assert.ok(
        outputs['/search?q=pangolin']?.includes('<mark>Pangolin</mark> broadband'),
        'the content itself is public',
      );
      const secrets = [
        ...Object.values(identities),
        'Quirinus',
        org.slug,
        allyOrg.slug,
        zelda.user?.id ?? '',
        'zelda.quirinus',
      ];
      for (const [url, body] of Object.entries(outputs)) {
        for (const secret of secrets) assert.ok(!body.includes(secret), `${url} reveals ${secret}`);
      }
      for (const url of [
        `/consultations/${chatham.slug}/feed.atom`,
        `/consultations/${chatham.slug}/submissions.csv`,
        `/consultations/${chatham.slug}/submissions.json`,
      ]) {
        // The JSON's consultation header carries the public schedule; only the submissions count.
        const body = bodies[url] ?? '';
        const times =
          (url.endsWith('.json') ? JSON.stringify(JSON.parse(body).submissions) : body).match(
            /T\d\d:\d\d:\d\d/g,
          ) ?? [];
        assert.ok(
          times.every((x) => x === 'T00:00:00'),
          `${url} has a time finer than the day`,
        );
      }
      assert.match(
        outputs[`/consultations/${chatham.slug}/feed.atom`] ?? '',
        /Co-signed by 1 organisation/,
        'a joint submission says so without saying who',
      );
    });
  });
}
