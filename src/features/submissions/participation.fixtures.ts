// Test factories for the participation pages: a process with its secretariat, consultations that
// are open now (by the app's clock), people and organisations, built through the services.
import type { Actor } from '../../shared/actor.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { actorFor, instanceAdmin } from '../../testing/factories.ts';

const DAY = 24 * 3600 * 1000;

/** A clock the test moves by hand (deadlines). */
export function testClock(start = new Date()): {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
} {
  let current = start;
  return {
    now: () => current,
    set: (at) => (current = at),
    advance: (ms) => (current = new Date(current.getTime() + ms)),
  };
}

export interface Participation {
  secretariat: Actor;
  processSlug: string;
  /** Creates, fills and publishes a consultation open from yesterday to `closesInDays` from now. */
  openConsultation(input: {
    title: string;
    rule: string;
    eligibility?: string;
    closesInDays?: number;
    context?: string;
  }): Promise<{ slug: string; id: string; questionIds: string[] }>;
  /** An organisation with these members (the first is its owner). */
  organisation(name: string, members: Actor[]): Promise<{ id: string; slug: string }>;
  publish(submissionId: string): Promise<void>;
}

export async function participationFixture(
  t: TestApp,
  processTitle = 'Ottawa Agenda',
): Promise<Participation> {
  const now = () => t.services.clock.now().getTime();
  const admin = await instanceAdmin(t, 'fixture-admin@example.org', 'Fixture Admin');
  const process = await t.services.processes.openProcess(admin, {
    title: processTitle,
    convener: 'Coalition',
    description: 'Regional consultations.',
    frameworks: [],
  });
  const secretariat = await actorFor(
    t,
    `secretariat-${process.slug}@example.org`,
    'Secretariat Person',
  );
  await t.services.roles.grant({
    userId: secretariat.user?.id ?? '',
    role: 'secretariat',
    scopeType: 'process',
    scopeId: process.id,
    grantedBy: null,
    now: new Date().toISOString(),
  });
  secretariat.grants = await t.services.roles.grantsOf(secretariat.user?.id ?? '');

  return {
    secretariat,
    processSlug: process.slug,
    async openConsultation(input) {
      const local = (ms: number) =>
        utcToZoned(new Date(now() + ms).toISOString(), 'Africa/Nairobi');
      const c = await t.services.consultations.createConsultation(secretariat, process.slug, {
        title: input.title,
        context: input.context ?? 'Some **context**.',
        languages: ['en', 'fr'],
        eligibility: input.eligibility ?? 'open',
        rule: input.rule,
        opensAtLocal: local(-DAY),
        closesAtLocal: local((input.closesInDays ?? 30) * DAY),
        timeZone: 'Africa/Nairobi',
      });
      await t.services.consultations.saveQuestions(secretariat, c.slug, [
        { text: 'What should change?', help: 'Think about access and cost.' },
        { text: 'Who is left out?', help: '' },
      ]);
      await t.services.consultations.publishConsultation(secretariat, c.slug);
      return {
        slug: c.slug,
        id: c.id,
        questionIds: (await t.services.consultations.questions(c.id)).map((q) => q.id),
      };
    },
    async organisation(name, members) {
      const [owner, ...rest] = members;
      if (!owner) throw new Error('an organisation needs an owner');
      const org = await t.services.organisations.createOrganisation(owner, {
        name,
        stakeholderGroup: 'civil_society',
        country: null,
        website: null,
        description: '',
      });
      for (const m of rest) {
        await t.services.db
          .insertInto('organisation_members')
          .values({
            organisation_id: org.id,
            user_id: m.user?.id ?? '',
            role: 'member',
            created_at: new Date().toISOString(),
          })
          .execute();
      }
      return { id: org.id, slug: org.slug };
    },
    publish: (submissionId) =>
      t.services.submissions.moderate(secretariat, submissionId, { action: 'publish' }),
  };
}
