// The consultation story in real Chromium (issue 3): an instance administrator opens a process and
// names its secretariat; the secretariat opens a Chatham House consultation with three questions;
// participant A submits for organisation X and invites organisation Y to co-sign, which a member
// of Y confirms from their own account; participant B submits alone; the secretariat publishes
// A's text and rejects B's. A visitor then reads, searches, follows the feed and downloads the
// export — and no name, address or organisation of A, B or the Y member appears anywhere the
// visitor is sent. axe-core runs on every page of the story, in English and in Arabic.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createConsultation,
  createOrganisation,
  createProcess,
  expectAccessibleInEnglishAndArabic,
  flash,
  grantSecretariat,
  open,
  pathOf,
  publishConsultation,
  publishFromQueue,
  queueItem,
  signInAs,
  submitTo,
  type PageCheck,
} from './consultation-flows.ts';
import {
  createFirstAdmin,
  field,
  follow,
  person,
  registerAndConfirm,
  submitMainForm,
  t,
  type Person,
} from './flows.ts';
import { newSession, type Server, startServerAndBrowser } from './harness.ts';

const en = t.en;
const check: PageCheck = expectAccessibleInEnglishAndArabic;

const QUESTIONS = [
  'Which barriers keep communities offline?',
  'What should governments commit to?',
  'How should progress be measured?',
];
// Words that appear nowhere else, so a search for one finds A's text only.
const A_ANSWERS = [
  'Spectrum licensing fees keep the quokkaline villages offline.',
  'Governments should fund community networks from universal service funds.',
  'Count connected households every year, published openly.',
];
const B_ANSWER = 'Buy cheap watches from our marvellous shop, discount code inside.';

describe('the consultation story, with nobody identified to the public', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;
  const secretariatPerson = person('Sabine Secretariat');
  // Names that cannot occur by chance in any page, so finding one is a leak.
  const a = person('Zenobia Quartermaine');
  const b = person('Ottoline Vasquez-Brandt');
  const yMember = person('Thaddeus Okonkwo-Lindqvist');
  const orgX = 'Kestrelwood Digital Rights Collective';
  const orgY = 'Marrowgate Community Networks';
  /** The strings that identify A, B, the Y member and their organisations. */
  function identities(): string[] {
    const ids = [a, b, yMember].flatMap((p) => [
      p.displayName,
      p.email,
      p.displayName.split(' ').at(-1) ?? '',
    ]);
    return [...ids, orgX, orgY, xSlug, ySlug, 'Kestrelwood', 'Marrowgate'];
  }
  let processSlug = '';
  let slug = '';
  let aSubmission = '';
  let xSlug = '';
  let ySlug = '';
  const sessions: BrowserContext[] = [];

  async function session(): Promise<Page> {
    const { context, page } = await newSession(browser, server);
    sessions.push(context);
    return page;
  }

  async function signedUp(who: Person): Promise<Page> {
    const page = await session();
    await registerAndConfirm(page, admin, server, who);
    return page;
  }

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    admin = await session();
    await createFirstAdmin(admin, server, person('Ada Admin'));
  });
  after(async () => {
    for (const context of sessions) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  test('the instance administrator opens a process and names its secretariat', async () => {
    const secretariat = await signedUp(secretariatPerson);
    processSlug = await createProcess(admin, 'Toward a regional commitments agenda', check);
    await grantSecretariat(admin, processSlug, secretariatPerson.email, check);
    await admin
      .getByRole('region', { name: en('secretariat.members.title') })
      .getByText(secretariatPerson.displayName)
      .waitFor();
    await secretariat.context().close();
  });

  test('the secretariat creates a Chatham House consultation with three questions and publishes it', async () => {
    const secretariat = await session();
    await signInAs(secretariat, secretariatPerson);
    slug = await createConsultation(
      secretariat,
      processSlug,
      {
        title: 'Connecting the last billion',
        context: 'The region asks how to **connect** everyone by 2030.',
        rule: 'chatham_house',
        questions: QUESTIONS,
      },
      check,
    );
    // The three questions are saved in order.
    for (const [i, q] of QUESTIONS.entries()) {
      const group = secretariat.getByRole('group', {
        name: en('secretariat.questions.number', { n: i + 1 }),
        exact: true,
      });
      assert.equal(
        await group.getByLabel(en('secretariat.questions.text'), { exact: true }).inputValue(),
        q,
      );
    }
    await publishConsultation(secretariat, slug, check);

    const page = await session();
    await open(page, `/consultations/${slug}`);
    assert.equal(await page.locator('h1').innerText(), 'Connecting the last billion');
    await page.locator('.facts').getByText(en('secretariat.rule.chathamHouse')).waitFor();
    assert.deepEqual(
      (await page.locator('main section ol > li > p:first-child').allInnerTexts()).map((s) =>
        s.trim(),
      ),
      QUESTIONS,
    );
  });

  test('participant A submits for organisation X and organisation Y co-signs from its own account', async () => {
    const pageA = await signedUp(a);
    xSlug = await createOrganisation(pageA, orgX, check);
    aSubmission = await submitTo(
      pageA,
      slug,
      QUESTIONS,
      {
        answers: A_ANSWERS,
        freeText: 'We speak for forty rural cooperatives.',
        organisation: xSlug,
      },
      check,
    );
    const facts = pageA.locator('main dl');
    await facts.getByText(orgX).waitFor();

    const pageY = await signedUp(yMember);
    ySlug = await createOrganisation(pageY, orgY);

    await field(pageA, en('cosign.invite.organisation')).fill(ySlug);
    await submitMainForm(pageA, en('cosign.invite.submit'));
    assert.equal(await flash(pageA), en('cosign.flash.invited'));
    const cosigners = pageA.getByRole('region', { name: en('cosign.section') });
    await cosigners
      .getByText(en('cosign.line', { organisation: orgY, status: en('cosign.status.invited') }))
      .waitFor();

    await open(pageY, '/my/cosignatures');
    const request = pageY.getByRole('region', {
      name: en('cosign.requestFor', {
        organisation: orgY,
        consultation: 'Connecting the last billion',
      }),
    });
    await request.getByText(A_ANSWERS[0] ?? '').waitFor();
    await check(pageY, 'co-signature requests');
    await follow(
      pageY,
      request.getByRole('button', { name: en('cosign.confirm', { organisation: orgY }) }),
    );
    assert.equal(await flash(pageY), en('cosign.flash.confirmed'));
    await pageY.getByText(en('cosign.none')).waitFor();

    await open(pageA, `/my/submissions/${aSubmission}`);
    await cosigners
      .getByText(en('cosign.line', { organisation: orgY, status: en('cosign.status.confirmed') }))
      .waitFor();
    await open(pageA, '/my/submissions');
    await check(pageA, 'my submissions');
  });

  test('participant B submits alone', async () => {
    const pageB = await signedUp(b);
    await submitTo(pageB, slug, QUESTIONS, { answers: [B_ANSWER] });
    await pageB.locator('main dl').getByText(en('submission.form.myself')).waitFor();
  });

  test("the secretariat publishes A's submission and rejects B's with a reason", async () => {
    const secretariat = await session();
    await signInAs(secretariat, secretariatPerson);
    await open(secretariat, `/consultations/${slug}/moderation`);
    assert.equal(await secretariat.locator('main article').count(), 2, 'two texts wait');
    // The secretariat knows who wrote what under the Chatham House rule: the same search that
    // must find nothing on the visitor's pages finds them here.
    const known = identitiesIn(
      [{ url: 'moderation', body: await secretariat.content() }],
      identities(),
    );
    for (const id of [a.displayName, b.displayName, orgX, orgY])
      assert.ok(known.includes(`${id} in moderation`), `the secretariat sees ${id}`);
    await check(secretariat, 'moderation queue');
    await publishFromQueue(secretariat, slug, A_ANSWERS[0] ?? '');

    const item = queueItem(secretariat, B_ANSWER);
    await item.getByLabel(en('secretariat.moderation.category')).selectOption('spam');
    await item.getByLabel(en('secretariat.moderation.note')).fill('Advertising for a watch shop.');
    await follow(
      secretariat,
      item.getByRole('button', { name: en('secretariat.moderation.reject') }),
    );
    assert.equal(await queueItem(secretariat, B_ANSWER).count(), 0, 'B is no longer waiting');
    await check(secretariat, 'moderation queue, empty');
  });

  test('a visitor reads, searches, follows the feed and downloads the export, and sees no identity', async () => {
    const { context, page } = await newSession(browser, server);
    sessions.push(context);
    // Everything the server sends this browser, to look for identities in.
    const seen: Array<Promise<{ url: string; body: string }>> = [];
    context.on('response', (response) => {
      if (!response.url().startsWith(server.baseUrl) || response.status() >= 300) return;
      seen.push(
        response
          .text()
          .then((body) => ({ url: response.url(), body }))
          .catch(() => ({ url: response.url(), body: '' })),
      );
    });

    await open(page, `/consultations/${slug}`);
    const published = page.getByRole('region', { name: en('consult.submissions.title') });
    await published.getByText(A_ANSWERS[1] ?? '').waitFor();
    assert.equal(await published.getByText(B_ANSWER).count(), 0, 'the rejected text is not shown');
    assert.equal(await published.locator('article').count(), 1);
    await published.getByText(en('submission.joint', { count: 1 })).waitFor();
    await check(page, 'consultation page, visitor');

    // Search, from the header's search page, for a word only A wrote.
    await open(page, '/search');
    await check(page, 'search');
    await field(page, en('search.label')).fill('quokkaline');
    await submitMainForm(page, en('search.submit'));
    assert.equal(pathOf(page), '/search');
    const results = page.locator('main').getByRole('link', {
      name: en('search.submissionTo', { title: 'Connecting the last billion' }),
    });
    assert.equal(await results.count(), 1, 'one result: A’s submission');
    await check(page, 'search results');
    await follow(page, results);
    assert.equal(pathOf(page), `/submissions/${aSubmission}`);
    await page.getByText(A_ANSWERS[2] ?? '').waitFor();
    await check(page, 'published submission');

    await open(page, `/consultations/${slug}/moderation-log`);
    const log = page.locator('main table');
    await log.getByRole('rowheader', { name: en('secretariat.rejection.spam') }).waitFor();
    assert.deepEqual(
      await log
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? '').trim())),
        ),
      [[en('secretariat.rejection.spam'), '1']],
    );
    assert.equal(await page.getByText('watch shop').count(), 0, 'the note stays private');
    await check(page, 'moderation log');

    await open(page, `/processes/${processSlug}`);
    await check(page, 'process page, visitor');

    // The feed, as a feed reader (same browser profile) fetches it.
    const feed = await context.request.get(`/consultations/${slug}/feed.atom`);
    assert.equal(feed.status(), 200);
    assert.match(feed.headers()['content-type'] ?? '', /atom\+xml/);
    const feedText = await feed.text();
    assert.match(feedText, /<feed[\s>]/);
    assert.ok(feedText.includes('quokkaline'), 'the feed carries the published text');
    assert.ok(!feedText.includes('marvellous shop'), 'and not the rejected one');

    // The export, downloaded by Chromium.
    const downloading = page.waitForEvent('download');
    await page.goto(`/consultations/${slug}/submissions.csv`).catch(() => undefined);
    const download = await downloading;
    assert.match(download.suggestedFilename(), /\.csv$/);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    assert.ok(csv.includes('quokkaline'), 'the export carries the published text');
    assert.ok(!csv.includes('marvellous shop'), 'and not the rejected one');
    const json = await (
      await context.request.get(`/consultations/${slug}/submissions.json`)
    ).text();

    const visited = [
      ...(await Promise.all(seen)),
      { url: 'feed.atom', body: feedText },
      { url: 'submissions.csv', body: csv },
      { url: 'submissions.json', body: json },
    ];
    assert.ok(visited.length >= 10, `the visitor saw ${visited.length} responses`);
    assert.deepEqual(identitiesIn(visited, identities()), [], 'no identity reaches the visitor');
  });
});

/** "<identity> in <url>" for every identity found (letter case aside) in what was sent. */
function identitiesIn(sent: Array<{ url: string; body: string }>, identities: string[]): string[] {
  return sent.flatMap(({ url, body }) => {
    const lower = body.toLowerCase();
    return identities
      .filter((id) => lower.includes(id.toLowerCase()))
      .map((id) => `${id} in ${url}`);
  });
}
