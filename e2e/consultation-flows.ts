// Page flows for processes, consultations and submissions, shared by the story, deliberation and
// report tests: all through the real pages, found by the words people read (flows.ts has the
// account flows these build on).
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { Locale } from '../src/i18n/locales.ts';
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
import { expectNoAxeViolations, newSession, type Server } from './harness.ts';
import type { Browser } from 'playwright-core';

const en = t.en;

/** The path of the page (without the query), to assert where a flow landed. */
export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** The flash message of the page just loaded. */
export async function flash(page: Page): Promise<string> {
  return (await page.locator('main > .flash').innerText()).trim();
}

/** Opens `path` in `locale`; fails unless the server answers `status`. */
export async function open(page: Page, path: string, locale: Locale = 'en', status = 200) {
  const url = new URL(path, 'http://placeholder');
  url.searchParams.set('lang', locale);
  const response = await page.goto(url.pathname + url.search + url.hash);
  assert.equal(response?.status(), status, `GET ${path} in ${locale}`);
}

/**
 * axe-core on the page as it is (English), then on the same address in Arabic (right-to-left),
 * then the English page is loaded again so the flow goes on in English. GET pages only.
 */
export async function expectAccessibleInEnglishAndArabic(page: Page, label: string): Promise<void> {
  const html = page.locator('html');
  const path = new URL(page.url()).pathname + new URL(page.url()).search;
  for (const locale of ['en', 'ar'] as const) {
    if (locale === 'ar' || (await html.getAttribute('lang')) !== 'en')
      await open(page, path, locale);
    assert.equal(await html.getAttribute('lang'), locale, `${label}: <html lang>`);
    assert.equal(await html.getAttribute('dir'), locale === 'ar' ? 'rtl' : 'ltr', `${label}: dir`);
    await expectNoAxeViolations(page, `${label} (${locale})`);
  }
  await open(page, path, 'en');
}

/** Called on each page a flow reaches before filling it in (the story runs axe-core there). */
export type PageCheck = (page: Page, label: string) => Promise<void>;
const noCheck: PageCheck = async () => {};

/** "YYYY-MM-DDTHH:mm" in UTC, `offsetMs` from now: the value of a datetime-local field. */
export function utcLocal(offsetMs: number): string {
  return new Date(Date.now() + offsetMs).toISOString().slice(0, 16);
}

export const DAY = 24 * 3600 * 1000;

/** An instance administrator creates a process from /processes/new; returns its slug. */
export async function createProcess(
  admin: Page,
  title: string,
  check: PageCheck = noCheck,
): Promise<string> {
  await open(admin, '/processes');
  await check(admin, 'processes');
  await follow(
    admin,
    admin.locator('main').getByRole('link', { name: en('secretariat.process.new') }),
  );
  assert.equal(pathOf(admin), '/processes/new');
  await check(admin, 'new process');
  await field(admin, en('secretariat.process.titleField')).fill(title);
  await field(admin, en('secretariat.process.convener')).fill('Regional Internet Forum');
  await field(admin, en('secretariat.process.description')).fill(
    'Regional consultations toward a commitments agenda.',
  );
  await submitMainForm(admin, en('secretariat.process.create'));
  assert.match(pathOf(admin), /^\/processes\/[\w-]+$/, 'lands on the process page');
  assert.equal(await flash(admin), en('flash.processCreated'));
  return pathOf(admin).replace('/processes/', '');
}

/** On the process page, the instance administrator names someone to the secretariat. */
export async function grantSecretariat(
  admin: Page,
  processSlug: string,
  email: string,
  check: PageCheck = noCheck,
) {
  await open(admin, `/processes/${processSlug}`);
  await check(admin, 'process page, instance administrator');
  await field(admin, en('account.email')).fill(email);
  await submitMainForm(admin, en('secretariat.members.grant'));
  assert.equal(await flash(admin), en('flash.secretariatGranted'));
}

export interface ConsultationPlan {
  title: string;
  context: string;
  rule: 'attributed' | 'chatham_house' | 'anonymous';
  questions: string[];
}

function questionGroup(page: Page, n: number): Locator {
  return page
    .locator('main')
    .getByRole('group', { name: en('secretariat.questions.number', { n }), exact: true });
}

const RULE_LABEL = {
  attributed: 'secretariat.rule.attributed',
  chatham_house: 'secretariat.rule.chathamHouse',
  anonymous: 'secretariat.rule.anonymous',
} as const;

/**
 * The secretariat creates a consultation (open now, closing in a month, UTC) from the process
 * page. The new form shows two question slots; the rest are added on the edit form, which always
 * shows two more. Ends on the edit form of the draft; returns the slug.
 */
export async function createConsultation(
  secretariat: Page,
  processSlug: string,
  plan: ConsultationPlan,
  check: PageCheck = noCheck,
): Promise<string> {
  await open(secretariat, `/processes/${processSlug}`);
  await check(secretariat, 'process page, secretariat');
  await follow(
    secretariat,
    secretariat.locator('main').getByRole('link', { name: en('secretariat.consultation.new') }),
  );
  assert.equal(pathOf(secretariat), `/processes/${processSlug}/consultations/new`);
  await check(secretariat, 'new consultation');
  await field(secretariat, en('secretariat.consultation.titleField')).fill(plan.title);
  await field(secretariat, en('secretariat.consultation.context')).fill(plan.context);
  await field(secretariat, en(RULE_LABEL[plan.rule])).check();
  await field(secretariat, en('secretariat.consultation.opensAt')).fill(utcLocal(-3600_000));
  await field(secretariat, en('secretariat.consultation.closesAt')).fill(utcLocal(30 * DAY));
  await field(secretariat, en('secretariat.consultation.timeZone')).selectOption('UTC');
  let saved = 0;
  const pending = [...plan.questions];
  while (pending.length > 0) {
    // Fill every empty slot the form shows, then save (which shows two more).
    const slots = await secretariat
      .locator('main fieldset fieldset')
      .filter({ has: secretariat.locator('textarea[name$="-text"]') })
      .count();
    for (let n = saved + 1; n <= slots && pending.length > 0; n++) {
      await questionGroup(secretariat, n)
        .getByLabel(en('secretariat.questions.text'), { exact: true })
        .fill(pending.shift() ?? '');
      saved = n;
    }
    await submitMainForm(secretariat, en('secretariat.save'));
    assert.match(pathOf(secretariat), /^\/consultations\/[\w-]+\/edit$/, 'saved as a draft');
    if (pending.length > 0) await check(secretariat, 'consultation edit form');
  }
  return pathOf(secretariat).split('/')[2] ?? '';
}

/** From its edit form, the secretariat publishes the consultation (lands on the dashboard). */
export async function publishConsultation(
  secretariat: Page,
  slug: string,
  check: PageCheck = noCheck,
): Promise<void> {
  if (pathOf(secretariat) !== `/consultations/${slug}/edit`)
    await open(secretariat, `/consultations/${slug}/edit`);
  await check(secretariat, 'consultation edit form, draft');
  await follow(
    secretariat,
    secretariat.locator('main').getByRole('button', { name: en('secretariat.publish.submit') }),
  );
  assert.equal(pathOf(secretariat), `/consultations/${slug}/dashboard`);
  assert.equal(await flash(secretariat), en('flash.consultationPublished'));
  await check(secretariat, 'consultation dashboard');
}

/** A signed-in person creates an organisation; returns its slug. */
export async function createOrganisation(
  page: Page,
  name: string,
  check: PageCheck = noCheck,
): Promise<string> {
  await open(page, '/organisations/new');
  await check(page, 'new organisation');
  await field(page, en('org.name')).fill(name);
  await field(page, en('profile.stakeholderGroup')).selectOption('civil_society');
  await field(page, en('profile.country')).selectOption('KE');
  await submitMainForm(page, en('org.new.submit'));
  assert.equal(await flash(page), en('flash.organisationCreated'));
  await check(page, 'organisation page');
  return pathOf(page).replace('/organisations/', '');
}

export interface SubmissionPlan {
  /** The answers to the questions, in their order (empty: left unanswered). */
  answers: string[];
  freeText?: string;
  /** The slug of the organisation to submit for; alone when absent. */
  organisation?: string;
}

/**
 * A signed-in participant writes a submission from the consultation page and submits it; returns
 * the id of the submission (the page ends on /my/submissions/:id).
 */
export async function submitTo(
  page: Page,
  consultationSlug: string,
  questions: string[],
  plan: SubmissionPlan,
  check: PageCheck = noCheck,
): Promise<string> {
  await open(page, `/consultations/${consultationSlug}`);
  await check(page, 'consultation page, signed in');
  await follow(page, page.locator('main').getByRole('link', { name: en('consult.cta.write') }));
  assert.equal(pathOf(page), `/consultations/${consultationSlug}/submit`);
  await check(page, 'submission form');
  for (const [i, answer] of plan.answers.entries()) {
    const label = en('submission.questionNumber', { number: i + 1, question: questions[i] ?? '' });
    await field(page, label).fill(answer);
  }
  if (plan.freeText) await field(page, en('submission.form.freeText')).fill(plan.freeText);
  if (plan.organisation)
    await field(page, en('submission.form.behalf')).selectOption(plan.organisation);
  await submitMainForm(page, en('submission.form.submit'));
  assert.match(pathOf(page), /^\/my\/submissions\/[\w-]+$/, 'lands on the submission');
  assert.equal(await flash(page), en('submission.flash.submitted'));
  const id = pathOf(page).replace('/my/submissions/', '');
  await check(page, 'my submission');
  return id;
}

/** The moderation queue item (an article) that holds `text`. */
export function queueItem(secretariat: Page, text: string): Locator {
  return secretariat.locator('main article').filter({ hasText: text });
}

export async function publishFromQueue(secretariat: Page, slug: string, text: string) {
  await open(secretariat, `/consultations/${slug}/moderation`);
  const item = queueItem(secretariat, text);
  await follow(
    secretariat,
    item.getByRole('button', { name: new RegExp(`^${en('secretariat.moderation.publish')}`) }),
  );
  assert.equal(await flash(secretariat), en('flash.submissionPublished'));
  assert.equal(await queueItem(secretariat, text).count(), 0, 'no longer waiting');
}

export async function signInAs(page: Page, who: Person): Promise<void> {
  await open(page, '/account/sign-in');
  await field(page, en('account.email')).fill(who.email);
  await field(page, en('account.password')).fill(who.password);
  await submitMainForm(page, en('account.signIn.submit'));
  assert.notEqual(pathOf(page), '/account/sign-in', `${who.email} signed in`);
}

/**
 * The common start of the deliberation and report tests: the first administrator, a process, its
 * secretariat (signed in, in a browser of its own) and a published consultation open for a month.
 */
export async function openConsultation(
  browser: Browser,
  server: Server,
  plan: ConsultationPlan,
): Promise<{ admin: Page; secretariat: Page; slug: string; processSlug: string }> {
  const admin = (await newSession(browser, server)).page;
  await createFirstAdmin(admin, server, person('Ada Admin'));
  const secretariatPerson = person('Sami Secretariat');
  const secretariat = (await newSession(browser, server)).page;
  await registerAndConfirm(secretariat, admin, server, secretariatPerson);
  const processSlug = await createProcess(admin, 'Regional commitments');
  await grantSecretariat(admin, processSlug, secretariatPerson.email);
  const slug = await createConsultation(secretariat, processSlug, plan);
  await publishConsultation(secretariat, slug);
  return { admin, secretariat, slug, processSlug };
}
