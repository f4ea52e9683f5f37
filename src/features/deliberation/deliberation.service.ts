// Taking part in a conversation: join (as an account or a guest), vote one statement at a time,
// write statements, and read the results as they form.
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  AppError,
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
} from '../../shared/errors.ts';
import { isCountryCode } from '../../shared/geography.ts';
import { hashToken, newId } from '../../shared/ids.ts';
import { isStakeholderGroup } from '../../shared/stakeholders.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { ConsultationRecord } from '../consultations/consultations.store.ts';
import type { ConsultationsService } from '../consultations/consultations.service.ts';
import {
  visibleStatuses,
  type ConversationRecord,
  type DeliberationStore,
  type ParticipantRecord,
} from './deliberation.store.ts';
import { parseCachedMap, recomputeMap } from './map-cache.ts';
import { pickNext } from './next-statement.ts';
import { buildResults, type ResultsView } from './results.ts';
import type { VoteWriter } from './vote-writer.ts';

export const OPINION_MAP_JOB = 'deliberation.opinion-map';
/** Votes arriving within this window share one recomputation. */
export const RECOMPUTE_DEBOUNCE_MS = 5_000;
export const MAX_STATEMENT_LENGTH = 280;

/** Who is taking part: the signed-in actor, or the key from a guest's signed cookie. */
export interface Voter {
  actor: Actor;
  guestKey: string | null;
}

export type Standing = 'participant' | 'may-join' | 'join-as-guest' | 'sign-in' | 'closed';

export interface NextStatement {
  number: number;
  body: string;
}

export interface DeliberationDeps {
  store: DeliberationStore;
  votes: VoteWriter;
  consultations: ConsultationsService;
  accounts: AccountsService;
  jobs: JobQueue;
  clock: Clock;
}

const VOTES: Record<string, 1 | -1 | 0> = { agree: 1, disagree: -1, pass: 0 };

export function parseVote(value: string): 1 | -1 | 0 {
  const vote = VOTES[value];
  if (vote === undefined) throw ValidationError({ vote: 'errors.choiceInvalid' });
  return vote;
}

export function deliberationService(deps: DeliberationDeps) {
  const { store, consultations, accounts, jobs, clock } = deps;
  // Next-statement priorities per conversation, derived from the cached map and kept until it changes.
  const priorities = new Map<
    string,
    { version: number; byNumber: Map<number, { votes: number; divisiveness: number }> }
  >();

  deps.votes.onCommit(async (ids) => {
    for (const id of ids) await scheduleRecompute(id);
  });

  async function scheduleRecompute(conversationId: string): Promise<void> {
    await jobs.enqueue(
      OPINION_MAP_JOB,
      { conversationId },
      { uniqueKey: `${OPINION_MAP_JOB}:${conversationId}`, delayMs: RECOMPUTE_DEBOUNCE_MS },
    );
  }

  async function load(
    actor: Actor,
    slug: string,
  ): Promise<{ consultation: ConsultationRecord; conversation: ConversationRecord }> {
    const consultation = await consultations.loadVisible(actor, slug);
    const conversation = await store.findByConsultation(consultation.id);
    if (!conversation) throw NotFoundError('conversation');
    return { consultation, conversation };
  }

  async function findParticipant(
    conversation: ConversationRecord,
    voter: Voter,
  ): Promise<ParticipantRecord | undefined> {
    if (voter.actor.user)
      return store.findParticipant(conversation.id, { userId: voter.actor.user.id });
    if (voter.guestKey && conversation.allowGuests)
      return store.findParticipant(conversation.id, { guestKeyHash: hashToken(voter.guestKey) });
    return undefined;
  }

  /** Signed-in people join on their first vote, with the stakeholder group and country of their profile. */
  async function participantFor(
    conversation: ConversationRecord,
    voter: Voter,
  ): Promise<ParticipantRecord> {
    const existing = await findParticipant(conversation, voter);
    if (existing) return existing;
    const user = voter.actor.user;
    if (!user) {
      if (conversation.allowGuests)
        throw new AppError('guest_required', 401, 'join as a guest first');
      throw UnauthenticatedError();
    }
    const profile = await accounts.findUser(user.id);
    return store.insertParticipant(
      conversation.id,
      newId(),
      {
        userId: user.id,
        stakeholderGroup: profile?.stakeholderGroup ?? null,
        country: profile?.country ?? null,
      },
      clock.now().toISOString(),
    );
  }

  function requireOpen(consultation: ConsultationRecord): void {
    if (consultations.phase(consultation) !== 'open')
      throw new AppError('conversation_closed', 409, 'the conversation is not open');
  }

  async function priorityTable(conversationId: string) {
    // The version alone is read on every vote; the map itself only when it changed.
    const version = await store.mapVersion(conversationId);
    const known = priorities.get(conversationId);
    if (version === undefined) return new Map<number, { votes: number; divisiveness: number }>();
    if (known && known.version === version) return known.byNumber;
    const cached = await store.cachedMap(conversationId);
    if (!cached) return new Map<number, { votes: number; divisiveness: number }>();
    const map = parseCachedMap(cached.result);
    const byNumber = new Map(
      map.statements.map((s) => [s.number, { votes: s.total.S, divisiveness: s.divisiveness }]),
    );
    priorities.set(conversationId, { version: cached.version, byNumber });
    return byNumber;
  }

  async function nextFor(
    conversation: ConversationRecord,
    participant: ParticipantRecord | undefined,
    voterKey: string,
  ): Promise<NextStatement | null> {
    const candidates = await store.unvoted(
      conversation.id,
      participant?.id ?? null,
      visibleStatuses(conversation.moderation),
    );
    const table = await priorityTable(conversation.id);
    const scored = candidates.map((c) => ({
      ...c,
      votes: table.get(c.number)?.votes ?? 0,
      divisiveness: table.get(c.number)?.divisiveness ?? 0,
    }));
    const next = pickNext(scored, participant?.id ?? voterKey);
    const statement = next && (await store.statement(conversation.id, next.number));
    return statement ? { number: statement.number, body: statement.body } : null;
  }

  return {
    load,
    scheduleRecompute,
    recompute: (conversationId: string) => recomputeMap(store, clock, conversationId),

    /** Where the voter stands, and the statement to show them. */
    async conversationPage(voter: Voter, slug: string) {
      const { consultation, conversation } = await load(voter.actor, slug);
      const participant = await findParticipant(conversation, voter);
      const open = consultations.phase(consultation) === 'open';
      const standing: Standing = !open
        ? 'closed'
        : participant
          ? 'participant'
          : voter.actor.user
            ? 'may-join'
            : conversation.allowGuests
              ? 'join-as-guest'
              : 'sign-in';
      const next = open
        ? await nextFor(conversation, participant, voter.actor.user?.id ?? 'visitor')
        : null;
      return {
        consultation,
        conversation,
        standing,
        next,
        participantNumber: participant?.number ?? null,
      };
    },

    async joinAsGuest(
      voter: Voter,
      slug: string,
      input: { stakeholderGroup: string; country: string },
    ): Promise<void> {
      const { consultation, conversation } = await load(voter.actor, slug);
      requireOpen(consultation);
      if (!conversation.allowGuests)
        throw new AppError('guests_not_allowed', 403, 'this conversation does not take guests');
      if (!voter.guestKey) throw new AppError('guest_required', 400, 'no guest key');
      const errors: Record<string, string> = {};
      if (input.stakeholderGroup && !isStakeholderGroup(input.stakeholderGroup))
        errors.stakeholderGroup = 'errors.choiceInvalid';
      if (input.country && !isCountryCode(input.country)) errors.country = 'errors.choiceInvalid';
      if (Object.keys(errors).length) throw ValidationError(errors);
      const guestKeyHash = hashToken(voter.guestKey);
      if (await store.findParticipant(conversation.id, { guestKeyHash })) return;
      await store.insertParticipant(
        conversation.id,
        newId(),
        {
          guestKeyHash,
          stakeholderGroup: input.stakeholderGroup || null,
          country: input.country || null,
        },
        clock.now().toISOString(),
      );
    },

    /** Records a vote (replacing any earlier one on the statement) and returns the next statement. */
    async castVote(
      voter: Voter,
      slug: string,
      number: number,
      vote: 1 | -1 | 0,
    ): Promise<NextStatement | null> {
      const { consultation, conversation } = await load(voter.actor, slug);
      requireOpen(consultation);
      const participant = await participantFor(conversation, voter);
      const statement = Number.isSafeInteger(number)
        ? await store.statement(conversation.id, number)
        : undefined;
      if (!statement || !visibleStatuses(conversation.moderation).includes(statement.status))
        throw NotFoundError('statement');
      await deps.votes.write({
        conversationId: conversation.id,
        participantId: participant.id,
        statementId: statement.id,
        vote,
        votedAt: clock.now().getTime(),
      });
      return nextFor(conversation, participant, participant.id);
    },

    /** A participant's statement; it waits for moderation or shows at once, as the facilitator chose. */
    async writeStatement(voter: Voter, slug: string, body: string): Promise<'pending' | 'shown'> {
      const { consultation, conversation } = await load(voter.actor, slug);
      requireOpen(consultation);
      if (!conversation.allowStatements)
        throw new AppError('statements_closed', 403, 'participants may not add statements');
      const text = body.trim().replace(/\s+/g, ' ');
      if (!text) throw ValidationError({ body: 'errors.required' });
      if ([...text].length > MAX_STATEMENT_LENGTH)
        throw ValidationError({ body: 'errors.tooLong' });
      const participant = await participantFor(conversation, voter);
      const id = newId();
      await store.insertStatement(conversation.id, {
        id,
        body: text,
        status: 'pending',
        isSeed: false,
        authorParticipantId: participant.id,
        now: clock.now().toISOString(),
      });
      // As in Pol.is, authors agree with what they wrote; the vote counts once the statement shows.
      await deps.votes.write({
        conversationId: conversation.id,
        participantId: participant.id,
        statementId: id,
        vote: 1,
        votedAt: clock.now().getTime(),
      });
      return conversation.moderation === 'before' ? 'pending' : 'shown';
    },

    /** The public results, from the cached map; asks for a fresh one when votes came in since. */
    async results(actor: Actor, slug: string): Promise<ResultsView> {
      const { consultation, conversation } = await load(actor, slug);
      const [cached, statements] = await Promise.all([
        store.cachedMap(conversation.id),
        store.statements(conversation.id, visibleStatuses(conversation.moderation)),
      ]);
      const stale = !cached || cached.version < conversation.version;
      if (stale && conversation.version > 0) await scheduleRecompute(conversation.id);
      return buildResults({
        consultation,
        conversation,
        map: cached ? parseCachedMap(cached.result) : null,
        statements,
        stale: stale && conversation.version > 0,
      });
    },
  };
}

export type DeliberationService = ReturnType<typeof deliberationService>;
