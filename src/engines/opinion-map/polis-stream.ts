// Streaming reader for the two large Pol.is files, votes.csv and participants-votes.csv: the
// caller pushes the file's bytes in chunks of any size and gets columnar votes (typed arrays of
// indices) back. No string of the whole file is ever made, so files beyond V8's string limit
// (10M votes is ~560 MB) read in one pass, at close to the speed of a plain byte scan.
// Pure: the caller owns the file; this module only sees bytes. It accepts and rejects what the
// whole-file parser in polis-csv.ts does and gives the same votes (polis-stream.test.ts).
import { CsvByteTokenizer, type CsvFieldSink } from './csv-bytes.ts';
import {
  PolisFormatError,
  participantsHeader,
  type PolisComment,
  type PolisParticipant,
} from './polis-csv.ts';
import type { VoteColumns } from './types.ts';

export type PolisVotesFile = 'votes.csv' | 'participants-votes.csv';

export interface PolisVotesTable {
  participants: PolisParticipant[];
  votes: VoteColumns;
}

const decoder = new TextDecoder();

/** The value of a field of plain digits without a leading zero (at most 15), else -1. */
function canonicalId(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > 15 || (bytes[start] === 48 && length > 1)) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = bytes[i]! - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** 1, -1 or 0 from the field's bytes; 2 when empty; 3 when anything else. */
function voteCode(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return 2;
  if (length === 1) return bytes[start] === 49 ? 1 : bytes[start] === 48 ? 0 : 3;
  return length === 2 && bytes[start] === 45 && bytes[start + 1] === 49 ? -1 : 3;
}

/** An integer as the whole-file parser reads one (`Number`, not blank), or NaN. */
function integerField(bytes: Uint8Array, start: number, end: number): number {
  const negative = bytes[start] === 45;
  const from = negative ? start + 1 : start;
  if (end > from && end - from <= 15) {
    let value = 0;
    let i = from;
    for (; i < end; i++) {
      const digit = bytes[i]! - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (i === end) return negative ? -value : value;
  }
  const text = decoder.decode(bytes.subarray(start, end));
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) ? n : NaN;
}

/** Ids to indices: digit-only ids by value, the others by text (`007` is not `7`). */
class IdIndex {
  private readonly byNumber = new Map<number, number>();
  private readonly byText = new Map<string, number>();

  get(bytes: Uint8Array, start: number, end: number): number | undefined {
    const n = canonicalId(bytes, start, end);
    return n >= 0
      ? this.byNumber.get(n)
      : this.byText.get(decoder.decode(bytes.subarray(start, end)));
  }

  set(id: string, index: number): void {
    const bytes = new TextEncoder().encode(id);
    const n = canonicalId(bytes, 0, bytes.length);
    if (n >= 0 && String(n) === id) this.byNumber.set(n, index);
    else this.byText.set(id, index);
  }
}

class GrowingColumns {
  length = 0;
  participant: Int32Array;
  statement: Int32Array;
  vote: Int8Array;
  timestamp: Float64Array | undefined;

  constructor(capacity: number, timestamps: boolean) {
    this.participant = new Int32Array(capacity);
    this.statement = new Int32Array(capacity);
    this.vote = new Int8Array(capacity);
    this.timestamp = timestamps ? new Float64Array(capacity) : undefined;
  }

  push(participant: number, statement: number, vote: number, timestamp: number): void {
    if (this.length === this.vote.length) this.grow();
    const i = this.length++;
    this.participant[i] = participant;
    this.statement[i] = statement;
    this.vote[i] = vote;
    if (this.timestamp) this.timestamp[i] = timestamp;
  }

  private grow(): void {
    const capacity = Math.max(1024, this.vote.length * 2);
    const widen = <T extends Int32Array | Int8Array | Float64Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const wider = make(capacity);
      wider.set(a);
      return wider;
    };
    this.participant = widen(this.participant, (n) => new Int32Array(n));
    this.statement = widen(this.statement, (n) => new Int32Array(n));
    this.vote = widen(this.vote, (n) => new Int8Array(n));
    if (this.timestamp) this.timestamp = widen(this.timestamp, (n) => new Float64Array(n));
  }

  columns(): VoteColumns {
    const n = this.length;
    const columns: VoteColumns = {
      participant: this.participant.subarray(0, n),
      statement: this.statement.subarray(0, n),
      vote: this.vote.subarray(0, n),
    };
    if (this.timestamp) columns.timestamp = this.timestamp.subarray(0, n);
    return columns;
  }
}

const VOTES_COLUMNS = ['timestamp', 'comment-id', 'voter-id', 'vote'] as const;
// What a field of votes.csv is for; participants-votes.csv has its own roles below.
const IGNORED = 0;
const TIMESTAMP = 1;
const COMMENT = 2;
const VOTER = 3;
const VOTE = 4;

/** Field sink shared by both files: the header, then data rows, with deferred value errors. */
abstract class PolisTable implements CsvFieldSink {
  protected header: string[] | undefined;
  protected row = 0;
  protected readonly statements = new IdIndex();
  protected readonly participants: PolisParticipant[] = [];
  /** The first bad value or stray vote; the whole-file parser reports CSV errors before these. */
  protected problem: string | undefined;
  protected readonly columns: GrowingColumns;
  private headerFields: string[] = [];

  constructor(
    protected readonly file: PolisVotesFile,
    comments: readonly PolisComment[],
    capacity: number,
  ) {
    comments.forEach((c, i) => this.statements.set(c.id, i));
    this.columns = new GrowingColumns(capacity, file === 'votes.csv');
  }

  field(column: number, bytes: Uint8Array, start: number, end: number): void {
    if (this.header) this.dataField(column, bytes, start, end);
    else this.headerFields.push(decoder.decode(bytes.subarray(start, end)));
  }

  endRow(fields: number, line: number): void {
    if (!this.header) {
      this.header = this.headerFields;
      this.readHeader(this.header);
      return;
    }
    if (fields !== this.header.length) {
      throw new PolisFormatError(
        `${this.file}: Invalid Record Length: expected ${this.header.length} fields, got ${fields} on line ${line}`,
      );
    }
    this.row++;
    this.endDataRow();
  }

  protected fault(message: string): void {
    this.problem ??= message;
  }

  protected statementOf(bytes: Uint8Array, start: number, end: number): number {
    const index = this.statements.get(bytes, start, end);
    if (index !== undefined) return index;
    this.fault(
      `a vote refers to comment ${decoder.decode(bytes.subarray(start, end))}, which comments.csv lacks`,
    );
    return -1;
  }

  protected abstract readHeader(header: string[]): void;
  protected abstract dataField(column: number, bytes: Uint8Array, start: number, end: number): void;
  protected abstract endDataRow(): void;

  table(): PolisVotesTable {
    if (!this.header && this.file === 'participants-votes.csv') participantsHeader([]);
    if (this.problem !== undefined) throw new PolisFormatError(this.problem);
    return { participants: this.participants, votes: this.columns.columns() };
  }
}

class VotesTable extends PolisTable {
  private roles: number[] = [];
  private readonly voters = new IdIndex();
  private participant = 0;
  private statement = 0;
  private vote = 0;
  private timestamp = 0;

  protected readHeader(header: string[]): void {
    this.roles = header.map((name) => [...VOTES_COLUMNS].indexOf(name as never) + 1);
  }

  protected dataField(column: number, bytes: Uint8Array, start: number, end: number): void {
    const role = this.roles[column] ?? IGNORED;
    if (role === VOTER) {
      let index = this.voters.get(bytes, start, end);
      if (index === undefined) {
        index = this.participants.length;
        const id = decoder.decode(bytes.subarray(start, end));
        this.voters.set(id, index);
        this.participants.push({ id, groupId: null });
      }
      this.participant = index;
    } else if (role === COMMENT) {
      this.statement = this.statementOf(bytes, start, end);
    } else if (role === VOTE) {
      this.vote = voteCode(bytes, start, end);
      if (this.vote > 1) {
        const text = decoder.decode(bytes.subarray(start, end));
        this.fault(`votes.csv row ${this.row + 2}: expected a vote of 1, -1 or 0, got "${text}"`);
      }
    } else if (role === TIMESTAMP) {
      this.timestamp = integerField(bytes, start, end);
      if (Number.isNaN(this.timestamp)) {
        const text = decoder.decode(bytes.subarray(start, end));
        this.fault(`votes.csv row ${this.row + 2} timestamp: expected an integer, got "${text}"`);
      }
    }
  }

  protected endDataRow(): void {
    if (this.row === 1) {
      const missing = VOTES_COLUMNS.filter((c) => !this.header!.includes(c));
      if (missing.length > 0)
        throw new PolisFormatError(`votes.csv: missing column ${missing.join(', ')}`);
    }
    this.columns.push(this.participant, this.statement, this.vote, this.timestamp);
  }
}

class ParticipantsVotesTable extends PolisTable {
  private firstComment = 0;
  private xidAt = -1;
  private groupAt = -1;
  /** Statement index of each comment column (-1: not in comments.csv); its id for messages. */
  private columnStatements: number[] = [];
  private current: PolisParticipant = { id: '', groupId: null };

  protected readHeader(header: string[]): void {
    ({
      firstComment: this.firstComment,
      xidAt: this.xidAt,
      groupAt: this.groupAt,
    } = participantsHeader(header));
    const encoder = new TextEncoder();
    this.columnStatements = header.map((id, c) => {
      if (c < this.firstComment) return -1;
      const bytes = encoder.encode(id);
      return this.statements.get(bytes, 0, bytes.length) ?? -1;
    });
  }

  protected dataField(column: number, bytes: Uint8Array, start: number, end: number): void {
    if (column >= this.firstComment) {
      const vote = voteCode(bytes, start, end);
      if (vote === 2) return;
      const at = `participants-votes.csv row ${this.row + 2}`;
      if (vote === 3) {
        const text = decoder.decode(bytes.subarray(start, end));
        this.fault(`${at}: expected a vote of 1, -1 or 0, got "${text}"`);
      }
      const statement = this.columnStatements[column] ?? -1;
      if (statement < 0) {
        this.fault(`a vote refers to comment ${this.header![column]}, which comments.csv lacks`);
      }
      this.columns.push(this.participants.length, statement, vote, 0);
    } else if (column === 0) {
      this.current = { id: decoder.decode(bytes.subarray(start, end)), groupId: null };
    } else if (column === this.groupAt && end > start) {
      const group = integerField(bytes, start, end);
      if (Number.isNaN(group)) {
        const text = decoder.decode(bytes.subarray(start, end));
        this.fault(
          `participants-votes.csv row ${this.row + 2} group-id: expected an integer, got "${text}"`,
        );
      }
      this.current.groupId = group;
    } else if (column === this.xidAt && end > start) {
      this.current.xid = decoder.decode(bytes.subarray(start, end));
    }
  }

  protected endDataRow(): void {
    this.participants.push(this.current);
  }
}

/**
 * Reads votes.csv or participants-votes.csv pushed in chunks. `comments` (from comments.csv)
 * gives the statements the votes' indices point into; `expectedVotes`, if known, sizes the
 * columns at once.
 */
export class PolisVotesReader {
  private readonly table: PolisTable;
  private readonly tokenizer: CsvByteTokenizer;

  constructor(file: PolisVotesFile, comments: readonly PolisComment[], expectedVotes = 1024) {
    const capacity = Math.max(1024, Math.ceil(expectedVotes));
    this.table =
      file === 'votes.csv'
        ? new VotesTable(file, comments, capacity)
        : new ParticipantsVotesTable(file, comments, capacity);
    this.tokenizer = new CsvByteTokenizer(this.table, (message) => {
      throw new PolisFormatError(`${file}: ${message}`);
    });
  }

  push(chunk: Uint8Array): void {
    this.tokenizer.push(chunk);
  }

  finish(): PolisVotesTable {
    this.tokenizer.finish();
    return this.table.table();
  }
}
