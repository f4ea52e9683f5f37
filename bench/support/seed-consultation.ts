// Seeds a consultation with many published submissions, straight into the database (bulk
// inserts), then indexes them for search through the real indexer. Run as a child process:
//   node --import tsx bench/support/seed-consultation.ts COUNT   (env: DATA_DIR or DATABASE_URL)
// Prints {"slug": "..."}.
import { createServices } from '../../src/app/services.ts';
import { prepareInstance } from '../../src/app/instance.ts';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { newId } from '../../src/shared/ids.ts';
import { utcToZoned } from '../../src/shared/time-zones.ts';

const count = Number(process.argv[2] ?? 10000);
const DAY = 24 * 3600 * 1000;
const TEXTS = [
  'Internet shutdowns during elections must end, and governments should commit never to order one.',
  'Strong encryption protects journalists and human rights defenders; backdoors weaken everyone.',
  'Community networks bring affordable connectivity to rural areas and deserve public funding.',
  "Les coupures d'Internet pendant les élections doivent cesser.",
  'Los gobiernos deberían financiar redes comunitarias en zonas rurales.',
  'يجب على الحكومات أن تلتزم بعدم قطع الإنترنت أبدا.',
  '各国政府应承诺永不下令断网。',
  'Правительства должны обязаться никогда не отключать интернет.',
];
const LANGS = ['en', 'en', 'en', 'fr', 'es', 'ar', 'zh', 'ru'];

const config = loadConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const services = createServices(config, database);
await prepareInstance(services);
const adminId = await services.accounts.createConfirmedUser({
  email: `bench-admin-${newId()}@example.org`,
  password: 'bench password 123',
  displayName: 'Bench Admin',
});
const admin: Actor = {
  user: { id: adminId, email: 'bench@example.org', displayName: 'Bench', emailConfirmed: true },
  grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
};
const process_ = await services.processes.openProcess(admin, {
  title: `Bench process ${newId()}`,
  convener: 'Bench',
  description: 'Generated.',
  frameworks: [],
});
const local = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');
const c = await services.consultations.createConsultation(admin, process_.slug, {
  title: `Bench consultation ${newId()}`,
  context: 'Generated for benchmarks.',
  languages: ['en', 'fr'],
  eligibility: 'open',
  rule: 'chatham_house',
  opensAtLocal: local(-DAY),
  closesAtLocal: local(365 * DAY),
  timeZone: 'UTC',
});
await services.consultations.saveQuestions(admin, c.slug, [
  { text: 'What should change?', help: '' },
  { text: 'Who is left out?', help: '' },
]);
await services.consultations.publishConsultation(admin, c.slug);
const questions = await services.consultations.questions(c.id);

const BATCH = 500;
for (let start = 0; start < count; start += BATCH) {
  await database.db.transaction().execute(async (trx) => {
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const id = newId();
      const at = new Date(Date.now() - (count - i) * 1000).toISOString();
      const lang = LANGS[i % LANGS.length] ?? 'en';
      await trx
        .insertInto('submissions')
        .values({
          id,
          consultation_id: c.id,
          author_id: adminId,
          organisation_id: null,
          status: 'published',
          language: lang,
          free_text: `${TEXTS[i % TEXTS.length]} (#${i})`,
          version: 1,
          idempotency_key: null,
          created_at: at,
          updated_at: at,
          submitted_at: at,
          published_at: at,
          rejection_category: null,
          rejection_note: null,
          withdrawn_at: null,
        })
        .execute();
      await trx
        .insertInto('submission_answers')
        .values({
          submission_id: id,
          question_id: questions[i % questions.length]?.id ?? '',
          text: TEXTS[(i + 3) % TEXTS.length] ?? '',
        })
        .execute();
    }
  });
}
const consultation = await services.consultations.load(c.slug);
let beforeId: string | undefined;
for (;;) {
  const page = await services.submissions.publicPage(consultation, { limit: BATCH, beforeId });
  for (const s of page.items) await services.search.index.submissionPublished(consultation, s);
  if (!page.next) break;
  beforeId = page.next;
}
await database.close();
console.log(JSON.stringify({ slug: c.slug }));
