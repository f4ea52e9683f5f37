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

// A row's entries are sorted on col × 2^24 + (position in the row): exact in a double while there
// are fewer than 2^29 statements, and it keeps repeated votes on a pair in input order.
const POSITION_BITS = 2 ** 24;

function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/** Votes grouped by canonical row (input order kept), then each row sorted by column. */
function rowsSortedByColumn(
  votes: VoteColumns,
  rowOf: Int32Array,
  colOfStatement: Int32Array,
  rows: number,
) {
  const n = votes.participant.length;
  const start = new Int32Array(rows + 1);
  for (let e = 0; e < n; e++) {
    if (colOfStatement[votes.statement[e]!]! >= 0) start[rowOf[votes.participant[e]!]! + 1]!++;
  }
  for (let r = 0; r < rows; r++) start[r + 1]! += start[r]!;
  const next = start.slice(0, rows);
  const key = new Float64Array(start[rows]!);
  const value = new Int8Array(key.length);
  const time = votes.timestamp ? new Float64Array(key.length) : undefined;
  for (let e = 0; e < n; e++) {
    const c = colOfStatement[votes.statement[e]!]!;
    if (c < 0) continue;
    const r = rowOf[votes.participant[e]!]!;
    const at = next[r]!++;
    if (at - start[r]! >= POSITION_BITS) throw new RangeError('a participant has too many votes');
    key[at] = c * POSITION_BITS + (at - start[r]!);
    value[at] = votes.vote[e]!;
    if (time) time[at] = votes.timestamp![e]!;
  }
  for (let r = 0; r < rows; r++) {
    if (start[r + 1]! - start[r]! < 32) insertionSort(key, start[r]!, start[r + 1]!);
    else key.subarray(start[r]!, start[r + 1]!).sort();
  }
  return { start, key, value, time };
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
  const sorted = rowsSortedByColumn(votes, inverse(rowSource), colOfStatement, nP);
  return { rowSource, colSource, colOfStatement, ...latestPerCell(sorted, nP) };
}

/** Keeps one vote per (row, column): the latest by timestamp, else the last in input order. */
function latestPerCell(sorted: ReturnType<typeof rowsSortedByColumn>, rows: number) {
  const { start, key, value, time } = sorted;
  const rowPtr = new Int32Array(rows + 1);
  const col = new Int32Array(key.length);
  const kept = new Int8Array(key.length);
  let out = 0;
  for (let r = 0; r < rows; r++) {
    let keptAt = -1;
    for (let i = start[r]!; i < start[r + 1]!; i++) {
      const c = Math.floor(key[i]! / POSITION_BITS);
      const at = start[r]! + (key[i]! - c * POSITION_BITS);
      if (keptAt >= 0 && col[out - 1] === c) {
        // A repeated vote on the same pair: positions ascend, so this one came later in the input.
        if (time && time[at]! < time[keptAt]!) continue;
      } else {
        out++;
      }
      col[out - 1] = c;
      kept[out - 1] = value[at]!;
      keptAt = at;
    }
    rowPtr[r + 1] = out;
  }
  return { rowPtr, col: col.slice(0, out), value: kept.slice(0, out) };
}
