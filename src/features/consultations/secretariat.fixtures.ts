// Test factories for the secretariat's pages, all through HTTP as a browser would: an instance
// administrator, a process, its secretariat, a consultation. Used by the *.test.ts files of the
// processes, secretariat, accreditation and moderation pages.
import assert from 'node:assert/strict';
import type { Actor } from '../../shared/actor.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import {
  makeAdmin,
  signedInClient,
  type TestApp,
  type TestClient,
} from '../../testing/test-app.ts';

export const DAY = 24 * 3600 * 1000;

/** "YYYY-MM-DDTHH:mm" in UTC, `offset` milliseconds from now: the value of a datetime-local field. */
export function localIn(offset: number): string {
  return utcToZoned(new Date(Date.now() + offset).toISOString(), 'UTC');
}

export async function adminClient(t: TestApp, email = 'admin@example.org'): Promise<TestClient> {
  const client = await signedInClient(t, email, 'admin password 1', 'Instance Admin');
  await makeAdmin(t, email);
  return client;
}

/** Creates a process from the admin's form; returns its slug. */
export async function createProcess(
  admin: TestClient,
  title: string,
  extra: Record<string, string> = {},
): Promise<string> {
  await admin.get('/processes/new');
  const response = await admin.post('/processes/new', {
    title,
    convener: 'IGF Secretariat',
    description: '',
    frameworks: '',
    ...extra,
  });
  assert.equal(response.statusCode, 303, response.body);
  return String(response.headers.location).replace('/processes/', '');
}

/** Signs a new person in and names them to the process's secretariat from the process page. */
export async function secretariatClient(
  t: TestApp,
  admin: TestClient,
  processSlug: string,
  email: string,
): Promise<TestClient> {
  const client = await signedInClient(t, email, 'secretariat password', 'Secretariat Person');
  await admin.get(`/processes/${processSlug}`);
  const response = await admin.post(`/processes/${processSlug}/secretariat`, { email });
  assert.equal(response.statusCode, 303, response.body);
  return client;
}

export function consultationFields(
  overrides: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    title: 'Regional consultation',
    context: 'Why we ask.',
    languages: ['en', 'fr'],
    eligibility: 'open',
    rule: 'attributed',
    opensAt: localIn(-DAY),
    closesAt: localIn(30 * DAY),
    timeZone: 'UTC',
    'q1-text': 'What should change?',
    'q1-help': '',
    'q1-position': '1',
    ...overrides,
  };
}

/** Creates a consultation from the secretariat's form; returns its slug. */
export async function createConsultation(
  client: TestClient,
  processSlug: string,
  fields: Record<string, string | string[]> = consultationFields(),
): Promise<string> {
  await client.get(`/processes/${processSlug}/consultations/new`);
  const response = await client.post(`/processes/${processSlug}/consultations/new`, fields);
  assert.equal(response.statusCode, 303, response.body);
  return String(response.headers.location).replace(/^\/consultations\/([^/]+)\/edit$/, '$1');
}

/** The actor of a registered person, to call services directly as them. */
export async function actorOf(t: TestApp, email: string): Promise<Actor> {
  const user = await t.services.accounts.findUserByEmail(email);
  assert.ok(user, `no user ${email}`);
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, emailConfirmed: true },
    grants: await t.services.roles.grantsOf(user.id),
  };
}

/** A confirmed participant who can submit through the service. */
export async function participant(t: TestApp, email: string, displayName: string): Promise<Actor> {
  await t.services.accounts.createConfirmedUser({
    email,
    password: 'participant password',
    displayName,
  });
  return actorOf(t, email);
}
