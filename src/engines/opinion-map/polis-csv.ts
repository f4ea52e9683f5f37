// Reader for the Pol.is open-data export (comments.csv, participants-votes.csv, votes.csv).
// Pure: it takes the files' text and returns engine input, so the CLI owns all file access.
import { parse } from 'csv-parse/sync';
import { restoreCell } from '../../shared/csv-writer.ts';
import type { OpinionMapInput, VoteColumns, VoteRecord, VoteValue } from './types.ts';

/** The export is not what we expect; the message names the file and the problem. */
export class PolisFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolisFormatError';
  }
}

export interface PolisComment {
  id: string;
  authorId: string;
  timestamp: number;
  /** Pol.is's own rendering, kept as given; absent in some exports. */
  datetime?: string;
  agrees: number;
  disagrees: number;
  /** 1 accepted, 0 unmoderated, -1 removed. */
  moderated: -1 | 0 | 1;
  body: string;
  isMeta?: boolean;
  isSeed?: boolean;
  /** Pol.is's own figure, in exports that carry it. */
  groupInformedConsensus?: number;
}

export interface PolisParticipant {
  id: string;
  xid?: string;
  /** Pol.is's opinion group, null when it did not group the participant. */
  groupId: number | null;
}

export interface PolisConversation {
  comments: PolisComment[];
  participants: PolisParticipant[];
  votes: VoteRecord[];
}

export interface PolisFiles {
  comments: string;
  participantsVotes?: string;
  votes?: string;
}

function table(text: string, file: string): Record<string, string>[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<
      string,
      string
    >[];
  } catch (error) {
    throw new PolisFormatError(
      `${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function requireColumns(rows: Record<string, string>[], columns: string[], file: string): void {
  const first = rows[0];
  if (!first) return;
  const missing = columns.filter((c) => !(c in first));
  if (missing.length > 0)
    throw new PolisFormatError(`${file}: missing column ${missing.join(', ')}`);
}

function integer(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isInteger(n)) {
    throw new PolisFormatError(`${what}: expected an integer, got "${text ?? ''}"`);
  }
  return n;
}

function voteValue(text: string, what: string): VoteValue {
  if (text === '1' || text === '-1' || text === '0') return Number(text) as VoteValue;
  throw new PolisFormatError(`${what}: expected a vote of 1, -1 or 0, got "${text}"`);
}

export function parsePolisComments(text: string): PolisComment[] {
  const rows = table(text, 'comments.csv');
  requireColumns(rows, ['comment-id', 'author-id', 'moderated', 'comment-body'], 'comments.csv');
  return rows.map((r, i) => {
    const at = `comments.csv row ${i + 2}`;
    const moderated = integer(r.moderated, `${at} moderated`);
    if (moderated !== -1 && moderated !== 0 && moderated !== 1) {
      throw new PolisFormatError(`${at}: moderated must be 1, 0 or -1`);
    }
    const comment: PolisComment = {
      id: r['comment-id']!,
      authorId: r['author-id']!,
      timestamp: Number(r.timestamp ?? NaN),
      agrees: Number(r.agrees ?? 0),
      disagrees: Number(r.disagrees ?? 0),
      moderated,
      // Undoes the formula neutralisation of our own writer; see shared/csv-writer.ts.
      body: restoreCell(r['comment-body']!),
    };
    if (r.datetime !== undefined) comment.datetime = r.datetime;
    if (r['is-meta'] !== undefined) comment.isMeta = r['is-meta'] === 'true';
    if (r['is-seed'] !== undefined) comment.isSeed = r['is-seed'] === 'true';
    const gic = r['group-informed-consensus'];
    if (gic !== undefined && gic !== '') comment.groupInformedConsensus = Number(gic);
    return comment;
  });
}

const PARTICIPANT_COLUMNS = [
  'participant',
  'xid',
  'group-id',
  'n-comments',
  'n-votes',
  'n-agree',
  'n-disagree',
];

/** Where participants-votes.csv keeps what, from its header row. */
export function participantsHeader(header: string[]) {
  const firstComment = header.indexOf('n-disagree') + 1;
  if (header[0] !== 'participant' || !header.includes('group-id') || firstComment === 0) {
    throw new PolisFormatError(
      'participants-votes.csv: expected a header "participant,[xid,]group-id,…,n-disagree,<comment ids>"',
    );
  }
  const unknown = header.slice(0, firstComment).filter((c) => !PARTICIPANT_COLUMNS.includes(c));
  if (unknown.length > 0) {
    throw new PolisFormatError(`participants-votes.csv: unexpected column ${unknown.join(', ')}`);
  }
  return {
    firstComment,
    xidAt: header.indexOf('xid'),
    groupAt: header.indexOf('group-id'),
  };
}

export function parsePolisParticipantsVotes(text: string): {
  participants: PolisParticipant[];
  votes: VoteRecord[];
} {
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    throw new PolisFormatError(
      `participants-votes.csv: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const header = rows[0] ?? [];
  const { firstComment, xidAt, groupAt } = participantsHeader(header);
  const participants: PolisParticipant[] = [];
  const votes: VoteRecord[] = [];
  rows.slice(1).forEach((row, i) => {
    const at = `participants-votes.csv row ${i + 2}`;
    const id = row[0]!;
    const group = row[groupAt]!;
    const p: PolisParticipant = {
      id,
      groupId: group === '' ? null : integer(group, `${at} group-id`),
    };
    if (xidAt >= 0 && row[xidAt] !== '') p.xid = restoreCell(row[xidAt]!);
    participants.push(p);
    for (let c = firstComment; c < header.length; c++) {
      if (row[c] !== '')
        votes.push({ participantId: id, statementId: header[c]!, vote: voteValue(row[c]!, at) });
    }
  });
  return { participants, votes };
}

export function parsePolisVotes(text: string): VoteRecord[] {
  const rows = table(text, 'votes.csv');
  requireColumns(rows, ['timestamp', 'comment-id', 'voter-id', 'vote'], 'votes.csv');
  return rows.map((r, i) => ({
    participantId: r['voter-id']!,
    statementId: r['comment-id']!,
    vote: voteValue(r.vote!, `votes.csv row ${i + 2}`),
    timestamp: integer(r.timestamp, `votes.csv row ${i + 2} timestamp`),
  }));
}

/**
 * The conversation from its export. participants-votes.csv holds the latest votes and Pol.is's
 * groups; without it, votes.csv (the full history) is used and the latest vote per pair kept.
 */
export function readPolisConversation(files: PolisFiles): PolisConversation {
  const comments = parsePolisComments(files.comments);
  let participants: PolisParticipant[];
  let votes: VoteRecord[];
  if (files.participantsVotes !== undefined) {
    ({ participants, votes } = parsePolisParticipantsVotes(files.participantsVotes));
  } else if (files.votes !== undefined) {
    votes = parsePolisVotes(files.votes);
    participants = [...new Set(votes.map((v) => v.participantId))].map((id) => ({
      id,
      groupId: null,
    }));
  } else {
    throw new PolisFormatError('neither participants-votes.csv nor votes.csv was given');
  }
  const known = new Set(comments.map((c) => c.id));
  const stray = votes.find((v) => !known.has(v.statementId));
  if (stray)
    throw new PolisFormatError(
      `a vote refers to comment ${stray.statementId}, which comments.csv lacks`,
    );
  return { comments, participants, votes };
}

/** Engine input; with `usePolisGroups`, Pol.is's group-id becomes each participant's fixed group. */
export function polisToOpinionMapInput(
  c: Omit<PolisConversation, 'votes'> & { votes: PolisConversation['votes'] | VoteColumns },
  usePolisGroups = false,
): OpinionMapInput {
  return {
    participants: c.participants.map((p) =>
      usePolisGroups && p.groupId !== null ? { id: p.id, fixedGroup: p.groupId } : { id: p.id },
    ),
    statements: c.comments.map((s) => ({ id: s.id, removed: s.moderated === -1 })),
    votes: c.votes,
  };
}
