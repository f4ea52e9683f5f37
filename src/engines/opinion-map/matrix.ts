// The vote matrix in compressed sparse rows. Conversations are sparse (most participants vote on
// a small share of statements), so a dense participants × statements matrix would cost 1e9 cells
// at 100k × 10k while the votes themselves are 10M.
//
// Rows and columns are in a canonical order (participants and statements sorted by id), so the
// whole computation is bit-for-bit the same however the caller orders its input.
import type { OpinionMapInput, VoteColumns, VoteRecord } from './types.ts';

export interface VoteMatrix {
  /** Participants, in canonical order (indices into the input array). */
  rowSource: Int32Array;
  /** Active (not removed) statements, in canonical order (indices into the input array). */
  colSource: Int32Array;
  /** Canonical column of each input statement, -1 when removed. */
  colOfStatement: Int32Array;
  rowPtr: Int32Array;
  col: Int32Array;
  value: Int8Array;
}

export const rowCount = (m: VoteMatrix) => m.rowSource.length;
export const colCount = (m: VoteMatrix) => m.colSource.length;

function canonicalOrder(ids: readonly string[], what: string): Int32Array {
  const order = Int32Array.from(ids.keys());
  order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  for (let i = 1; i < order.length; i++) {
    if (ids[order[i]!] === ids[order[i - 1]!]) {
      throw new RangeError(`duplicate ${what} id "${ids[order[i]!]}"`);
    }
  }
  return order;
}

function inverse(order: Int32Array): Int32Array {
  const inv = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) inv[order[i]!] = i;
  return inv;
}

function recordsToColumns(input: OpinionMapInput, votes: readonly VoteRecord[]): VoteColumns {
  const pIndex = new Map(input.participants.map((p, i) => [p.id, i]));
  const sIndex = new Map(input.statements.map((s, i) => [s.id, i]));
  const out: VoteColumns = {
    participant: new Int32Array(votes.length),
    statement: new Int32Array(votes.length),
    vote: new Int8Array(votes.length),
  };
  const hasTime = votes.some((v) => v.timestamp !== undefined);
  if (hasTime) out.timestamp = new Float64Array(votes.length);
  votes.forEach((v, e) => {
    const p = pIndex.get(v.participantId);
    const s = sIndex.get(v.statementId);
    if (p === undefined) throw new RangeError(`vote by unknown participant "${v.participantId}"`);
    if (s === undefined) throw new RangeError(`vote on unknown statement "${v.statementId}"`);
    out.participant[e] = p;
    out.statement[e] = s;
    out.vote[e] = v.vote;
    if (out.timestamp) out.timestamp[e] = v.timestamp ?? -Infinity;
  });
  return out;
}

function checkColumns(v: VoteColumns, nP: number, nS: number): void {
  const n = v.participant.length;
  if (
    v.statement.length !== n ||
    v.vote.length !== n ||
    (v.timestamp && v.timestamp.length !== n)
  ) {
    throw new RangeError('vote columns differ in length');
  }
  for (let e = 0; e < n; e++) {
    const p = v.participant[e]!;
    const s = v.statement[e]!;
    const x = v.vote[e]!;
    if (p < 0 || p >= nP || s < 0 || s >= nS) throw new RangeError(`vote ${e} is out of range`);
    if (x !== 1 && x !== -1 && x !== 0) throw new RangeError(`vote ${e} is not 1, -1 or 0`);
  }
}

/** Counting sort of entry positions by key (stable), keeping only keys ≥ 0. */
function bucketBy(key: Int32Array, buckets: number, positions?: Int32Array): Int32Array {
  if (!positions) {
    positions = new Int32Array(key.length);
    for (let e = 0; e < key.length; e++) positions[e] = e;
  }
  const start = new Int32Array(buckets + 1);
  for (const e of positions) if (key[e]! >= 0) start[key[e]! + 1]!++;
  for (let b = 0; b < buckets; b++) start[b + 1]! += start[b]!;
  const out = new Int32Array(start[buckets]!);
  for (const e of positions) if (key[e]! >= 0) out[start[key[e]!]!++] = e;
  return out;
}

export function buildVoteMatrix(input: OpinionMapInput): VoteMatrix {
  const nP = input.participants.length;
  const nS = input.statements.length;
  const votes = Array.isArray(input.votes)
    ? recordsToColumns(input, input.votes as readonly VoteRecord[])
    : (input.votes as VoteColumns);
  checkColumns(votes, nP, nS);
  const rowSource = canonicalOrder(
    input.participants.map((p) => p.id),
    'participant',
  );
  const allCols = canonicalOrder(
    input.statements.map((s) => s.id),
    'statement',
  );
  const colSource = allCols.filter((s) => !input.statements[s]!.removed);
  const colOfStatement = new Int32Array(nS).fill(-1);
  colSource.forEach((s, c) => (colOfStatement[s] = c));
  const rowOf = inverse(rowSource);
  const n = votes.participant.length;
  const rowKey = new Int32Array(n);
  const colKey = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    rowKey[e] = rowOf[votes.participant[e]!]!;
    colKey[e] = colOfStatement[votes.statement[e]!]!;
  }
  // Bucketing by column and then (stably) by row leaves each row sorted by column, with repeated
  // votes on a pair in input order — so the latest is easy to pick.
  const byCol = bucketBy(colKey, colSource.length);
  const sorted = bucketBy(rowKey, nP, byCol);
  return compactLatest({ rowSource, colSource, colOfStatement }, sorted, rowKey, colKey, votes);
}

function compactLatest(
  base: Pick<VoteMatrix, 'rowSource' | 'colSource' | 'colOfStatement'>,
  sorted: Int32Array,
  rowKey: Int32Array,
  colKey: Int32Array,
  votes: VoteColumns,
): VoteMatrix {
  const nP = base.rowSource.length;
  const rowPtr = new Int32Array(nP + 1);
  const col = new Int32Array(sorted.length);
  const value = new Int8Array(sorted.length);
  const time = votes.timestamp;
  let out = -1;
  let prev = -1;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const r = rowKey[e]!;
    const c = colKey[e]!;
    const sameCell = out >= 0 && rowKey[prev]! === r && col[out] === c;
    if (!sameCell) {
      out++;
      rowPtr[r + 1]!++;
    } else if (time && time[e]! < time[prev]!) {
      continue; // an older vote arriving later in the input: the stored one stays
    }
    col[out] = c;
    value[out] = votes.vote[e]!;
    prev = e;
  }
  for (let r = 0; r < nP; r++) rowPtr[r + 1]! += rowPtr[r]!;
  return { ...base, rowPtr, col: col.slice(0, out + 1), value: value.slice(0, out + 1) };
}
