// What every vote needs to know, read from the database at most about once a second per
// conversation rather than on every vote (the target is ≥ 5,000 votes/s on SQLite:
// BENCHMARKS.md).
//
// A vote used to cost seven queries (consultation, conversation, participant, statement, the
// unvoted set, the map version, the next statement's text) on the one connection SQLite has,
// each waiting behind the group commit of the vote writer. Now a vote reads one thing from the
// database — the statements this participant has already voted on, which must be exact — and
// takes the rest from a snapshot:
//   - the consultation and its conversation (settings, dates: the phase is still computed from
//     the dates against the clock at each vote, so a deadline is exact to the millisecond);
//   - the visible statements with their numbers and texts;
//   - the next-statement priorities derived from the cached opinion map.
// A snapshot lives FRESH_MS. Changes made through this instance (facilitation, a participant's
// new statement) forget it at once; changes made through another instance, or to the
// consultation by the secretariat, show within FRESH_MS. Nothing here is the only copy of
// anything: every entry can be dropped at any time and is read again from the database.
//
// Participants are cached longer (their identity never changes once created), keyed by the
// conversation and the user id or the guest key's hash. So is the set of statements each
// participant has voted on, read once and then kept up to date by the votes this instance
// records: a vote through another instance can leave it behind for VOTED_TTL_MS, and the worst
// that does is offer that statement again (voting again replaces the earlier vote).
import { LRUCache } from 'lru-cache';
import type { ConsultationRecord } from '../consultations/index.ts';
import {
  visibleStatuses,
  type ConversationRecord,
  type DeliberationStore,
  type ParticipantRecord,
} from './deliberation.store.ts';
import { parseCachedMap } from './map-cache.ts';

export const FRESH_MS = 1_000;
const PARTICIPANT_TTL_MS = 10 * 60_000;
const VOTED_TTL_MS = 30_000;

export interface Priority {
  votes: number;
  divisiveness: number;
}

/** A statement participants may vote on now, with its next-statement priority inputs. */
export interface VisibleStatement extends Priority {
  id: string;
  number: number;
  body: string;
}

export interface ConversationSnapshot {
  consultation: ConsultationRecord;
  conversation: ConversationRecord;
  /**
   * Statements participants may vote on now, by number, oldest first, with the votes and
   * divisiveness of the last computed map (0 before one).
   */
  visible: Map<number, VisibleStatement>;
}

export interface VoteContextDeps {
  store: DeliberationStore;
  /** The consultation by slug, whoever asks (visibility is checked by the caller). */
  consultationBySlug(slug: string): Promise<ConsultationRecord>;
}

type ParticipantKey = { userId: string } | { guestKeyHash: string };

export function voteContext(deps: VoteContextDeps) {
  const { store } = deps;
  const snapshots = new LRUCache<string, Promise<ConversationSnapshot | null>>({
    max: 1_000,
    ttl: FRESH_MS,
  });
  // lru-cache sets aside its slots up front (about 24 bytes each), so the bounds stay modest: a
  // participant pushed out is read again from the database.
  const participants = new LRUCache<string, ParticipantRecord>({
    max: 20_000,
    ttl: PARTICIPANT_TTL_MS,
  });
  const voted = new LRUCache<string, Set<string>>({ max: 20_000, ttl: VOTED_TTL_MS });
  // The parsed priorities of the last map seen per conversation, kept until its version changes.
  const priorities = new LRUCache<string, { version: number; table: Map<number, Priority> }>({
    max: 1_000,
  });

  async function priorityTable(conversationId: string): Promise<Map<number, Priority>> {
    const version = await store.mapVersion(conversationId);
    if (version === undefined) return new Map();
    const known = priorities.get(conversationId);
    if (known && known.version === version) return known.table;
    const cached = await store.cachedMap(conversationId);
    if (!cached) return new Map();
    const map = parseCachedMap(cached.result);
    const table = new Map(
      map.statements.map((s) => [s.number, { votes: s.total.S, divisiveness: s.divisiveness }]),
    );
    priorities.set(conversationId, { version: cached.version, table });
    return table;
  }

  async function read(slug: string): Promise<ConversationSnapshot | null> {
    const consultation = await deps.consultationBySlug(slug);
    const conversation = await store.findByConsultation(consultation.id);
    if (!conversation) return null;
    const [statements, table] = await Promise.all([
      store.statements(conversation.id, visibleStatuses(conversation.moderation)),
      priorityTable(conversation.id),
    ]);
    const visible = new Map(
      statements.map((s) => [
        s.number,
        {
          id: s.id,
          number: s.number,
          body: s.body,
          votes: table.get(s.number)?.votes ?? 0,
          divisiveness: table.get(s.number)?.divisiveness ?? 0,
        },
      ]),
    );
    return { consultation, conversation, visible };
  }

  const participantKey = (conversationId: string, who: ParticipantKey) =>
    'userId' in who
      ? `${conversationId}:u:${who.userId}`
      : `${conversationId}:g:${who.guestKeyHash}`;

  return {
    /**
     * The snapshot of a consultation's conversation, or null when it has none. Errors (unknown
     * consultation) are not kept, so the next call asks again.
     */
    snapshot(slug: string): Promise<ConversationSnapshot | null> {
      let pending = snapshots.get(slug);
      if (!pending) {
        pending = read(slug);
        snapshots.set(slug, pending);
        pending.catch(() => snapshots.delete(slug));
      }
      return pending;
    },

    /** Drops what this instance knows of a conversation after a change made through it. */
    forget(slug: string): void {
      snapshots.delete(slug);
    },

    async participant(
      conversationId: string,
      who: ParticipantKey,
    ): Promise<ParticipantRecord | undefined> {
      const key = participantKey(conversationId, who);
      const known = participants.get(key);
      if (known) return known;
      const found = await store.findParticipant(conversationId, who);
      if (found) participants.set(key, found);
      return found;
    },

    rememberParticipant(conversationId: string, who: ParticipantKey, p: ParticipantRecord): void {
      participants.set(participantKey(conversationId, who), p);
    },

    /** The statements the participant has voted on (ids). */
    async votedBy(participantId: string): Promise<ReadonlySet<string>> {
      const known = voted.get(participantId);
      if (known) return known;
      const found = await store.votedStatementIds(participantId);
      voted.set(participantId, found);
      return found;
    },

    /** Records a committed vote in the participant's voted set, if this instance holds it. */
    rememberVote(participantId: string, statementId: string): void {
      voted.get(participantId)?.add(statementId);
    },
  };
}

export type VoteContext = ReturnType<typeof voteContext>;
