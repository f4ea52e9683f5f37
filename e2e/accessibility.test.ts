// axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on every page of the site, in English
// (left-to-right) and Arabic (right-to-left), including forms re-rendered with their errors,
// pages reached from mailed links, and a few pages in the dark colour scheme. Zero violations.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { MessageKey } from '../src/i18n/i18n.ts';
import {
  createFirstAdmin,
  field,
  fillRegistration,
  htmlLangDir,
  linkFromOutbox,
  person,
  registerAndConfirm,
  signIn,
  submitMainForm,
  t,
} from './flows.ts';
import {
  expectNoAxeViolations,
  newSession,
  type Server,
  startServerAndBrowser,
} from './harness.ts';

const LOCALES = ['en', 'ar'] as const;
type Lang = (typeof LOCALES)[number];

describe('accessibility of every page, in English and Arabic', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;
  const owner = person('Amal Owner');
  const invitee = person('Ines Invitee');
  let orgPath = '';

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    admin = (await newSession(browser, server)).page;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens `path` in `locale` (which the server also remembers for the forms posted next). */
  async function open(page: Page, path: string, locale: Lang, status = 200): Promise<void> {
    const url = new URL(path, server.baseUrl);
    url.searchParams.set('lang', locale);
    const response = await page.goto(url.pathname + url.search);
    assert.equal(response?.status(), status, `${path} in ${locale}`);
  }

  async function check(page: Page, locale: Lang, label: string): Promise<void> {
    assert.deepEqual(
      await htmlLangDir(page),
      { lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' },
      label,
    );
    await expectNoAxeViolations(page, `${label} (${locale})`);
  }

  /** The page, and then the same page in the dark colour scheme. */
  async function checkLightAndDark(page: Page, locale: Lang, label: string): Promise<void> {
    await check(page, locale, label);
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      await check(page, locale, `${label}, dark`);
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  }

  /** Submits the page's form as it is filled and checks the re-rendered page with its errors. */
  async function checkWithErrors(
    page: Page,
    locale: Lang,
    submit: MessageKey,
    label: string,
  ): Promise<void> {
    await submitMainForm(page, t[locale](submit));
    assert.equal(await page.getByRole('alert').count(), 1, `${label} shows the error summary`);
    assert.ok(
      (await page.locator('[aria-invalid="true"]').count()) >= 1,
      `${label} marks the field in error`,
    );
    await check(page, locale, `${label} with errors`);
  }

  test('the check itself fails on a page with a real violation', async () => {
    const { page, context } = await newSession(browser, server);
    await open(page, '/account/sign-in', 'en');
    await page.locator('label[for="field-email"]').evaluate((label) => label.remove());
    await assert.rejects(
      expectNoAxeViolations(page, 'sign in without a label'),
      /label[\s\S]*#field-email/,
    );
    await context.close();
  });

  test('the first-administrator setup page, also with errors', async () => {
    for (const locale of LOCALES) {
      await open(admin, server.setupLink, locale);
      await check(admin, locale, 'setup');
      await checkWithErrors(admin, locale, 'setup.submit', 'setup');
    }
    await createFirstAdmin(admin, server, person('Ada Admin'));
  });

  test('public pages: home, register, sign in, forgotten password, not found, invalid link', async () => {
    const { page, context } = await newSession(browser, server);
    for (const locale of LOCALES) {
      await open(page, '/', locale);
      await checkLightAndDark(page, locale, 'home');
      await open(page, '/account/register', locale);
      await check(page, locale, 'register');
      await checkWithErrors(page, locale, 'account.register.submit', 'register');
      await open(page, '/account/sign-in', locale);
      await check(page, locale, 'sign in');
      await checkWithErrors(page, locale, 'account.signIn.submit', 'sign in');
      await open(page, '/account/forgot', locale);
      await check(page, locale, 'forgotten password');
      await checkWithErrors(page, locale, 'account.forgot.submit', 'forgotten password');
      await open(page, '/no/such/page', locale, 404);
      assert.equal(await page.locator('h1').innerText(), t[locale]('errors.notFound'));
      await check(page, locale, 'not found');
      await open(page, '/account/reset/not-a-token', locale, 400);
      assert.equal(await page.locator('h1').innerText(), t[locale]('errors.linkInvalid'));
      await check(page, locale, 'invalid link');
    }
    await context.close();
  });

  test('pages reached from mailed links: confirm, and reset (also with errors)', async () => {
    const { page, context } = await newSession(browser, server);
    await page.goto('/account/register?lang=en');
    await fillRegistration(page, owner);
    const confirm = await linkFromOutbox(admin, server, owner.email, '/account/confirm/');
    for (const locale of LOCALES) {
      await open(page, confirm, locale);
      await check(page, locale, 'confirm');
    }
    await submitMainForm(page, t.ar('account.confirm.submit'));
    assert.equal(await page.locator('h1').innerText(), t.ar('account.confirm.doneTitle'));
    await check(page, 'ar', 'address confirmed');

    await open(page, '/account/forgot', 'en');
    await field(page, t.en('account.email')).fill(owner.email);
    await submitMainForm(page, t.en('account.forgot.submit'));
    await check(page, 'en', 'reset link sent');
    const reset = await linkFromOutbox(admin, server, owner.email, '/account/reset/');
    for (const locale of LOCALES) {
      await open(page, reset, locale);
      await check(page, locale, 'reset');
      await field(page, t[locale]('account.newPassword')).fill('short');
      await checkWithErrors(page, locale, 'account.reset.submit', 'reset');
    }
    await context.close();
  });

  test('signed-in pages: profile, organisations, an organisation, also with errors', async () => {
    const { page, context } = await newSession(browser, server);
    await signIn(page, owner.email, owner.password);
    for (const locale of LOCALES) {
      await open(page, '/account/profile', locale);
      await check(page, locale, 'profile');
      await field(page, t[locale]('account.displayName')).fill('');
      await checkWithErrors(page, locale, 'profile.save', 'profile');
      await page.emulateMedia({ colorScheme: 'dark' });
      await check(page, locale, 'profile with errors, dark');
      await page.emulateMedia({ colorScheme: 'light' });
      await open(page, '/organisations', locale);
      await check(page, locale, 'my organisations, none');
      await open(page, '/organisations/new', locale);
      await check(page, locale, 'new organisation');
      await checkWithErrors(page, locale, 'org.new.submit', 'new organisation');
    }

    await open(page, '/organisations/new', 'en');
    await field(page, t.en('org.name')).fill('Regional Youth Forum');
    await field(page, t.en('profile.stakeholderGroup')).selectOption('civil_society');
    await field(page, t.en('profile.country')).selectOption('JO');
    await field(page, t.en('org.website')).fill('https://youth-forum.example.org');
    await field(page, t.en('org.description')).fill('Young people from the region.');
    await submitMainForm(page, t.en('org.new.submit'));
    orgPath = new URL(page.url()).pathname;
    await field(page, t.en('account.email')).fill(invitee.email);
    await submitMainForm(page, t.en('org.invite.submit'));

    for (const locale of LOCALES) {
      await open(page, orgPath, locale);
      assert.equal(await page.getByRole('table').count(), 1, 'the members table is shown');
      await check(page, locale, 'organisation');
      await field(page, t[locale]('account.email')).fill('not an address');
      await checkWithErrors(page, locale, 'org.invite.submit', 'organisation invitation');
      await open(page, '/organisations', locale);
      await check(page, locale, 'my organisations');
    }
    await context.close();
  });

  test('the invitation page, signed out and signed in', async () => {
    const { page, context } = await newSession(browser, server);
    const invitation = await linkFromOutbox(admin, server, invitee.email, '/invitations/');
    for (const locale of LOCALES) {
      await open(page, invitation, locale);
      await check(page, locale, 'invitation, signed out');
    }
    await registerAndConfirm(page, admin, server, invitee);
    for (const locale of LOCALES) {
      await open(page, invitation, locale);
      assert.equal(
        await page.getByRole('button', { name: t[locale]('org.invitation.accept') }).count(),
        1,
      );
      await check(page, locale, 'invitation, signed in');
    }
    await context.close();
  });

  test('administration: overview, outbox, roles (also with errors)', async () => {
    for (const locale of LOCALES) {
      await open(admin, '/admin', locale);
      await check(admin, locale, 'administration');
      await open(admin, '/admin/outbox', locale);
      assert.ok((await admin.locator('article.mail').count()) >= 3, 'the outbox has mails');
      await checkLightAndDark(admin, locale, 'outbox');
      await open(admin, '/admin/roles', locale);
      await check(admin, locale, 'roles');
      await field(admin, t[locale]('account.email')).fill('nobody@example.org');
      await checkWithErrors(admin, locale, 'admin.roles.grant', 'roles');
    }
  });
});
