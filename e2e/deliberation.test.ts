// Deliberation in real Chromium (issue 4): the secretariat starts a conversation on a published
// consultation and seeds statements; guests vote with the keyboard alone — with JavaScript (the
// vote goes by fetch, the page never navigates and the next statement takes the place of the
// last) and without it (a plain form post per vote); the results page then draws the opinion map
// as SVG with its table alternative, and follows the votes live (server-sent events): a newer map
// is offered with a button, and shown in place. axe-core on the voting and results pages, English
// and Arabic.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import {
  expectAccessibleInEnglishAndArabic,
  flash,
  open,
  openConsultation,
  pathOf,
} from './consultation-flows.ts';
import { field, follow, submitMainForm, t } from './flows.ts';
import {
  expectNoAxeViolations,
  newSession,
  type Server,
  sleep,
  startServerAndBrowser,
} from './harness.ts';

const en = t.en;
const check = expectAccessibleInEnglishAndArabic;

const STATEMENTS = [
  'Community networks deserve a share of the universal service fund.',
  'Spectrum for rural areas should be licence-exempt.',
  'Governments should publish connectivity data every year.',
  'Private operators alone will connect the last billion.',
  'Digital skills training matters more than new infrastructure.',
];

const KEYBOARD_VOTES = ['delib.vote.agree', 'delib.vote.disagree', 'delib.vote.agree'] as const;

describe('deliberation in the browser', () => {
  let server: Server;
  let browser: Browser;
  let secretariat: Page;
  let slug = '';
  let conversation = '';

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    ({ secretariat, slug } = await openConsultation(browser, server, {
      title: 'Connectivity commitments',
      context: 'What should the region commit to?',
      rule: 'chatham_house',
      questions: ['What should change?'],
    }));
    conversation = `/consultations/${slug}/conversation`;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A guest's browser on the conversation, joined (with the form, by mouse: voting is the point). */
  async function guest(options: BrowserContextOptions = {}, group = ''): Promise<Page> {
    const { page } = await newSession(browser, server, options);
    await open(page, conversation);
    if (group) await field(page, en('delib.guest.stakeholderGroup')).selectOption(group);
    await submitMainForm(page, en('delib.guest.submit'));
    assert.equal(pathOf(page), conversation);
    assert.equal(await flash(page), en('delib.flash.joined'));
    return page;
  }

  const statementText = (page: Page) => page.locator('#statement-text').innerText();

  /** Presses Tab until the focused element is the vote button `name`; fails after `max` presses. */
  async function tabTo(page: Page, name: string, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      // A locator, not page.evaluate: evaluating in the page waits forever without JavaScript.
      const focused = page.locator('form[data-vote-form] button:focus');
      if ((await focused.count()) === 1 && (await focused.innerText()).trim() === name) return;
    }
    throw new Error(`${name} was not reached with ${max} presses of Tab`);
  }

  test('the secretariat starts a conversation open to guests and seeds statements', async () => {
    // From the consultation's dashboard.
    await open(secretariat, `/consultations/${slug}/dashboard`);
    await follow(
      secretariat,
      secretariat.locator('main').getByRole('link', { name: en('delib.settings.editTitle') }),
    );
    assert.equal(pathOf(secretariat), `${conversation}/settings`);
    assert.equal(await secretariat.locator('h1').innerText(), en('delib.settings.newTitle'));
    await check(secretariat, 'conversation settings');
    await field(secretariat, en('delib.settings.topic')).fill('Who connects the last billion?');
    await field(secretariat, en('delib.settings.description')).fill(
      'Vote on each statement; add none of your own for now.',
    );
    await field(secretariat, en('delib.settings.moderation')).selectOption('after');
    await field(secretariat, en('delib.settings.allowGuests')).selectOption('yes');
    await field(secretariat, en('delib.settings.allowStatements')).selectOption('no');
    await submitMainForm(secretariat, en('delib.settings.submit'));
    assert.equal(pathOf(secretariat), `${conversation}/moderation`);
    assert.equal(await flash(secretariat), en('delib.flash.settingsSaved'));

    await field(secretariat, en('delib.seed.label')).fill(STATEMENTS.join('\n'));
    await submitMainForm(secretariat, en('delib.seed.submit'));
    assert.equal(await flash(secretariat), en('delib.flash.seeded'));
    const table = secretariat.getByRole('table', { name: en('delib.moderation.caption') });
    for (const s of STATEMENTS) await table.getByRole('cell', { name: s }).waitFor();
    await check(secretariat, 'conversation moderation');
  });

  test('with JavaScript, a guest votes by keyboard and the page never reloads', async () => {
    const page = await guest({}, 'civil_society');
    await check(page, 'voting page');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });
    const jsonVotes: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/votes'))
        jsonVotes.push(request.headers()['content-type'] ?? '');
    });
    const url = page.url();
    const status = page.locator('.vote-status');
    const seen = new Set<string>();

    for (const [i, vote] of KEYBOARD_VOTES.entries()) {
      const before = await statementText(page);
      assert.ok(STATEMENTS.includes(before), `a seeded statement is shown: ${before}`);
      assert.ok(!seen.has(before), 'a statement is never shown twice');
      seen.add(before);
      if (i === 0) await page.locator('main').focus();
      // After a vote the focus stays on the button pressed; Tab (or Shift+Tab) moves on.
      if (i === 0 || vote === 'delib.vote.disagree') await tabTo(page, en(vote));
      else await page.keyboard.press('Shift+Tab');
      assert.equal(
        (await page.locator('button:focus').innerText()).trim(),
        en(vote),
        'the focused button',
      );
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (previous) => document.getElementById('statement-text')?.textContent !== previous,
        before,
      );
      assert.equal(await status.innerText(), en('delib.vote.saved'));
    }
    assert.deepEqual(navigations, [], 'no navigation while voting');
    assert.equal(page.url(), url);
    assert.deepEqual(jsonVotes, Array(3).fill('application/json'), 'three votes sent as JSON');

    // The last two statements, then the card says there is nothing left.
    for (let i = 0; i < 2; i++) {
      const before = await statementText(page);
      seen.add(before);
      await tabTo(page, en('delib.vote.pass'));
      await page.keyboard.press('Enter');
      if (i === 0)
        await page.waitForFunction(
          (previous) => document.getElementById('statement-text')?.textContent !== previous,
          before,
        );
    }
    await page.locator('.vote-card').getByText(en('delib.vote.allDone')).waitFor();
    assert.equal(seen.size, STATEMENTS.length, 'every statement was shown once');
    assert.deepEqual(navigations, [], 'still no navigation');

    // The votes were recorded: reloading shows nothing left to vote on.
    await page.reload();
    assert.equal(await page.locator('form[data-vote-form]').count(), 0);
    await check(page, 'voting page, all voted');
    await page.context().close();
  });

  test('without JavaScript, a guest votes by keyboard with one form post per vote', async () => {
    const page = await guest({ javaScriptEnabled: false }, 'government');
    const seen = new Set<string>();
    for (let i = 0; i < STATEMENTS.length; i++) {
      const before = await statementText(page);
      assert.ok(!seen.has(before));
      seen.add(before);
      await page.locator('main').focus();
      await tabTo(page, en(i % 2 ? 'delib.vote.agree' : 'delib.vote.disagree'));
      const navigated = page.waitForEvent('framenavigated', {
        predicate: (frame) => frame === page.mainFrame(),
      });
      await page.keyboard.press('Enter');
      await navigated;
      await page.waitForLoadState('domcontentloaded');
      assert.equal(pathOf(page), conversation);
      assert.equal(await flash(page), en('delib.flash.voted'));
    }
    assert.equal(seen.size, STATEMENTS.length);
    await page.locator('.vote-card').getByText(en('delib.vote.allDone')).waitFor();
    // (No axe-core here: it runs as a script in the page. The markup is the one checked above.)
    await page.context().close();
  });

  test('the results show the opinion map as SVG with a table alternative', async () => {
    // More guests, in two camps, so that the map has groups to draw.
    for (let n = 0; n < 8; n++) {
      const page = await guest({ javaScriptEnabled: false }, n % 2 ? 'private_sector' : 'academia');
      for (let i = 0; i < STATEMENTS.length; i++) {
        const statement = STATEMENTS.indexOf(await statementText(page));
        const agree = (statement % 2 === 0) === (n % 2 === 0);
        await follow(
          page,
          page.getByRole('button', {
            name: en(agree ? 'delib.vote.agree' : 'delib.vote.disagree'),
            exact: true,
          }),
        );
      }
      await page.context().close();
    }

    const { page, context } = await newSession(browser, server);
    await open(page, `${conversation}/results`);
    // The map is computed in the background (debounced after the last vote): reload until it is
    // drawn from every vote.
    const map = page.locator('figure svg[role="img"]');
    const updating = page.locator('main').getByText(en('delib.results.updating'));
    const deadline = Date.now() + 90_000;
    while ((await map.count()) === 0 || (await updating.count()) > 0) {
      assert.ok(Date.now() < deadline, 'the opinion map was drawn from every vote within 90 s');
      await sleep(1_000);
      await page.reload();
    }
    const label = await map.evaluate((svg) =>
      (svg.getAttribute('aria-labelledby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    );
    assert.match(label, new RegExp(en('delib.map.title')));
    assert.ok((await map.locator('circle, rect, path, polygon').count()) >= 10, 'points drawn');
    const groups = page.getByRole('table', { name: en('delib.groups.caption') });
    await groups.getByRole('columnheader', { name: en('delib.groups.size') }).waitFor();
    assert.ok((await groups.locator('tbody tr').count()) >= 2, 'a row per group and the ungrouped');
    await page.getByRole('table', { name: en('delib.stakeholder.caption') }).waitFor();
    await page
      .locator('main')
      .getByText(en('delib.results.summary', { participants: 10, votes: 50 }))
      .waitFor();
    await check(page, 'results');

    // Live: with the results open in English and in Arabic, one more guest votes elsewhere; once
    // the map is recomputed in the background, each page offers the newer results (it does not
    // swap them by itself), and shows them in place when asked, without navigating.
    const arabic = await context.newPage();
    await open(arabic, `${conversation}/results`, 'ar');
    const navigations: string[] = [];
    for (const p of [page, arabic])
      p.on('framenavigated', (frame) => {
        if (frame === p.mainFrame()) navigations.push(frame.url());
      });
    const show = page.getByRole('button', { name: en('delib.live.show') });
    assert.ok(await show.isHidden(), 'nothing to offer before a newer map');
    const voter = await guest({ javaScriptEnabled: false }, 'technical_community');
    await follow(voter, voter.getByRole('button', { name: en('delib.vote.agree'), exact: true }));
    await voter.context().close();

    const eleven = en('delib.results.summary', { participants: 11, votes: 51 });
    await show.waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.live-status').innerText(), en('delib.live.available'));
    assert.equal(await page.locator('main').getByText(eleven).count(), 0, 'not swapped unasked');
    await expectNoAxeViolations(page, 'results, newer ones offered (en)');
    await show.focus();
    await page.keyboard.press('Enter');
    await page.locator('#results-summary').getByText(eleven).waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'results-summary',
      'focus on the new summary',
    );
    assert.equal(await page.locator('.live-status').innerText(), en('delib.live.updated'));
    assert.ok(await show.isHidden(), 'the button goes once the latest results show');
    await expectNoAxeViolations(page, 'results, updated live (en)');

    const ar = t.ar;
    await arabic.getByRole('button', { name: ar('delib.live.show') }).click({ timeout: 30_000 });
    await arabic
      .locator('#results-summary')
      .getByText(ar('delib.results.summary', { participants: 11, votes: 51 }))
      .waitFor();
    assert.equal(await arabic.locator('.live-status').innerText(), ar('delib.live.updated'));
    await expectNoAxeViolations(arabic, 'results, updated live (ar)');
    assert.deepEqual(navigations, [], 'no navigation: the results were swapped in place');
    await context.close();
  });
});
