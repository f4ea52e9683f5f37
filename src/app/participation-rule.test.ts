// The participation rule, proven on every public surface at once: identities are seeded into a
// Chatham House consultation, then a crawler follows every link a visitor (and an unrelated
// signed-in participant) can reach — pages, API, feeds, exports, search, attachments — and fails
// on any trace of them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Actor } from '../shared/actor.ts';
import { utcToZoned } from '../shared/time-zones.ts';
import {
  signedInClient,
  startTestApp,
  testDialects,
  type TestApp,
  type TestClient,
} from '../testing/test-app.ts';
import { actorFor } from '../testing/factories.ts';

const DAY = 24 * 3600 * 1000;
const MAX_PAGES = 600;

interface Identity {
  label: string;
  value: string;
}

/** Seeds a process with a Chatham House consultation whose contributors are the identities to hide. */
async function seed(t: TestApp): Promise<{ identities: Identity[]; slug: string }> {
  const admin: Actor = {
    ...(await actorFor(t, 'leak-admin@example.org', 'Leak Admin')),
    grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
  };
  const process = await t.services.processes.openProcess(admin, {
    title: 'Leak test process',
    convener: 'Coalition',
    description: 'Process.',
    frameworks: [],
  });
  await t.services.roles.grant({
    userId: admin.user?.id ?? '',
    role: 'secretariat',
    scopeType: 'process',
    scopeId: process.id,
    grantedBy: null,
    now: new Date().toISOString(),
  });
  const secretariat: Actor = {
    ...admin,
    grants: await t.services.roles.grantsOf(admin.user?.id ?? ''),
  };
  const local = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');
  const c = await t.services.consultations.createConsultation(secretariat, process.slug, {
    title: 'Chatham consultation',
    context: 'Context',
    languages: ['en', 'fr'],
    eligibility: 'open',
    rule: 'chatham_house',
    opensAtLocal: local(-DAY),
    closesAtLocal: local(30 * DAY),
    timeZone: 'UTC',
  });
  await t.services.consultations.saveQuestions(secretariat, c.slug, [
    { text: 'What worries you most?', help: '' },
    { text: 'What should be done?', help: '' },
    { text: 'Anything else?', help: '' },
  ]);
  await t.services.consultations.publishConsultation(secretariat, c.slug);
  const questions = await t.services.consultations.questions(c.id);

  const writer = await actorFor(t, 'zarathustra.quell@example.org', 'Zarathustra Quellwasser');
  const org = await t.services.organisations.createOrganisation(writer, {
    name: 'Obscurantia Foundation',
    stakeholderGroup: 'civil_society',
    country: 'KE',
    website: null,
    description: '',
  });
  const cosigner = await actorFor(t, 'philomena.vexley@example.org', 'Philomena Vexley');
  const cosignOrg = await t.services.organisations.createOrganisation(cosigner, {
    name: 'Vexley Institute',
    stakeholderGroup: 'academia',
    country: 'FR',
    website: null,
    description: '',
  });
  const joint = await t.services.submissions.submit(writer, c.slug, {
    idempotencyKey: 'leak-1',
    organisationSlug: org.slug,
    language: 'en',
    freeText: 'Shutdowns must end.',
    answers: [{ questionId: questions[0]?.id ?? '', text: 'Internet shutdowns during elections.' }],
  });
  await t.services.submissions.inviteCosignatory(writer, joint.id, cosignOrg.slug);
  await t.services.submissions.decideCosignature(cosigner, joint.id, cosignOrg.slug, 'confirmed');
  await t.services.submissions.moderate(secretariat, joint.id, { action: 'publish' });
  const solo = await actorFor(t, 'ignatius.morrow@example.org', 'Ignatius Morrowind');
  const own = await t.services.submissions.submit(solo, c.slug, {
    idempotencyKey: 'leak-2',
    language: 'fr',
    freeText: 'Le chiffrement doit être protégé.',
    answers: [
      { questionId: questions[1]?.id ?? '', text: 'Protéger le chiffrement de bout en bout.' },
    ],
  });
  await t.services.submissions.moderate(secretariat, own.id, { action: 'publish' });

  // Deliberation: the same people write statements and vote in the consultation's conversation.
  const { facilitation, participation } = t.services.deliberation;
  await facilitation.configure(secretariat, c.slug, {
    topic: 'Chatham conversation',
    description: 'Vote on short statements.',
    moderation: 'after',
    allowGuests: true,
    allowStatements: true,
  });
  await facilitation.seedStatements(
    secretariat,
    c.slug,
    'Encryption must be protected.\nShutdowns must never happen.',
  );
  const voters = [writer, cosigner, solo].map((actor) => ({ actor, guestKey: null }));
  for (const [i, voter] of voters.entries())
    await participation.writeStatement(
      voter,
      c.slug,
      `Participant statement ${i}: rural access matters.`,
    );
  for (const voter of voters)
    for (let s = 0; s < 5; s++) await participation.castVote(voter, c.slug, s, s % 2 ? 1 : -1);
  await participation.recompute((await participation.load(secretariat, c.slug)).conversation.id);

  // Reports: a published report and responses to both submissions, crawled like every other page.
  await t.services.reports.requestDraft(secretariat, c.slug);
  await t.worker.drain();
  await t.services.reports.publish(secretariat, c.slug);
  const items = (await t.services.reports.itemsFor(c)).slice(0, 1).map((i) => i.id);
  for (const [id, outcome] of [
    [joint.id, 'taken_up'],
    [own.id, 'partly'],
  ] as const)
    await t.services.responses.recordResponse(secretariat, c.slug, id, {
      outcome,
      explanation: `Response ${outcome}: reflected in the report.`,
      reportItems: items,
    });

  const identities: Identity[] = [];
  for (const p of await t.db().selectFrom('conversation_participants').select('id').execute())
    identities.push({ label: 'conversation participant id', value: p.id });
  for (const [who, actor] of [
    ['writer', writer],
    ['co-signer', cosigner],
    ['solo author', solo],
  ] as const) {
    identities.push(
      { label: `${who} display name`, value: actor.user?.displayName ?? '' },
      { label: `${who} e-mail`, value: actor.user?.email ?? '' },
      { label: `${who} user id`, value: actor.user?.id ?? '' },
    );
  }
  for (const o of [org, cosignOrg])
    identities.push(
      { label: 'organisation name', value: o.name },
      { label: 'organisation slug', value: o.slug },
      { label: 'organisation id', value: o.id },
    );
  return { identities, slug: c.slug };
}

/** Same-origin URLs referenced by a response: links and sources in HTML, URL-like strings in JSON and feeds. */
function referencedUrls(body: string): string[] {
  const urls = [
    ...body.matchAll(/(?:href|src)="([^"]+)"/g),
    ...body.matchAll(
      /"(\/(?:api|consultations|processes|submissions|search|transparency|attachments)[^"\s]*)"/g,
    ),
    ...body.matchAll(/http:\/\/polylogue\.test(\/[^\s"<]*)/g),
  ].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
  return urls
    .filter(
      (u) =>
        u.startsWith('/') &&
        !u.startsWith('//') &&
        !u.startsWith('/assets/') &&
        !/sign-out|\/setup\//.test(u),
    )
    .map((u) => u.split('#')[0] ?? u);
}

async function crawl(
  client: TestClient,
  entries: string[],
): Promise<Map<string, { status: number; text: string }>> {
  const seen = new Map<string, { status: number; text: string }>();
  const queue = [...entries];
  while (queue.length && seen.size < MAX_PAGES) {
    const url = queue.shift() ?? '';
    if (seen.has(url)) continue;
    // The live results stream never ends: what it sends in a moment (the map version) is read.
    if (url.endsWith('/results/events')) {
      const stream = await client.getStream(url, 300);
      seen.set(url, {
        status: stream.statusCode,
        text: `${JSON.stringify(stream.headers)}\n${stream.text}`,
      });
      continue;
    }
    const response = await client.get(url);
    const text = `${JSON.stringify(response.headers)}\n${response.rawPayload.toString('latin1')}\n${response.body}`;
    seen.set(url, { status: response.statusCode, text });
    if (response.statusCode < 400)
      for (const next of referencedUrls(response.body)) if (!seen.has(next)) queue.push(next);
  }
  return seen;
}

function leaks(pages: Map<string, { text: string }>, identities: Identity[]): string[] {
  const found: string[] = [];
  for (const [url, { text }] of pages) {
    const haystack = text.toLowerCase();
    for (const id of identities)
      if (id.value && haystack.includes(id.value.toLowerCase()))
        found.push(`${url} reveals the ${id.label} (${id.value})`);
  }
  return found;
}

for (const dialect of testDialects()) {
  describe(`the participation rule on every public surface (${dialect})`, () => {
    let t: TestApp;
    let seeded: { identities: Identity[]; slug: string };
    before(async () => {
      t = await startTestApp(dialect);
      seeded = await seed(t);
    });
    after(() => t.close());

    function entries(slug: string): string[] {
      const searches = [
        'shutdowns',
        'chiffrement',
        'Zarathustra',
        'Obscurantia',
        'Vexley',
        'Morrowind',
      ].flatMap((q) => [
        `/search?q=${encodeURIComponent(q)}`,
        `/api/v1/search?q=${encodeURIComponent(q)}`,
      ]);
      return [
        '/',
        '/consultations',
        '/processes',
        '/transparency',
        '/transparency/verify',
        `/consultations/${slug}`,
        `/consultations/${slug}/moderation-log`,
        `/consultations/${slug}/feed.atom`,
        `/consultations/${slug}/submissions.csv`,
        `/consultations/${slug}/submissions.json`,
        `/consultations/${slug}/conversation`,
        `/consultations/${slug}/conversation/results`,
        `/consultations/${slug}/report`,
        `/consultations/${slug}/responses`,
        `/consultations/${slug}/report/export/md`,
        `/consultations/${slug}/report/export/html`,
        '/api/v1/processes',
        '/api/v1/consultations',
        `/api/v1/consultations/${slug}`,
        `/api/v1/consultations/${slug}/submissions`,
        '/api/v1/transparency',
        ...searches,
      ];
    }

    test('when a visitor crawls every public route, then no identity of a Chatham House contributor appears', async () => {
      const pages = await crawl(t.client(), entries(seeded.slug));
      const ok = [...pages.values()].filter((p) => p.status === 200).length;
      assert.ok(ok >= 10, `the crawl reached ${ok} pages`);
      const live = pages.get(`/consultations/${seeded.slug}/conversation/results/events`);
      assert.equal(live?.status, 200, 'the crawl reached the live results stream');
      assert.match(live?.text ?? '', /data: \{"version":\d+\}/, 'and read an event from it');
      for (const page of ['report', 'responses'])
        assert.equal(
          pages.get(`/consultations/${seeded.slug}/${page}`)?.status,
          200,
          `the crawl reached the ${page}`,
        );
      assert.ok(
        [...pages.values()].some((p) => p.text.includes('Internet shutdowns during elections.')),
        'the published content itself is public',
      );
      assert.deepEqual(leaks(pages, seeded.identities), []);
    });

    test('when an unrelated signed-in participant crawls, then no identity appears either', async () => {
      const client = await signedInClient(
        t,
        'curious@example.org',
        'curious password',
        'Curious Reader',
      );
      const pages = await crawl(client, entries(seeded.slug));
      assert.deepEqual(leaks(pages, seeded.identities), []);
    });
  });
}
