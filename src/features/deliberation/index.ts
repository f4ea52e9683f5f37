// The one door to deliberation: conversations, statements, votes and the opinion map.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobDefinition } from '../../jobs/worker.ts';
import type { Clock } from '../../shared/clock.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import { deliberationStore } from './deliberation.store.ts';
import { deliberationService, OPINION_MAP_JOB, type Eligibility } from './deliberation.service.ts';
import { facilitationService } from './facilitation.service.ts';
import { voteContext } from './vote-context.ts';
import { voteWriter } from './vote-writer.ts';

export { deliberationRoutes } from './deliberation.routes.tsx';
export { OPINION_MAP_JOB } from './deliberation.service.ts';
export { POLIS_FILES } from './polis-io.ts';

export interface DeliberationFeatureDeps {
  db: Kysely<DB>;
  consultations: ConsultationsService;
  accounts: AccountsService;
  jobs: JobQueue;
  clock: Clock;
  baseUrl: string;
  /** Who may take part in a consultation (the submissions feature decides it for every surface). */
  eligibility: Eligibility;
}

/** Builds the participation and facilitation services over one store and one vote writer. */
export function deliberationFeature(deps: DeliberationFeatureDeps) {
  const store = deliberationStore(deps.db);
  const context = voteContext({
    store,
    consultationBySlug: (slug) => deps.consultations.load(slug),
  });
  const participation = deliberationService({
    store,
    votes: voteWriter(deps.db),
    context,
    eligibility: deps.eligibility,
    consultations: deps.consultations,
    accounts: deps.accounts,
    jobs: deps.jobs,
    clock: deps.clock,
  });
  const facilitation = facilitationService({
    db: deps.db,
    store,
    consultations: deps.consultations,
    clock: deps.clock,
    baseUrl: deps.baseUrl,
    scheduleRecompute: participation.scheduleRecompute,
    forget: context.forget,
  });
  /** Whether a consultation has a conversation, so its page can link to it. */
  const hasConversation = async (consultationId: string) =>
    (await store.findByConsultation(consultationId)) !== undefined;
  return { participation, facilitation, hasConversation };
}

export type Deliberation = ReturnType<typeof deliberationFeature>;

/** The background job that recomputes and caches a conversation's opinion map. */
export function opinionMapJob(deliberation: Deliberation): Record<string, JobDefinition> {
  return {
    [OPINION_MAP_JOB]: {
      leaseMs: 10 * 60_000,
      async handle(context) {
        const { conversationId } = context.payload as { conversationId: string };
        await context.progress(0, 'computing');
        return deliberation.participation.recompute(conversationId);
      },
    },
  };
}
