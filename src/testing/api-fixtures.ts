// Test support for the API: people with roles and personal tokens, a process with consultations
// under any rule, and a JSON client that speaks to /api/v1 with a bearer token (or none).
import type { LightMyRequestResponse } from 'fastify';
import type { Actor } from '../shared/actor.ts';
import { utcToZoned } from '../shared/time-zones.ts';
import type { TestApp } from './test-app.ts';
import { actorFor, grantRole } from './factories.ts';

const DAY = 24 * 3600 * 1000;
const localIn = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');

export interface ApiResponse {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  json: any;
}

export interface Person {
  actor: Actor;
  id: string;
  email: string;
  token: string;
}

/** A JSON request to the API; `token` sends it as a bearer token. */
export async function api(
  t: TestApp,
  method: 'GET' | 'POST',
  url: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const response = await t.app.inject({
    method,
    url,
    headers,
    ...(options.body !== undefined ? { payload: options.body as object } : {}),
  });
  const json: unknown = /json/.test(String(response.headers['content-type']))
    ? JSON.parse(response.body)
    : undefined;
  return { status: response.statusCode, headers: response.headers, body: response.body, json };
}

export async function person(
  t: TestApp,
  email: string,
  displayName = email.split('@')[0] ?? 'Someone',
): Promise<Person> {
  const actor = await actorFor(t, email, displayName);
  const id = actor.user?.id ?? '';
  const { token } = await t.services.apiTokens.createToken(actor, {
    name: 'tests',
    scope: 'write',
    expiresInDays: 90,
    password: 'long password 123',
  });
  return { actor, id, email, token };
}

export async function grant(
  t: TestApp,
  who: Person,
  role: 'instance_admin' | 'secretariat',
  scopeId = '',
): Promise<void> {
  await grantRole(t, who.actor, role, scopeId);
}

/** A process run by `secretariat` (made an instance admin's process first). */
export async function seedProcess(t: TestApp, admin: Person, secretariat: Person, title: string) {
  const process = await t.services.processes.openProcess(admin.actor, {
    title,
    convener: 'A Coalition',
    description: 'Regional consultations.',
    frameworks: ['SDG 16'],
  });
  await grant(t, secretariat, 'secretariat', process.id);
  return process;
}

export interface ConsultationSeed {
  rule?: 'attributed' | 'chatham_house' | 'anonymous';
  eligibility?: 'open' | 'accredited' | 'invited';
  languages?: string[];
  publish?: boolean;
  /** Days from now; negative is in the past. */
  opensIn?: number;
}

/** A consultation with two questions, published (open now) unless told otherwise. */
export async function seedConsultation(
  t: TestApp,
  secretariat: Person,
  processSlug: string,
  title: string,
  seed: ConsultationSeed = {},
) {
  const opensIn = seed.opensIn ?? -1;
  const c = await t.services.consultations.createConsultation(secretariat.actor, processSlug, {
    title,
    context: 'Context',
    languages: seed.languages ?? ['en', 'fr'],
    eligibility: seed.eligibility ?? 'open',
    rule: seed.rule ?? 'attributed',
    opensAtLocal: localIn(opensIn * DAY),
    closesAtLocal: localIn((opensIn + 30) * DAY),
    timeZone: 'UTC',
  });
  await t.services.consultations.saveQuestions(secretariat.actor, c.slug, [
    { text: 'What should change?', help: 'Be concrete.' },
    { text: 'Who is left out?', help: '' },
  ]);
  if (seed.publish !== false)
    await t.services.consultations.publishConsultation(secretariat.actor, c.slug);
  return { slug: c.slug, id: c.id, questions: await t.services.consultations.questions(c.id) };
}

/** Submits through the API and has the secretariat publish it; returns the submission id. */
export async function publishedSubmission(
  t: TestApp,
  author: Person,
  secretariat: Person,
  slug: string,
  body: Record<string, unknown>,
): Promise<string> {
  const created = await api(t, 'POST', `/api/v1/consultations/${slug}/submissions`, {
    token: author.token,
    body: { language: 'en', freeText: '', answers: [], submit: true, ...body },
  });
  if (created.status !== 201) throw new Error(`submit failed: ${created.status} ${created.body}`);
  const moderated = await api(t, 'POST', `/api/v1/submissions/${created.json.id}/moderation`, {
    token: secretariat.token,
    body: { action: 'publish' },
  });
  if (moderated.status !== 200)
    throw new Error(`publish failed: ${moderated.status} ${moderated.body}`);
  return created.json.id as string;
}
