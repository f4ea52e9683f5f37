// Reports in real Chromium (issue 5): on a Chatham House consultation with published
// submissions, the secretariat generates a draft (the background worker inside the server runs
// it; the draft page shows the progress until it is done), adds a theme and reviews the proposed
// assignments, edits a section, publishes, and records a response to a submission; the
// contributor sees the response on their submission; a visitor reads the report, follows an item
// to its source, downloads the exports and reads the "how the contributions were used" table —
// without meeting a contributor's name. axe-core on each page, in English and Arabic.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { sectionHeading } from '../src/features/reports/report-markdown.ts';
import {
  expectAccessibleInEnglishAndArabic,
  flash,
  open,
  openConsultation,
  pathOf,
  publishFromQueue,
  submitTo,
} from './consultation-flows.ts';
import {
  field,
  follow,
  person,
  registerAndConfirm,
  submitMainForm,
  t,
  type Person,
} from './flows.ts';
import { newSession, type Server, sleep, startServerAndBrowser } from './harness.ts';

const en = t.en;
const check = expectAccessibleInEnglishAndArabic;
const QUESTIONS = ['What should governments commit to?', 'What stands in the way?'];
const CONTRIBUTIONS = [
  [
    'Governments should fund community networks through universal service funds.',
    'Licensing fees for spectrum are far too high for small operators.',
  ],
  [
    'Governments must publish open connectivity data every year.',
    'Nobody measures who is offline, so nobody is accountable.',
  ],
  [
    'Regulators should reserve spectrum for rural community networks.',
    'Community networks cannot afford spectrum auctions.',
  ],
];
const EDITED = 'The secretariat checked every figure in this summary by hand.';
const RESPONSE = 'Universal service funding is the first recommendation of the report.';

describe('reports in the browser', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;
  let secretariat: Page;
  let slug = '';
  const contributors: Person[] = [
    person('Philippa Drummond-Achebe'),
    person('Casimir Ellingsworth'),
    person('Rosalind Ferreira-Nakamura'),
  ];
  let firstContributor: Page;
  let firstSubmission = '';
  const draft = () => `/consultations/${slug}/report/draft`;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    ({ admin, secretariat, slug } = await openConsultation(browser, server, {
      title: 'Financing connectivity',
      context: 'How should the region pay for connecting everyone?',
      rule: 'chatham_house',
      questions: QUESTIONS,
    }));
    for (const [i, who] of contributors.entries()) {
      const page = (await newSession(browser, server)).page;
      await registerAndConfirm(page, admin, server, who);
      const id = await submitTo(page, slug, QUESTIONS, { answers: CONTRIBUTIONS[i] ?? [] });
      if (i === 0) {
        firstContributor = page;
        firstSubmission = id;
      } else await page.context().close();
    }
    for (const [first] of CONTRIBUTIONS) await publishFromQueue(secretariat, slug, first ?? '');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the secretariat generates a draft and follows its progress until it is done', async () => {
    // From the consultation's dashboard.
    await open(secretariat, `/consultations/${slug}/dashboard`);
    await follow(
      secretariat,
      secretariat.locator('main').getByRole('link', {
        name: en('reports.draft.title', { consultation: 'Financing connectivity' }),
      }),
    );
    assert.equal(pathOf(secretariat), draft());
    await secretariat.getByText(en('reports.draft.none')).waitFor();
    await check(secretariat, 'report draft, none yet');
    await follow(
      secretariat,
      secretariat.locator('main').getByRole('button', { name: en('reports.draft.generate') }),
    );
    assert.equal(pathOf(secretariat), draft());
    assert.equal(await flash(secretariat), en('reports.flash.generating'));
    const done = secretariat.locator('main').getByText(en('reports.draft.job.done'));
    if ((await done.count()) === 0) {
      // Queued or running: the page says so, with a progress bar and a link to reload.
      await secretariat
        .locator('main .job-status')
        .getByRole('progressbar', { name: en('reports.draft.progress') })
        .waitFor();
      await check(secretariat, 'report draft, generating');
    }
    const deadline = Date.now() + 120_000;
    while ((await done.count()) === 0) {
      assert.ok(Date.now() < deadline, 'the draft was generated within 120 s');
      assert.equal(await secretariat.getByText(/The generation failed/).count(), 0);
      await sleep(1_000);
      await secretariat.reload();
    }
    for (const section of ['context', 'summary', 'trends', 'recommendations', 'annex'] as const)
      await secretariat
        .locator('main')
        .getByRole('heading', { name: sectionHeading('en', section), exact: true })
        .waitFor();
    // The annex lists the discussion questions; items carry links to their sources.
    const annex = secretariat.getByRole('region', { name: sectionHeading('en', 'annex') });
    await annex.getByText(QUESTIONS[0] ?? '').waitFor();
    assert.ok(
      (await secretariat.locator('main a[href^="/submissions/"]').count()) >= 1,
      'items link to the submissions they draw on',
    );
    await check(secretariat, 'report draft');
  });

  test('the secretariat reviews the proposed theme assignments', async () => {
    await open(secretariat, `/consultations/${slug}/coding`);
    await check(secretariat, 'assisted coding');
    await field(secretariat, en('reports.coding.add.label')).fill('Community networks');
    await field(secretariat, en('reports.coding.add.description')).fill(
      'Funding, spectrum and rules for community-run networks.',
    );
    await submitMainForm(secretariat, en('reports.coding.add.submit'));
    assert.equal(await flash(secretariat), en('reports.coding.flash.themeAdded'));
    await follow(
      secretariat,
      secretariat.getByRole('link', { name: en('reports.coding.review.link') }),
    );
    const progress = (remaining: number) =>
      en('reports.coding.review.progress', { remaining, total: 3 });
    await secretariat.getByText(progress(3)).waitFor();
    await check(secretariat, 'coding review');
    const theme = secretariat.getByRole('checkbox', { name: /^1\. Community networks/ });
    await theme.check();
    await submitMainForm(secretariat, en('reports.coding.review.save'));
    assert.equal(await flash(secretariat), en('reports.coding.flash.labelSaved'));
    await secretariat.getByText(progress(2)).waitFor();
  });

  test('the secretariat edits a section, previews it and publishes the report', async () => {
    await open(secretariat, draft());
    await follow(
      secretariat,
      secretariat.locator('main').getByRole('link', { name: en('reports.draft.edit') }),
    );
    assert.equal(pathOf(secretariat), `/consultations/${slug}/report/edit`);
    await check(secretariat, 'report editor');
    const summary = field(secretariat, sectionHeading('en', 'summary'));
    const generated = await summary.inputValue();
    assert.ok(generated.length > 0, 'the summary was generated');
    await summary.fill(`${generated}\n\n${EDITED}`);
    await submitMainForm(secretariat, en('reports.edit.preview'));
    await secretariat
      .getByRole('region', { name: en('reports.edit.previewTitle') })
      .getByText(EDITED)
      .waitFor();
    await submitMainForm(secretariat, en('reports.edit.save'));
    assert.equal(pathOf(secretariat), draft());
    assert.equal(await flash(secretariat), en('reports.flash.saved'));
    await secretariat
      .getByRole('region', { name: sectionHeading('en', 'summary') })
      .getByText(EDITED)
      .waitFor();

    await follow(
      secretariat,
      secretariat.locator('main').getByRole('button', { name: en('reports.draft.publish') }),
    );
    assert.equal(pathOf(secretariat), `/consultations/${slug}/report`);
    assert.equal(await flash(secretariat), en('reports.flash.published'));
  });

  test('the secretariat responds to a submission and the contributor sees it on theirs', async () => {
    await open(secretariat, `/consultations/${slug}/responses/manage`);
    await check(secretariat, 'responses, secretariat');
    const row = secretariat
      .locator('main tbody tr')
      .filter({ hasText: CONTRIBUTIONS[0]?.[0]?.slice(0, 40) ?? '' });
    await follow(
      secretariat,
      row.getByRole('link', { name: en('reports.responses.manage.respond') }),
    );
    assert.equal(pathOf(secretariat), `/consultations/${slug}/responses/manage/${firstSubmission}`);
    await check(secretariat, 'response form');
    await field(secretariat, en('reports.responses.outcome.taken_up')).check();
    await field(secretariat, en('reports.responses.column.explanation')).fill(RESPONSE);
    const items = secretariat.getByRole('group', { name: en('reports.responses.column.items') });
    await items.getByRole('checkbox').first().check();
    await submitMainForm(secretariat, en('reports.responses.form.submit'));
    assert.equal(await flash(secretariat), en('reports.responses.flash.saved'));

    await open(firstContributor, `/my/submissions/${firstSubmission}`);
    const response = firstContributor.getByRole('region', {
      name: en('reports.responses.own.title'),
    });
    await response.getByText(en('reports.responses.outcome.taken_up'), { exact: true }).waitFor();
    await response.getByText(RESPONSE).waitFor();
    assert.equal(await response.getByRole('link').count(), 1, 'a link to the report item');
    await check(firstContributor, 'my submission with its response');
  });

  test('a visitor reads the report, follows a source, downloads it and sees no contributor', async () => {
    const { context, page } = await newSession(browser, server);
    const seen: Array<Promise<{ url: string; body: string }>> = [];
    context.on('response', (r) => {
      if (r.url().startsWith(server.baseUrl) && r.status() < 300)
        seen.push(
          r.text().then(
            (body) => ({ url: r.url(), body }),
            () => ({ url: r.url(), body: '' }),
          ),
        );
    });

    await open(page, `/consultations/${slug}/report`);
    await page
      .getByRole('region', { name: sectionHeading('en', 'summary') })
      .getByText(EDITED)
      .waitFor();
    await check(page, 'published report');

    const downloads = page.getByRole('navigation', { name: en('reports.public.download') });
    const exported: Array<{ url: string; body: string }> = [];
    for (const format of ['MD', 'HTML', 'PDF']) {
      const downloading = page.waitForEvent('download');
      await downloads.getByRole('link', { name: format, exact: true }).click();
      const download = await downloading;
      const body = await readFile((await download.path()) ?? '');
      if (format === 'PDF') assert.equal(body.subarray(0, 5).toString(), '%PDF-');
      else assert.ok(body.toString('utf8').includes(EDITED), `the ${format} export has the edit`);
      exported.push({ url: download.suggestedFilename(), body: body.toString('latin1') });
    }

    // An item leads to its source, a published submission shown without its author.
    await follow(page, page.locator('main section a[href^="/submissions/"]').first());
    assert.match(pathOf(page), /^\/submissions\/[\w-]+$/);

    await open(page, `/consultations/${slug}/report`);
    await follow(page, downloads.getByRole('link', { name: en('reports.public.responses') }));
    assert.equal(pathOf(page), `/consultations/${slug}/responses`);
    const table = page.locator('main table');
    await table.getByText(RESPONSE).waitFor();
    await table.getByText(en('reports.responses.outcome.taken_up')).waitFor();
    await check(page, 'how the contributions were used');

    const sent = [...(await Promise.all(seen)), ...exported];
    const names = contributors.flatMap((p) => [
      p.displayName,
      p.email,
      p.displayName.split(' ')[1] ?? '',
    ]);
    const leaks = sent.flatMap(({ url, body }) =>
      names
        .filter((n) => body.toLowerCase().includes(n.toLowerCase()))
        .map((n) => `${n} in ${url}`),
    );
    assert.deepEqual(leaks, [], 'no contributor is named to the visitor');
    await context.close();
  });
});
