// The six interface languages in the browser: the header links switch among them, Arabic is
// right-to-left and its layout mirrors, the skip link comes first on the keyboard; screenshots of
// the English home page and the Arabic profile go to test-results/ for a human look.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { LOCALES, LOCALE_NAMES, type Locale } from '../src/i18n/locales.ts';
import {
  createFirstAdmin,
  field,
  follow,
  htmlLangDir,
  person,
  registerAndConfirm,
  submitMainForm,
  t,
} from './flows.ts';
import { newSession, RESULTS_DIR, type Server, startServerAndBrowser } from './harness.ts';

describe('languages in the browser', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    admin = (await newSession(browser, server)).page;
    await createFirstAdmin(admin, server, person('Ada Admin'));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the header links switch the interface among all six languages, and the choice sticks', async () => {
    const { page, context } = await newSession(browser, server);
    await page.goto('/account/sign-in');
    let current: Locale = 'en';
    // Every language reached from the one before, and back to English at the end.
    for (const next of [...LOCALES.filter((l) => l !== 'en'), 'en' as const]) {
      const nav = page.getByRole('navigation', { name: t[current]('nav.languages') });
      await follow(page, nav.getByRole('link', { name: LOCALE_NAMES[next], exact: true }));
      assert.deepEqual(
        await htmlLangDir(page),
        { lang: next, dir: next === 'ar' ? 'rtl' : 'ltr' },
        `after choosing ${next}`,
      );
      assert.equal(
        new URL(page.url()).pathname,
        '/account/sign-in',
        'the switch stays on the same page',
      );
      assert.equal(await page.locator('h1').innerText(), t[next]('account.signIn.title'));
      assert.equal(await page.title(), `${t[next]('account.signIn.title')} — Polylogue`);
      const currentLinks = page
        .getByRole('navigation', { name: t[next]('nav.languages') })
        .locator('a[aria-current="true"]');
      assert.deepEqual(await currentLinks.allInnerTexts(), [LOCALE_NAMES[next]]);
      current = next;
    }

    // Remembered for the next pages, without ?lang.
    await page.goto('/account/register?lang=zh');
    await page.goto('/');
    assert.deepEqual(await htmlLangDir(page), { lang: 'zh', dir: 'ltr' });
    assert.equal(await page.locator('h1').innerText(), t.zh('home.title'));
    await context.close();
  });

  test('in Arabic the layout mirrors: brand on the right, languages on the left, text from the right', async () => {
    const { page, context } = await newSession(browser, server, {
      viewport: { width: 1280, height: 800 },
    });
    const boxes = async () => {
      const box = async (selector: string) => {
        const b = await page.locator(selector).first().boundingBox();
        assert.ok(b, `${selector} is rendered`);
        return b;
      };
      return {
        brand: await box('.brand'),
        languages: await box('nav.languages'),
        main: await box('main'),
        h1: await box('main h1'),
        label: await box('main label'),
      };
    };

    await page.goto('/account/register?lang=en');
    const ltr = await boxes();
    assert.ok(
      ltr.brand.x + ltr.brand.width < ltr.languages.x,
      'English: the brand is left of the language links',
    );
    assert.ok(ltr.h1.x - ltr.main.x < 40, 'English: the heading starts at the left of main');

    await page.goto('/account/register?lang=ar');
    assert.deepEqual(await htmlLangDir(page), { lang: 'ar', dir: 'rtl' });
    const rtl = await boxes();
    assert.ok(
      rtl.languages.x + rtl.languages.width < rtl.brand.x,
      'Arabic: the language links are left of the brand',
    );
    assert.ok(
      rtl.languages.x < 1280 / 2 && rtl.brand.x > 1280 / 2,
      'Arabic: languages on the left half, brand on the right half',
    );
    const mainRight = rtl.main.x + rtl.main.width;
    assert.ok(
      mainRight - (rtl.h1.x + rtl.h1.width) < 40,
      'Arabic: the heading ends at the right of main',
    );
    assert.ok(mainRight - (rtl.label.x + rtl.label.width) < 40, 'Arabic: labels sit on the right');
    // The e-mail field stays left-to-right inside the right-to-left page.
    assert.equal(
      await field(page, t.ar('account.email')).evaluate((el) => getComputedStyle(el).direction),
      'ltr',
    );
    await context.close();
  });

  for (const locale of ['en', 'ar'] as const) {
    test(`(${locale}) Tab from the top reaches the skip link first, and it moves focus to main`, async () => {
      const { page, context } = await newSession(browser, server);
      await page.goto(`/account/register?lang=${locale}`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => ({
        className: document.activeElement?.className,
        text: document.activeElement?.textContent,
        href: document.activeElement?.getAttribute('href'),
      }));
      assert.deepEqual(focused, {
        className: 'skip-link',
        text: t[locale]('nav.skip'),
        href: '#main',
      });
      const skip = await page.locator('.skip-link').boundingBox();
      assert.ok(skip && skip.y >= 0 && skip.height > 0, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
      // The next Tab continues inside main, not back in the header.
      await page.keyboard.press('Tab');
      assert.equal(
        await page.evaluate(() => document.activeElement?.closest('main') !== null),
        true,
      );
      await context.close();
    });
  }

  test('screenshots: the English home page and the Arabic profile', async () => {
    await mkdir(RESULTS_DIR, { recursive: true });
    const home = await newSession(browser, server, { viewport: { width: 1280, height: 900 } });
    await home.page.goto('/?lang=en');
    await home.page.screenshot({ path: join(RESULTS_DIR, 'home-en.png'), fullPage: true });
    await home.context.close();

    const { page, context } = await newSession(browser, server, {
      viewport: { width: 1280, height: 900 },
    });
    const who = person('Layla Profile');
    await registerAndConfirm(page, admin, server, who);
    await page.goto('/account/profile?lang=ar');
    await field(page, t.ar('profile.stakeholderGroup')).selectOption('academia');
    await field(page, t.ar('profile.country')).selectOption('EG');
    await field(page, t.ar('profile.languages')).fill('ar, en');
    await submitMainForm(page, t.ar('profile.save'));
    assert.equal(await page.getByRole('status').innerText(), t.ar('flash.profileSaved'));
    assert.deepEqual(await htmlLangDir(page), { lang: 'ar', dir: 'rtl' });
    await page.screenshot({ path: join(RESULTS_DIR, 'profile-ar.png'), fullPage: true });

    // A web address (left-to-right) on an Arabic page sits next to its label, not across the page.
    await page.goto('/organisations/new?lang=ar');
    await field(page, t.ar('org.name')).fill('شبكة المجتمع');
    await field(page, t.ar('profile.stakeholderGroup')).selectOption('civil_society');
    await field(page, t.ar('org.website')).fill('https://community.example.org');
    await submitMainForm(page, t.ar('org.new.submit'));
    assert.equal(await page.locator('h1').innerText(), 'شبكة المجتمع');
    const website = page.locator('.facts dd').filter({ has: page.getByRole('link') });
    const cell = await website.boundingBox();
    const link = await website.getByRole('link').boundingBox();
    assert.ok(cell && link, 'the website is shown');
    assert.ok(
      cell.x + cell.width - (link.x + link.width) < 2,
      'the address is aligned to the right',
    );
    await context.close();
  });
});
