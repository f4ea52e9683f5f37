// A conversation in the Pol.is open-data layout, both ways, so groups can move between Pol.is and
// Polylogue. Exports name participants only by their number in the conversation (never a user
// id, name or e-mail), and under the Chatham House and anonymous rules keep only the day of each
// timestamp, as every other surface does.
import { sql, type Kysely } from 'kysely';
import {
  writePolisComments,
  writePolisParticipantsVotes,
  writePolisSummary,
  writePolisVotes,
  type PolisComment,
  type PolisConversation,
  type VoteRecord,
} from '../../engines/opinion-map/index.ts';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../shared/ids.ts';
import type { ConversationRecord, StatementRecord, StatementStatus } from './deliberation.store.ts';
import type { CachedMap } from './map-cache.ts';

export const POLIS_FILES = [
  'comments.csv',
  'votes.csv',
  'participants-votes.csv',
  'summary.csv',
] as const;
export type PolisFile = (typeof POLIS_FILES)[number];

const MODERATED: Record<StatementStatus, -1 | 0 | 1> = { accepted: 1, pending: 0, rejected: -1 };
const DAY = 24 * 3600 * 1000;

export interface ExportSource {
  conversation: ConversationRecord;
  title: string;
  url: string;
  exactTimes: boolean;
  statements: StatementRecord[];
  participants: Array<{ id: string; number: number }>;
  votes: Array<{ participantId: string; statementId: string; vote: number; votedAt: number }>;
  map: Pick<CachedMap, 'k' | 'statements'> | null;
  /** Each participant's opinion group by participant id (null or absent: not grouped). */
  groupOf: ReadonlyMap<string, number | null>;
}

function conversationOf(src: ExportSource): PolisConversation {
  const time = (ms: number) => (src.exactTimes ? ms : Math.floor(ms / DAY) * DAY);
  const pid = new Map(src.participants.map((p) => [p.id, String(p.number)]));
  const sid = new Map(src.statements.map((s) => [s.id, String(s.number)]));
  const counts = new Map<string, { agrees: number; disagrees: number }>();
  for (const v of src.votes) {
    const c = counts.get(v.statementId) ?? { agrees: 0, disagrees: 0 };
    if (v.vote === 1) c.agrees++;
    if (v.vote === -1) c.disagrees++;
    counts.set(v.statementId, c);
  }
  const gic = new Map((src.map?.statements ?? []).map((s) => [s.number, s.groupInformedConsensus]));
  const comments: PolisComment[] = src.statements.map((s) => {
    const comment: PolisComment = {
      id: String(s.number),
      authorId: s.authorParticipantId ? (pid.get(s.authorParticipantId) ?? '') : '',
      timestamp: time(Date.parse(s.createdAt)),
      agrees: counts.get(s.id)?.agrees ?? 0,
      disagrees: counts.get(s.id)?.disagrees ?? 0,
      moderated: MODERATED[s.status],
      body: s.body,
      isMeta: false,
      isSeed: s.isSeed,
    };
    const g = gic.get(s.number);
    if (g !== undefined && g !== null) comment.groupInformedConsensus = g;
    return comment;
  });
  const votes: VoteRecord[] = src.votes
    .map((v) => ({
      participantId: pid.get(v.participantId) ?? '',
      statementId: sid.get(v.statementId) ?? '',
      vote: v.vote as 1 | -1 | 0,
      timestamp: time(v.votedAt),
    }))
    .sort(
      (a, b) =>
        a.timestamp - b.timestamp ||
        Number(a.participantId) - Number(b.participantId) ||
        Number(a.statementId) - Number(b.statementId),
    );
  const participants = src.participants.map((p) => ({
    id: String(p.number),
    groupId: src.groupOf.get(p.id) ?? null,
  }));
  return { comments, participants, votes };
}

export function exportPolis(src: ExportSource): Record<PolisFile, string> {
  const conversation = conversationOf(src);
  const voters = new Set(conversation.votes.map((v) => v.participantId)).size;
  const commenters = new Set(conversation.comments.map((c) => c.authorId).filter(Boolean)).size;
  return {
    'comments.csv': writePolisComments(conversation.comments),
    'votes.csv': writePolisVotes(conversation.votes),
    'participants-votes.csv': writePolisParticipantsVotes(conversation),
    'summary.csv': writePolisSummary([
      ['topic', src.conversation.topic || src.title],
      ['url', src.url],
      ['voters', voters],
      ['voters-in-conv', voters],
      ['commenters', commenters],
      ['comments', conversation.comments.length],
      ['groups', src.map?.k ?? 0],
      ['conversation-description', src.conversation.description],
    ]),
  };
}

const CHUNK = 400;

/** Writes an imported Pol.is conversation into an empty conversation, in one transaction. */
export async function importPolis(
  db: Kysely<DB>,
  conversationId: string,
  polis: PolisConversation,
  now: string,
): Promise<{ participants: number; statements: number; votes: number }> {
  // Pol.is numbers participants and comments from 0; the numbers are kept so exports match.
  for (const id of [...polis.participants.map((p) => p.id), ...polis.comments.map((c) => c.id)]) {
    if (!/^\d+$/.test(id)) throw new Error(`Pol.is ids are whole numbers; got "${id}"`);
  }
  const participantIds = new Map(polis.participants.map((p) => [p.id, newId()]));
  for (const v of polis.votes)
    if (!participantIds.has(v.participantId)) participantIds.set(v.participantId, newId());
  for (const c of polis.comments)
    if (c.authorId !== '' && !participantIds.has(c.authorId))
      participantIds.set(c.authorId, newId());
  const statementIds = new Map(polis.comments.map((c) => [c.id, newId()]));
  const status = (m: -1 | 0 | 1): StatementStatus =>
    m === 1 ? 'accepted' : m === -1 ? 'rejected' : 'pending';
  const iso = (ms: number) => new Date(Number.isFinite(ms) ? ms : Date.parse(now)).toISOString();
  const latest = new Map<string, VoteRecord>();
  for (const v of polis.votes) {
    const key = `${v.participantId}\u0000${v.statementId}`;
    const old = latest.get(key);
    if (!old || (v.timestamp ?? 0) >= (old.timestamp ?? 0)) latest.set(key, v);
  }
  await db.transaction().execute(async (trx) => {
    const people = [...participantIds].map(([pid, id]) => ({
      id,
      conversation_id: conversationId,
      number: Number(pid),
      user_id: null,
      guest_key_hash: null,
      stakeholder_group: null,
      country: null,
      created_at: now,
    }));
    for (let i = 0; i < people.length; i += CHUNK)
      await trx
        .insertInto('conversation_participants')
        .values(people.slice(i, i + CHUNK))
        .execute();
    const rows = polis.comments.map((c) => ({
      id: statementIds.get(c.id) ?? '',
      conversation_id: conversationId,
      number: Number(c.id),
      author_participant_id: participantIds.get(c.authorId) ?? null,
      is_seed: c.isSeed ? 1 : 0,
      body: c.body,
      status: status(c.moderated),
      created_at: iso(c.timestamp),
      moderated_at: c.moderated === 0 ? null : now,
    }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await trx
        .insertInto('statements')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    const votes = [...latest.values()].map((v) => ({
      participant_id: participantIds.get(v.participantId) ?? '',
      statement_id: statementIds.get(v.statementId) ?? '',
      conversation_id: conversationId,
      vote: v.vote,
      voted_at: v.timestamp ?? Date.parse(now),
    }));
    for (let i = 0; i < votes.length; i += CHUNK)
      await trx
        .insertInto('votes')
        .values(votes.slice(i, i + CHUNK))
        .execute();
    const maxOf = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x + 1), 0);
    await trx
      .updateTable('conversations')
      .set({
        next_participant: maxOf(people.map((p) => p.number)),
        next_statement: maxOf(rows.map((r) => r.number)),
        version: sql`version + ${votes.length + 1}`,
      })
      .where('id', '=', conversationId)
      .execute();
  });
  return {
    participants: participantIds.size,
    statements: polis.comments.length,
    votes: latest.size,
  };
}
