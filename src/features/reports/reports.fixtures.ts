// Test factories for reports, coding and responses: a consultation (any rule and languages) with
// published submissions from distinct people whose profiles give stakeholder groups and regions;
// and a fake OpenAI-compatible provider for the tests of the optional provider.
import { createServer, type Server } from 'node:http';
import type { Actor } from '../../shared/actor.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import type { TestApp, TestClient } from '../../testing/test-app.ts';

const DAY = 24 * 3600 * 1000;
const PASSWORD = 'long password 123';

export const SAMPLE_TEXTS: Array<{ language: string; text: string }> = [
  {
    language: 'en',
    text: 'Internet shutdowns during elections cut people off. Governments must stop network shutdowns and publish every order.',
  },
  {
    language: 'en',
    text: 'Shutdowns of mobile networks silence journalists. States should end internet shutdowns during protests.',
  },
  {
    language: 'fr',
    text: 'La littératie numérique doit entrer dans les programmes scolaires. Les gouvernements devraient financer la formation des enseignants.',
  },
  {
    language: 'fr',
    text: 'Former les citoyens à la littératie numérique est urgent; les écoles doivent enseigner la vérification des sources.',
  },
  {
    language: 'es',
    text: 'El cifrado de extremo a extremo protege a los defensores. Los estados deberían proteger el cifrado y no exigir puertas traseras.',
  },
  {
    language: 'ar',
    text: 'يجب على الحكومات حماية التشفير. التشفير يحمي الصحفيين والمدافعين عن حقوق الإنسان.',
  },
  { language: 'zh', text: '各国政府应当保障网络连接的可负担性。农村地区的数字包容需要更多投资。' },
  {
    language: 'ru',
    text: 'Государства должны обеспечить доступный интернет в сельских районах. Цифровая инклюзия требует инвестиций.',
  },
];

const PROFILES: Array<{ group: string; country: string }> = [
  { group: 'civil_society', country: 'KE' },
  { group: 'civil_society', country: 'SN' },
  { group: 'academia', country: 'FR' },
  { group: 'civil_society', country: 'BR' },
  { group: 'private_sector', country: 'US' },
  { group: 'technical_community', country: 'JO' },
  { group: 'government', country: 'CN' },
  { group: 'civil_society', country: 'KZ' },
];

export async function person(
  t: TestApp,
  email: string,
  displayName: string,
  profile?: { group: string; country: string },
): Promise<Actor> {
  const id = await t.services.accounts.createConfirmedUser({
    email,
    password: PASSWORD,
    displayName,
  });
  if (profile)
    await t.services.accounts.updateProfile(id, {
      displayName,
      stakeholderGroup: profile.group,
      country: profile.country,
      languages: ['en'],
      locale: 'en',
      gender: null,
      ageBand: null,
      disability: null,
    });
  return {
    user: { id, email, displayName, emailConfirmed: true },
    grants: await t.services.roles.grantsOf(id),
  };
}

export async function signIn(t: TestApp, email: string): Promise<TestClient> {
  const client = t.client();
  await client.get('/account/sign-in');
  const response = await client.post('/account/sign-in', { email, password: PASSWORD });
  if (response.statusCode !== 303)
    throw new Error(`sign-in failed for ${email}: ${response.statusCode}`);
  return client;
}

/**
 * What a secretariat does to publish the report: generate a draft, let its job run, publish it.
 * Returns the secretariat's client for what the test does next.
 */
export async function publishReport(t: TestApp, f: ReportFixture): Promise<TestClient> {
  const secretariat = await signIn(t, f.secretariatEmail);
  await secretariat.post(`/consultations/${f.slug}/report/generate`);
  await t.worker.drain();
  const response = await secretariat.post(`/consultations/${f.slug}/report/publish`);
  if (response.statusCode !== 303) throw new Error(`publishing failed: ${response.statusCode}`);
  return secretariat;
}

export interface ReportFixture {
  slug: string;
  consultationId: string;
  secretariat: Actor;
  secretariatEmail: string;
  submissionIds: string[];
  authors: Actor[];
}

/** A published consultation (still open, so submissions can be made) with `count` published submissions. */
export async function reportFixture(
  t: TestApp,
  options: { key: string; rule?: string; languages?: string[]; count?: number },
): Promise<ReportFixture> {
  const admin = await person(t, `admin-${options.key}@example.org`, 'Fixture Admin');
  await t.services.roles.grant({
    userId: admin.user?.id ?? '',
    role: 'instance_admin',
    scopeType: 'instance',
    scopeId: '',
    grantedBy: null,
    now: new Date().toISOString(),
  });
  admin.grants = await t.services.roles.grantsOf(admin.user?.id ?? '');
  const process = await t.services.processes.openProcess(admin, {
    title: `Process ${options.key}`,
    convener: 'Coalition',
    description: 'Regional consultations.',
    frameworks: [],
  });
  const secretariatEmail = `secretariat-${options.key}@example.org`;
  const secretariat = await person(t, secretariatEmail, 'Secretariat Person');
  await t.services.roles.grant({
    userId: secretariat.user?.id ?? '',
    role: 'secretariat',
    scopeType: 'process',
    scopeId: process.id,
    grantedBy: null,
    now: new Date().toISOString(),
  });
  secretariat.grants = await t.services.roles.grantsOf(secretariat.user?.id ?? '');
  const local = (ms: number) =>
    utcToZoned(new Date(t.services.clock.now().getTime() + ms).toISOString(), 'UTC');
  const c = await t.services.consultations.createConsultation(secretariat, process.slug, {
    title: `Regional consultation ${options.key}`,
    context: 'Six regional consultations feed the **Ottawa Agenda**.',
    languages: options.languages ?? ['en'],
    eligibility: 'open',
    rule: options.rule ?? 'attributed',
    opensAtLocal: local(-DAY),
    closesAtLocal: local(30 * DAY),
    timeZone: 'UTC',
  });
  await t.services.consultations.saveQuestions(secretariat, c.slug, [
    { text: 'What are the most pressing threats to internet freedom?', help: '' },
    { text: 'What should the coalition do?', help: '' },
  ]);
  await t.services.consultations.publishConsultation(secretariat, c.slug);
  const questions = await t.services.consultations.questions(c.id);
  const submissionIds: string[] = [];
  const authors: Actor[] = [];
  for (let i = 0; i < (options.count ?? 16); i++) {
    const sample = SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]!;
    const author = await person(
      t,
      `author-${options.key}-${i}@example.org`,
      `Author ${options.key} ${i}`,
      PROFILES[i % PROFILES.length],
    );
    const s = await t.services.submissions.submit(author, c.slug, {
      idempotencyKey: `${options.key}-${i}`,
      language: sample.language,
      freeText: sample.text,
      answers: [{ questionId: questions[1]?.id ?? '', text: sample.text.split(/[.。]/)[0] ?? '' }],
    });
    await t.services.submissions.moderate(secretariat, s.id, { action: 'publish' });
    submissionIds.push(s.id);
    authors.push(author);
  }
  return {
    slug: c.slug,
    consultationId: c.id,
    secretariat,
    secretariatEmail,
    submissionIds,
    authors,
  };
}

export const FAKE_SUMMARY = 'Participants called for an end to network shutdowns (fake provider).';

/** A request the fake provider received. */
export interface Received {
  path: string;
  body: string;
}

/**
 * Deterministic embeddings that know the fixture's topics in every language, as a multilingual
 * model would: texts on one topic point the same way whatever their language.
 */
const TOPICS = [
  ['shutdown'],
  ['littératie', 'literacy'],
  ['cifrado', 'التشفير', 'encrypt'],
  ['可负担', '农村', 'доступный', 'сельских'],
];
function fakeEmbedding(text: string): number[] {
  const lower = text.toLowerCase();
  return [...TOPICS.map((words) => (words.some((w) => lower.includes(w)) ? 1 : 0)), 0.01];
}

/** Answers chat completions (FAKE_SUMMARY) and embeddings under /v1, recording every request. */
export function fakeProvider(received: Received[]): Server {
  return createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ path: request.url ?? '', body });
      const reply =
        request.url === '/v1/chat/completions'
          ? { choices: [{ message: { role: 'assistant', content: FAKE_SUMMARY } }] }
          : request.url === '/v1/embeddings'
            ? {
                data: (JSON.parse(body) as { input: string[] }).input.map((text, index) => ({
                  index,
                  embedding: fakeEmbedding(text),
                })),
              }
            : undefined;
      response.writeHead(reply ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(reply ?? { error: 'not found' }));
    });
  });
}
