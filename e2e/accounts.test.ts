// Account flows in a real browser: first administrator, outbox, register/confirm/sign in/out,
// forgotten password, profile edit and its validation errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  createFirstAdmin,
  field,
  fillRegistration,
  follow,
  linkFromOutbox,
  person,
  registerAndConfirm,
  signIn,
  signOut,
  submitMainForm,
  t,
} from './flows.ts';
import { newSession, type Server, startServerAndBrowser } from './harness.ts';

const en = t.en;

describe('accounts in the browser', () => {
  let server: Server;
  let browser: Browser;
  let admin: Page;
  const adminPerson = person('Ada Admin');

  before(async () => {
    ({ server, browser } = await startServerAndBrowser());
    admin = (await newSession(browser, server)).page;
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the first administrator is created through the one-time setup link and reads the outbox', async () => {
    await admin.goto(server.setupLink);
    assert.equal(await admin.locator('h1').innerText(), en('setup.title'));
    await createFirstAdmin(admin, server, adminPerson);
    assert.equal(new URL(admin.url()).pathname, '/admin');
    assert.equal(await admin.locator('h1').innerText(), en('admin.title'));
    await follow(admin, admin.getByRole('link', { name: en('admin.outbox.title') }));
    assert.equal(new URL(admin.url()).pathname, '/admin/outbox');
    assert.equal(await admin.locator('h1').innerText(), en('admin.outbox.title'));
    assert.equal(await admin.locator('article.mail').count(), 0);
    await admin.getByText(en('admin.outbox.empty')).waitFor();

    // The link works once.
    const again = await admin.goto(server.setupLink);
    assert.equal(again?.status(), 400);
    assert.equal(await admin.locator('h1').innerText(), en('errors.linkInvalid'));
  });

  test('register, confirm from the mail, sign in, sign out, and sign in again', async () => {
    const { page } = await newSession(browser, server);
    const who = person('Rania Registrant');
    await page.goto('/');
    await follow(page, page.locator('header').getByRole('link', { name: en('nav.register') }));
    await fillRegistration(page, who);
    assert.equal(await page.locator('h1').innerText(), en('account.register.doneTitle'));

    // Registration finishes in a job (the answer is the same whether the address is taken): the
    // account exists once its confirmation mail is written. Not confirmed yet, sign-in is refused
    // and the link is sent again.
    await linkFromOutbox(admin, server, who.email, '/account/confirm/');
    await signIn(page, who.email, who.password);
    await page.locator('.field-error', { hasText: en('errors.emailNotConfirmed') }).waitFor();

    const confirm = await linkFromOutbox(admin, server, who.email, '/account/confirm/');
    const mail = admin.locator('article.mail').first();
    assert.equal(await mail.getAttribute('aria-label'), en('mail.confirm.subject'));
    await page.goto(confirm);
    assert.equal(await page.locator('h1').innerText(), en('account.confirm.title'));
    await submitMainForm(page, en('account.confirm.submit'));
    assert.equal(await page.locator('h1').innerText(), en('account.confirm.doneTitle'));

    await follow(page, page.getByRole('link', { name: en('nav.signIn') }).last());
    await signIn(page, who.email, who.password, { alreadyOnForm: true });
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.getByRole('status').innerText(), en('flash.signedIn'));
    await follow(page, page.locator('header').getByRole('link', { name: en('nav.profile') }));
    await page.getByText(en('profile.email', { email: who.email })).waitFor();

    await signOut(page);
    assert.equal(await page.getByRole('status').innerText(), en('flash.signedOut'));
    assert.equal(
      await page
        .locator('header')
        .getByRole('button', { name: en('nav.signOut') })
        .count(),
      0,
    );
    await page.goto('/account/profile');
    assert.equal(
      new URL(page.url()).pathname,
      '/account/sign-in',
      'signed out: the profile asks to sign in',
    );
    assert.equal(new URL(page.url()).searchParams.get('next'), '/account/profile');

    await signIn(page, who.email, who.password, { alreadyOnForm: true });
    assert.equal(new URL(page.url()).pathname, '/account/profile');
    await page.getByText(en('profile.email', { email: who.email })).waitFor();
    await page.context().close();
  });

  test('a forgotten password is reset from the mailed link and the new one signs in', async () => {
    const { page } = await newSession(browser, server);
    const who = person('Farid Forgetful');
    await registerAndConfirm(page, admin, server, who);
    await signOut(page);

    await page.goto('/account/sign-in');
    await follow(page, page.getByRole('link', { name: en('account.signIn.forgot') }));
    assert.equal(await page.locator('h1').innerText(), en('account.forgot.title'));
    await field(page, en('account.email')).fill(who.email);
    await submitMainForm(page, en('account.forgot.submit'));
    assert.equal(await page.locator('h1').innerText(), en('account.forgot.doneTitle'));

    const reset = await linkFromOutbox(admin, server, who.email, '/account/reset/');
    await page.goto(reset);
    assert.equal(await page.locator('h1').innerText(), en('account.reset.title'));
    await field(page, en('account.newPassword')).fill('short');
    await submitMainForm(page, en('account.reset.submit'));
    await page.locator('.field-error', { hasText: en('errors.passwordTooShort') }).waitFor();

    const newPassword = 'a brand new passphrase';
    await field(page, en('account.newPassword')).fill(newPassword);
    await submitMainForm(page, en('account.reset.submit'));
    // Using the link signs the owner in.
    assert.equal(new URL(page.url()).pathname, '/account/profile');
    assert.equal(
      await page.getByRole('status').innerText(),
      en('protection.passwordResetSignedIn'),
    );
    await signOut(page);

    await page.goto('/account/sign-in');
    await signIn(page, who.email, who.password, { alreadyOnForm: true });
    await page.locator('.field-error', { hasText: en('errors.signInFailed') }).waitFor();
    await signIn(page, who.email, newPassword, { alreadyOnForm: true });
    assert.equal(await page.getByRole('status').innerText(), en('flash.signedIn'));

    // The link worked once.
    assert.equal((await page.goto(reset))?.status(), 400);
    await page.context().close();
  });

  test('the profile is edited and the changes persist', async () => {
    const { page } = await newSession(browser, server);
    const who = person('Priya Profile');
    await registerAndConfirm(page, admin, server, who);
    await page.goto('/account/profile');
    await field(page, en('account.displayName')).fill('Priya P.');
    await field(page, en('profile.stakeholderGroup')).selectOption('civil_society');
    await field(page, en('profile.country')).selectOption('KE');
    await field(page, en('profile.languages')).fill('sw, EN');
    await field(page, en('profile.gender')).fill('woman');
    await field(page, en('profile.ageBand')).selectOption('25_34');
    await field(page, en('profile.disability')).selectOption('prefer_not');
    await submitMainForm(page, en('profile.save'));
    assert.equal(await page.getByRole('status').innerText(), en('flash.profileSaved'));

    // A fresh load shows what the database holds.
    await page.goto('/account/profile');
    assert.equal(await field(page, en('account.displayName')).inputValue(), 'Priya P.');
    assert.equal(await field(page, en('profile.stakeholderGroup')).inputValue(), 'civil_society');
    assert.equal(await field(page, en('profile.country')).inputValue(), 'KE');
    assert.equal(await field(page, en('profile.languages')).inputValue(), 'sw, en');
    assert.equal(await field(page, en('profile.gender')).inputValue(), 'woman');
    assert.equal(await field(page, en('profile.ageBand')).inputValue(), '25_34');
    assert.equal(await field(page, en('profile.disability')).inputValue(), 'prefer_not');
    await page.getByText(en('profile.globalSouth'), { exact: false }).waitFor();
    await page.context().close();
  });

  test('a profile error shows the summary and the field error, and focus moves to the summary', async () => {
    const { page } = await newSession(browser, server);
    const who = person('Eli Error');
    await registerAndConfirm(page, admin, server, who);
    await page.goto('/account/profile');
    await field(page, en('account.displayName')).fill('');
    await field(page, en('profile.gender')).fill('kept after the error');
    await submitMainForm(page, en('profile.save'));

    assert.match(await page.title(), new RegExp(`^${en('errors.titlePrefix')} `));
    const summary = page.getByRole('alert');
    assert.equal(await summary.count(), 1);
    assert.equal(await summary.locator('h2').innerText(), en('errors.summaryTitle'));
    const summaryLink = summary.getByRole('link', {
      name: `${en('account.displayName')}: ${en('errors.required')}`,
    });
    assert.equal(await summaryLink.getAttribute('href'), '#field-displayName');

    const nameInput = field(page, en('account.displayName'));
    assert.equal(await nameInput.getAttribute('aria-invalid'), 'true');
    assert.match((await nameInput.getAttribute('aria-describedby')) ?? '', /\berror-displayName\b/);
    assert.equal(await page.locator('#error-displayName').innerText(), en('errors.required'));
    assert.equal(
      await field(page, en('profile.gender')).inputValue(),
      'kept after the error',
      'the other values are kept',
    );

    await page.waitForFunction(
      () => document.activeElement?.classList.contains('error-summary') === true,
    );
    await summaryLink.click();
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'field-displayName',
      'the summary link leads to the field',
    );

    // Nothing was saved.
    await page.goto('/account/profile');
    assert.equal(await field(page, en('account.displayName')).inputValue(), who.displayName);
    assert.equal(await field(page, en('profile.gender')).inputValue(), '');
    await page.context().close();
  });
});
