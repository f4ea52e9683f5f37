// Test data for the public surfaces (feeds, exports, search, attachments), set up through the
// services as a secretariat and participants would: a process, consultations under a chosen
// rule, submissions published by moderation.
import type { Actor } from '../../shared/actor.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { actorFor, instanceAdmin } from '../../testing/factories.ts';

const DAY = 24 * 3600 * 1000;
const local = (ms: number) => utcToZoned(new Date(Date.now() + ms).toISOString(), 'UTC');

export interface World {
  secretariat: Actor;
  processSlug: string;
  actorFor(email: string, displayName: string): Promise<Actor>;
  openConsultation(
    rule: string,
    title: string,
    options?: { languages?: string[]; questions?: string[] },
  ): Promise<{ slug: string; id: string; questionIds: string[] }>;
  publish(
    author: Actor,
    slug: string,
    input: { language: string; freeText?: string; answers?: string[]; organisationSlug?: string },
  ): Promise<string>;
}

let counter = 0;

export async function seedWorld(
  t: TestApp,
  processTitle = `Ottawa Agenda ${++counter}`,
): Promise<World> {
  const now = () => new Date().toISOString();
  const admin = await instanceAdmin(t, `admin-${counter}-${Date.now()}@example.org`, 'Admin');
  const process = await t.services.processes.openProcess(admin, {
    title: processTitle,
    convener: 'Coalition Secretariat',
    description: 'Regional consultations.',
    frameworks: ['SDG 16'],
  });
  const secretariat = await actorFor(t, `sec-${counter}-${Date.now()}@example.org`, 'Secretariat');
  await t.services.roles.grant({
    userId: secretariat.user?.id ?? '',
    role: 'secretariat',
    scopeType: 'process',
    scopeId: process.id,
    grantedBy: null,
    now: now(),
  });
  secretariat.grants = await t.services.roles.grantsOf(secretariat.user?.id ?? '');

  return {
    secretariat,
    processSlug: process.slug,
    actorFor: (email: string, displayName: string) => actorFor(t, email, displayName),
    async openConsultation(rule, title, options = {}) {
      const c = await t.services.consultations.createConsultation(secretariat, process.slug, {
        title,
        context: `Context of **${title}**`,
        languages: options.languages ?? ['en', 'fr', 'ar', 'ru', 'zh'],
        eligibility: 'open',
        rule,
        opensAtLocal: local(-DAY),
        closesAtLocal: local(30 * DAY),
        timeZone: 'UTC',
      });
      const questions = options.questions ?? ['What should change?', 'Who is left out?'];
      await t.services.consultations.saveQuestions(
        secretariat,
        c.slug,
        questions.map((text) => ({ text, help: '' })),
      );
      await t.services.consultations.publishConsultation(secretariat, c.slug);
      const questionIds = (await t.services.consultations.questions(c.id)).map((q) => q.id);
      return { slug: c.slug, id: c.id, questionIds };
    },
    async publish(author, slug, input) {
      const questionIds = (
        await t.services.consultations.questions((await t.services.consultations.load(slug)).id)
      ).map((q) => q.id);
      const answers = (input.answers ?? []).map((text, i) => ({
        questionId: questionIds[i] ?? '',
        text,
      }));
      const s = await t.services.submissions.submit(author, slug, {
        idempotencyKey: `k-${++counter}`,
        language: input.language,
        freeText: input.freeText ?? '',
        answers,
        organisationSlug: input.organisationSlug,
      });
      await t.services.submissions.moderate(secretariat, s.id, { action: 'publish' });
      return s.id;
    },
  };
}
