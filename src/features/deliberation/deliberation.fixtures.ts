// Test data for deliberation: a process whose secretariat opens a consultation with a conversation.
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { utcToZoned } from '../../shared/time-zones.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { actorFor } from '../../testing/factories.ts';

const DAY = 24 * 3600 * 1000;

/** A clock tests move forward, e.g. past the recomputation debounce. */
export function movableClock(start = Date.now()): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

export interface ConversationFixture {
  slug: string;
  secretariat: Actor;
  consultationId: string;
  conversationId: string;
}

/** A published, open consultation under `rule`, with a conversation (unless told not to) and seed statements. */
export async function openConversation(
  t: TestApp,
  options: {
    title: string;
    rule?: 'attributed' | 'chatham_house' | 'anonymous';
    moderation?: 'before' | 'after';
    allowGuests?: boolean;
    seeds?: string[];
    open?: boolean;
    withConversation?: boolean;
    eligibility?: 'open' | 'accredited' | 'invited';
    /** E-mail addresses invited to the consultation (for `eligibility: 'invited'`). */
    invite?: string[];
  },
): Promise<ConversationFixture> {
  const email = `sec-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const admin: Actor = {
    ...(await actorFor(t, email, 'Secretariat Person')),
    grants: [{ role: 'instance_admin', scopeType: 'instance', scopeId: '' }],
  };
  const process = await t.services.processes.openProcess(admin, {
    title: `${options.title} process`,
    convener: 'Coalition',
    description: 'Process.',
    frameworks: [],
  });
  await t.services.roles.grant({
    userId: admin.user?.id ?? '',
    role: 'secretariat',
    scopeType: 'process',
    scopeId: process.id,
    grantedBy: null,
    now: new Date().toISOString(),
  });
  const secretariat: Actor = {
    ...admin,
    grants: [{ role: 'secretariat', scopeType: 'process', scopeId: process.id }],
  };
  const now = t.services.clock.now().getTime();
  const local = (ms: number) => utcToZoned(new Date(now + ms).toISOString(), 'UTC');
  const open = options.open ?? true;
  const c = await t.services.consultations.createConsultation(secretariat, process.slug, {
    title: options.title,
    context: 'Context',
    languages: ['en'],
    eligibility: options.eligibility ?? 'open',
    rule: options.rule ?? 'attributed',
    opensAtLocal: local(open ? -DAY : DAY),
    closesAtLocal: local(30 * DAY),
    timeZone: 'UTC',
  });
  await t.services.consultations.saveQuestions(secretariat, c.slug, [
    { text: 'What matters?', help: '' },
  ]);
  if (options.invite?.length)
    await t.services.consultations.inviteParticipants(secretariat, c.slug, options.invite);
  await t.services.consultations.publishConsultation(secretariat, c.slug);
  const { facilitation } = t.services.deliberation;
  if (options.withConversation === false)
    return { slug: c.slug, secretariat, consultationId: c.id, conversationId: '' };
  await facilitation.configure(secretariat, c.slug, {
    topic: `${options.title} topic`,
    description: 'Vote on the statements.',
    moderation: options.moderation ?? 'after',
    allowGuests: options.allowGuests ?? false,
    allowStatements: true,
  });
  if (options.seeds?.length)
    await facilitation.seedStatements(secretariat, c.slug, options.seeds.join('\n'));
  const conversation = await t
    .db()
    .selectFrom('conversations')
    .select('id')
    .where('consultation_id', '=', c.id)
    .executeTakeFirstOrThrow();
  return { slug: c.slug, secretariat, consultationId: c.id, conversationId: conversation.id };
}
