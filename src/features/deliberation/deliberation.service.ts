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
import type { ConsultationRecord } from '../consultations/index.ts';
import type { ConsultationsService } from '../consultations/index.ts';
import {
  visibleStatuses,
  type ConversationRecord,
  type DeliberationStore,
  type ParticipantRecord,
} from './deliberation.store.ts';
import { parseCachedMap, recomputeMap } from './map-cache.ts';
import { pickNext } from './next-statement.ts';
import { buildResults, type ResultsView } from './results.ts';
import type { ConversationSnapshot, VoteContext } from './vote-context.ts';
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

export type Standing =
  'participant' | 'may-join' | 'join-as-guest' | 'sign-in' | 'not-eligible' | 'closed';

/** Whether the actor may take part in the consultation (its eligibility: open, accredited, invited). */
export type Eligibility = (
  actor: Actor,
  consultation: ConsultationRecord,
) => Promise<'sign_in' | 'eligible' | 'not_eligible'>;

export interface NextStatement {
  number: number;
  body: string;
}

export interface DeliberationDeps {
  store: DeliberationStore;
  votes: VoteWriter;
  context: VoteContext;
  eligibility: Eligibility;
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

/**
 * Guests are welcome when the facilitator allows them and the consultation is open to everyone:
 * under accredited or invited eligibility only people who may take part can vote.
 */
export function welcomesGuests(
  consultation: ConsultationRecord,
  conversation: ConversationRecord,
): boolean {
  return conversation.allowGuests && consultation.eligibility === 'open';
}

export function deliberationService(deps: DeliberationDeps) {
  const { store, consultations, accounts, jobs, clock, context } = deps;
  // When this instance last asked for a recomputation of each conversation: a commit within the
  // debounce window needs no new request (the queued job's unique key would absorb it anyway).
  const recomputeAskedAt = new Map<string, number>();

  deps.votes.onCommit(async (ids) => {
    const now = clock.now().getTime();
    for (const id of ids) {
      if (now - (recomputeAskedAt.get(id) ?? -Infinity) < RECOMPUTE_DEBOUNCE_MS) continue;
      recomputeAskedAt.set(id, now);
      await scheduleRecompute(id);
    }
  });

  async function scheduleRecompute(conversationId: string): Promise<void> {
    await jobs.enqueue(
      OPINION_MAP_JOB,
      { conversationId },
      { uniqueKey: `${OPINION_MAP_JOB}:${conversationId}`, delayMs: RECOMPUTE_DEBOUNCE_MS },
    );
  }

  /** The conversation as a vote sees it (see vote-context.ts), checked like `load`. */
  async function loadForVote(actor: Actor, slug: string): Promise<ConversationSnapshot> {
    const snapshot = await context.snapshot(slug);
    // A draft consultation is not served from the snapshot: `load` answers "not found" to
    // everyone but its secretariat.
    if (!snapshot || !snapshot.consultation.publishedAt) {
      await load(actor, slug);
      throw NotFoundError('conversation');
    }
    return snapshot;
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

  function participantKey(
    consultation: ConsultationRecord,
    conversation: ConversationRecord,
    voter: Voter,
  ): { userId: string } | { guestKeyHash: string } | undefined {
    if (voter.actor.user) return { userId: voter.actor.user.id };
    if (voter.guestKey && welcomesGuests(consultation, conversation))
      return { guestKeyHash: hashToken(voter.guestKey) };
    return undefined;
  }

  async function findParticipant(
    consultation: ConsultationRecord,
    conversation: ConversationRecord,
    voter: Voter,
  ): Promise<ParticipantRecord | undefined> {
    const key = participantKey(consultation, conversation, voter);
    return key && context.participant(conversation.id, key);
  }

  /**
   * Signed-in people join on their first vote, with the stakeholder group and country of their
   * profile, if the consultation's eligibility lets them take part. Eligibility is checked when
   * they join, not at every vote.
   */
  async function participantFor(
    consultation: ConsultationRecord,
    conversation: ConversationRecord,
    voter: Voter,
  ): Promise<ParticipantRecord> {
    const existing = await findParticipant(consultation, conversation, voter);
    if (existing) return existing;
    const user = voter.actor.user;
    if (!user) {
      if (welcomesGuests(consultation, conversation))
        throw new AppError('guest_required', 'join as a guest first');
      throw UnauthenticatedError();
    }
    if ((await deps.eligibility(voter.actor, consultation)) !== 'eligible')
      throw new AppError('not_eligible', 'you may not take part in this consultation');
    const profile = await accounts.findUser(user.id);
    const participant = await store.insertParticipant(
      conversation.id,
      newId(),
      {
        userId: user.id,
        stakeholderGroup: profile?.stakeholderGroup ?? null,
        country: profile?.country ?? null,
      },
      clock.now().toISOString(),
    );
    context.rememberParticipant(conversation.id, { userId: user.id }, participant);
    return participant;
  }

  function requireOpen(consultation: ConsultationRecord): void {
    if (consultations.phase(consultation) !== 'open')
      throw new AppError('conversation_closed', 'the conversation is not open');
  }

  /** The visible statement the voter has not voted on with the highest priority (next-statement.ts). */
  async function nextFor(
    snapshot: ConversationSnapshot,
    participant: ParticipantRecord | undefined,
    voterKey: string,
  ): Promise<NextStatement | null> {
    const voted = participant ? await context.votedBy(participant.id) : undefined;
    const next = pickNext(snapshot.visible.values(), participant?.id ?? voterKey, (s) =>
      voted ? voted.has(s.id) : false,
    );
    return next ? { number: next.number, body: next.body } : null;
  }

  return {
    load,
    scheduleRecompute,
    recompute: (conversationId: string) => recomputeMap(store, clock, conversationId),
    /** The version of the cached map (undefined before the first): what live results watch. */
    mapVersion: (conversationId: string) => store.mapVersion(conversationId),

    /** Where the voter stands, and the statement to show them. */
    async conversationPage(voter: Voter, slug: string) {
      const { consultation, conversation } = await load(voter.actor, slug);
      const participant = await findParticipant(consultation, conversation, voter);
      const open = consultations.phase(consultation) === 'open';
      const standing: Standing = !open
        ? 'closed'
        : participant
          ? 'participant'
          : voter.actor.user
            ? (await deps.eligibility(voter.actor, consultation)) === 'eligible'
              ? 'may-join'
              : 'not-eligible'
            : welcomesGuests(consultation, conversation)
              ? 'join-as-guest'
              : 'sign-in';
      const snapshot = open ? await context.snapshot(slug) : null;
      const next =
        snapshot && (standing === 'participant' || standing === 'may-join')
          ? await nextFor(snapshot, participant, voter.actor.user?.id ?? 'visitor')
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
      if (!welcomesGuests(consultation, conversation))
        throw new AppError('guests_not_allowed', 'this conversation does not take guests');
      if (!voter.guestKey) throw new AppError('guest_required', 'no guest key');
      const errors: Record<string, string> = {};
      if (input.stakeholderGroup && !isStakeholderGroup(input.stakeholderGroup))
        errors.stakeholderGroup = 'errors.choiceInvalid';
      if (input.country && !isCountryCode(input.country)) errors.country = 'errors.choiceInvalid';
      if (Object.keys(errors).length) throw ValidationError(errors);
      const guestKeyHash = hashToken(voter.guestKey);
      if (await context.participant(conversation.id, { guestKeyHash })) return;
      const participant = await store.insertParticipant(
        conversation.id,
        newId(),
        {
          guestKeyHash,
          stakeholderGroup: input.stakeholderGroup || null,
          country: input.country || null,
        },
        clock.now().toISOString(),
      );
      context.rememberParticipant(conversation.id, { guestKeyHash }, participant);
    },

    /** Records a vote (replacing any earlier one on the statement) and returns the next statement. */
    async castVote(
      voter: Voter,
      slug: string,
      number: number,
      vote: 1 | -1 | 0,
    ): Promise<NextStatement | null> {
      const snapshot = await loadForVote(voter.actor, slug);
      const { consultation, conversation } = snapshot;
      requireOpen(consultation);
      const participant = await participantFor(consultation, conversation, voter);
      const statement = snapshot.visible.get(number);
      if (!statement) throw NotFoundError('statement');
      await deps.votes.write({
        conversationId: conversation.id,
        participantId: participant.id,
        statementId: statement.id,
        vote,
        votedAt: clock.now().getTime(),
      });
      context.rememberVote(participant.id, statement.id);
      return nextFor(snapshot, participant, participant.id);
    },

    /** A participant's statement; it waits for moderation or shows at once, as the facilitator chose. */
    async writeStatement(voter: Voter, slug: string, body: string): Promise<'pending' | 'shown'> {
      const { consultation, conversation } = await load(voter.actor, slug);
      requireOpen(consultation);
      if (!conversation.allowStatements)
        throw new AppError('statements_closed', 'participants may not add statements');
      const text = body.trim().replace(/\s+/g, ' ');
      if (!text) throw ValidationError({ body: 'errors.required' });
      if ([...text].length > MAX_STATEMENT_LENGTH)
        throw ValidationError({ body: 'errors.tooLong' });
      const participant = await participantFor(consultation, conversation, voter);
      const id = newId();
      await store.insertStatement(conversation.id, {
        id,
        body: text,
        status: 'pending',
        isSeed: false,
        authorParticipantId: participant.id,
        now: clock.now().toISOString(),
      });
      if (conversation.moderation === 'after') context.forget(slug);
      // As in Pol.is, authors agree with what they wrote; the vote counts once the statement shows.
      await deps.votes.write({
        conversationId: conversation.id,
        participantId: participant.id,
        statementId: id,
        vote: 1,
        votedAt: clock.now().getTime(),
      });
      context.rememberVote(participant.id, id);
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
