// The page flows the browser tests share: first administrator, register, confirm, sign in and
// out, and links read from the development outbox — all through the real pages, as people do.
import type { Locator, Page } from 'playwright-core';
import { translator, type Translate } from '../src/i18n/i18n.ts';
import type { Locale } from '../src/i18n/locales.ts';
import { sleep, type Server } from './harness.ts';

/** The interface strings, so tests find buttons and links by what people read, in any language. */
export const t: Record<Locale, Translate> = {
  en: translator('en'),
  fr: translator('fr'),
  es: translator('es'),
  ar: translator('ar'),
  zh: translator('zh'),
  ru: translator('ru'),
};

/** The <html lang dir> of the page. */
export async function htmlLangDir(
  page: Page,
): Promise<{ lang: string | null; dir: string | null }> {
  const html = page.locator('html');
  return { lang: await html.getAttribute('lang'), dir: await html.getAttribute('dir') };
}

/** A form field in main, by its exact label (hints and other labels containing the words don't match). */
export function field(page: Page, label: string): Locator {
  return page.locator('main').getByLabel(label, { exact: true });
}

/**
 * Clicks a link or a submit button and waits until the page it leads to has loaded: the new
 * document must be committed first, so nothing is read from the page being left.
 */
export async function follow(page: Page, target: Locator): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', {
    predicate: (frame) => frame === page.mainFrame(),
  });
  await target.click();
  await navigated;
  await page.waitForLoadState('domcontentloaded');
}

export async function submitMainForm(page: Page, submitLabel: string): Promise<void> {
  await follow(page, page.locator('main').getByRole('button', { name: submitLabel, exact: true }));
}

export interface Person {
  displayName: string;
  email: string;
  password: string;
}

let counter = 0;
/** A new person with a unique address for this run. */
export function person(name: string): Person {
  counter += 1;
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    displayName: name,
    email: `${slug}-${counter}@example.org`,
    password: `correct horse ${counter} battery`,
  };
}

/** Creates the first administrator through the setup link, then signs them in (lands on /admin). */
export async function createFirstAdmin(page: Page, server: Server, admin: Person): Promise<void> {
  const en = t.en;
  await page.goto(`${server.setupLink}?lang=en`);
  await field(page, en('account.displayName')).fill(admin.displayName);
  await field(page, en('account.email')).fill(admin.email);
  await field(page, en('account.password')).fill(admin.password);
  await submitMainForm(page, en('setup.submit'));
  await signIn(page, admin.email, admin.password, { alreadyOnForm: true });
}

export async function signIn(
  page: Page,
  email: string,
  password: string,
  options: { alreadyOnForm?: boolean; locale?: Locale } = {},
): Promise<void> {
  const tr = t[options.locale ?? 'en'];
  if (!options.alreadyOnForm) await page.goto(`/account/sign-in?lang=${options.locale ?? 'en'}`);
  await field(page, tr('account.email')).fill(email);
  await field(page, tr('account.password')).fill(password);
  await submitMainForm(page, tr('account.signIn.submit'));
}

export async function signOut(page: Page, locale: Locale = 'en'): Promise<void> {
  await follow(
    page,
    page.locator('header').getByRole('button', { name: t[locale]('nav.signOut') }),
  );
}

export async function fillRegistration(
  page: Page,
  who: Person,
  locale: Locale = 'en',
): Promise<void> {
  const tr = t[locale];
  await field(page, tr('account.displayName')).fill(who.displayName);
  await field(page, tr('account.email')).fill(who.email);
  await field(page, tr('account.password')).fill(who.password);
  await submitMainForm(page, tr('account.register.submit'));
}

/**
 * The link to `pathPrefix` in the newest mail to `to` that has one, read from /admin/outbox by a
 * signed-in instance administrator. Retries briefly: a mail may be written just after a redirect.
 */
export async function linkFromOutbox(
  adminPage: Page,
  server: Server,
  to: string,
  pathPrefix: string,
): Promise<string> {
  const pattern = new RegExp(`${escapeRegExp(server.baseUrl + pathPrefix)}[\\w-]+`);
  const address = new RegExp(`^${escapeRegExp(to)}$`);
  for (let attempt = 0; attempt < 20; attempt++) {
    await adminPage.goto('/admin/outbox');
    const mails = adminPage
      .locator('article.mail')
      .filter({ has: adminPage.locator('span[dir="ltr"]', { hasText: address }) });
    for (const body of await mails.locator('pre').allInnerTexts()) {
      const link = body.match(pattern)?.[0];
      if (link) return link;
    }
    await sleep(150);
  }
  throw new Error(`no mail to ${to} with a ${pathPrefix} link in the outbox`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Register → confirmation mail → confirm → (unless told otherwise) sign in, all through the English pages. */
export async function registerAndConfirm(
  page: Page,
  adminPage: Page,
  server: Server,
  who: Person,
  options: { signIn?: boolean } = {},
): Promise<void> {
  await page.goto('/account/register?lang=en');
  await fillRegistration(page, who);
  const confirm = await linkFromOutbox(adminPage, server, who.email, '/account/confirm/');
  await page.goto(`${confirm}?lang=en`);
  await submitMainForm(page, t.en('account.confirm.submit'));
  if ((await page.locator('h1').innerText()) !== t.en('account.confirm.doneTitle'))
    throw new Error(`confirming ${who.email} failed: ${page.url()}`);
  if (options.signIn !== false) {
    await signIn(page, who.email, who.password);
    if (new URL(page.url()).pathname === '/account/sign-in')
      throw new Error(`signing in ${who.email} failed`);
  }
}
