// The key flows with JavaScript turned off in the browser: every form is a plain HTML form, so
// register, confirm, sign in, profile (with its error summary), organisation and sign out all work.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  createFirstAdmin,
  field,
  fillRegistration,
  follow,
  linkFromOutbox,
  person,
  signIn,
  signOut,
  submitMainForm,
  t,
} from './flows.ts';
import { newSession, type Server, startServerAndBrowser } from './harness.ts';

const en = t.en;

describe('with JavaScript disabled', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;
  let context: BrowserContext;
  let page: Page;
  const who = person('Nadia NoScript');

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    admin = (await newSession(browser, server)).page;
    await createFirstAdmin(admin, server, person('Ada Admin'));
    ({ context, page } = await newSession(browser, server, { javaScriptEnabled: false }));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('register, confirm and sign in', async () => {
    await page.goto('/account/register');
    await fillRegistration(page, who);
    assert.equal(await page.locator('h1').innerText(), en('account.register.doneTitle'));
    const confirm = await linkFromOutbox(admin, server, who.email, '/account/confirm/');
    await page.goto(confirm);
    await submitMainForm(page, en('account.confirm.submit'));
    assert.equal(await page.locator('h1').innerText(), en('account.confirm.doneTitle'));
    await signIn(page, who.email, who.password);
    assert.equal(await page.getByRole('status').innerText(), en('flash.signedIn'));
  });

  test('a profile error shows the summary without focus moving, and a correct profile saves', async () => {
    await page.goto('/account/profile');
    await field(page, en('account.displayName')).fill('');
    await submitMainForm(page, en('profile.save'));
    const summary = page.getByRole('alert');
    await summary
      .getByRole('link', { name: `${en('account.displayName')}: ${en('errors.required')}` })
      .waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.classList.contains('error-summary')),
      false,
      'no script, so focus stays where the browser puts it',
    );

    await field(page, en('account.displayName')).fill('Nadia N.');
    await field(page, en('profile.stakeholderGroup')).selectOption('technical_community');
    await field(page, en('profile.country')).selectOption('BR');
    await field(page, en('profile.languages')).fill('pt, es');
    await submitMainForm(page, en('profile.save'));
    assert.equal(await page.getByRole('status').innerText(), en('flash.profileSaved'));
    await page.goto('/account/profile');
    assert.equal(await field(page, en('account.displayName')).inputValue(), 'Nadia N.');
    assert.equal(
      await field(page, en('profile.stakeholderGroup')).inputValue(),
      'technical_community',
    );
    assert.equal(await field(page, en('profile.country')).inputValue(), 'BR');
    assert.equal(await field(page, en('profile.languages')).inputValue(), 'pt, es');
  });

  test('an organisation is created, the language switches, and sign-out works', async () => {
    await page.goto('/organisations/new');
    await field(page, en('org.name')).fill('No Script Network');
    await field(page, en('profile.stakeholderGroup')).selectOption('technical_community');
    await submitMainForm(page, en('org.new.submit'));
    assert.equal(await page.locator('h1').innerText(), 'No Script Network');

    await follow(
      page,
      page
        .getByRole('navigation', { name: en('nav.languages') })
        .getByRole('link', { name: 'العربية' }),
    );
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await signOut(page, 'ar');
    assert.equal(await page.getByRole('status').innerText(), t.ar('flash.signedOut'));
    await context.close();
  });
});
