// Writer for the Pol.is open-data layout, so a Polylogue consultation can be published in the
// format other Pol.is tools already read. Pure: data in, CSV text out; the caller writes files.
// Written by the platform's one CSV writer: a statement that starts like a formula is
// neutralised, and the reader (polis-csv.ts) undoes exactly that, so export → import is lossless.
import { csvText, type CsvCell as Cell } from '../../shared/csv-writer.ts';
import type { PolisComment, PolisConversation } from './polis-csv.ts';
import type { VoteRecord } from './types.ts';

function csv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvText([header, ...rows]);
}

const STANDARD = [
  'timestamp',
  'datetime',
  'comment-id',
  'author-id',
  'agrees',
  'disagrees',
  'moderated',
  'comment-body',
];
// Newer exports (e.g. bg2050-volunteers) drop datetime and carry Pol.is's own consensus figure.
const EXTENDED = [
  'timestamp',
  'comment-id',
  'author-id',
  'agrees',
  'disagrees',
  'moderated',
  'is-meta',
  'is-seed',
  'group-informed-consensus',
  'comment-body',
];

/** comments.csv; the extended layout is used when any comment carries group-informed consensus. */
export function writePolisComments(comments: readonly PolisComment[]): string {
  const extended = comments.some((c) => c.groupInformedConsensus !== undefined);
  const cell: Record<string, (c: PolisComment) => Cell> = {
    timestamp: (c) => c.timestamp,
    datetime: (c) => c.datetime ?? new Date(c.timestamp).toISOString(),
    'comment-id': (c) => c.id,
    'author-id': (c) => c.authorId,
    agrees: (c) => c.agrees,
    disagrees: (c) => c.disagrees,
    moderated: (c) => c.moderated,
    'is-meta': (c) => c.isMeta ?? false,
    'is-seed': (c) => c.isSeed ?? false,
    'group-informed-consensus': (c) => c.groupInformedConsensus,
    'comment-body': (c) => c.body,
  };
  const header = extended ? EXTENDED : STANDARD;
  return csv(
    header,
    comments.map((c) => header.map((h) => cell[h]!(c))),
  );
}

/** votes.csv: the history as given; a vote without a timestamp is written with 0. */
export function writePolisVotes(votes: readonly VoteRecord[]): string {
  return csv(
    ['timestamp', 'datetime', 'comment-id', 'voter-id', 'vote'],
    votes.map((v) => {
      const t = v.timestamp ?? 0;
      return [t, new Date(t).toISOString(), v.statementId, v.participantId, v.vote];
    }),
  );
}

/** The latest vote per (participant, statement): by timestamp, else the later in the list. */
function latestVotes(votes: readonly VoteRecord[]): Map<string, Map<string, VoteRecord>> {
  const byParticipant = new Map<string, Map<string, VoteRecord>>();
  for (const v of votes) {
    const row = byParticipant.get(v.participantId) ?? new Map<string, VoteRecord>();
    byParticipant.set(v.participantId, row);
    const old = row.get(v.statementId);
    if (!old || (v.timestamp ?? -Infinity) >= (old.timestamp ?? -Infinity))
      row.set(v.statementId, v);
  }
  return byParticipant;
}

/** participants-votes.csv: one row per participant, one column per comment, latest votes. */
export function writePolisParticipantsVotes(c: PolisConversation): string {
  const withXid = c.participants.some((p) => p.xid !== undefined);
  const authored = new Map<string, number>();
  for (const comment of c.comments)
    authored.set(comment.authorId, (authored.get(comment.authorId) ?? 0) + 1);
  const latest = latestVotes(c.votes);
  const ids = c.comments.map((comment) => comment.id);
  const header = [
    'participant',
    ...(withXid ? ['xid'] : []),
    'group-id',
    'n-comments',
    'n-votes',
    'n-agree',
    'n-disagree',
    ...ids,
  ];
  const rows = c.participants.map((p) => {
    const row = latest.get(p.id) ?? new Map<string, VoteRecord>();
    const values = [...row.values()].map((v) => v.vote);
    return [
      p.id,
      ...(withXid ? [p.xid] : []),
      p.groupId,
      authored.get(p.id) ?? 0,
      values.length,
      values.filter((v) => v === 1).length,
      values.filter((v) => v === -1).length,
      ...ids.map((id) => row.get(id)?.vote),
    ];
  });
  return csv(header, rows);
}

/** summary.csv: key,value rows, no header (as Pol.is writes it). */
export function writePolisSummary(entries: ReadonlyArray<readonly [string, Cell]>): string {
  return csvText(entries);
}
