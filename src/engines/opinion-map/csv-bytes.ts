// RFC 4180 CSV over bytes pushed in chunks of any size: fields go to a sink as byte ranges, so
// the sink decides what becomes a string. A field split across chunks, or quoted, is gathered in
// a small scratch buffer; every other field is handed over in place, straight from the chunk.
// Accepts what csv-parse accepts with `skip_empty_lines` and `bom` (LF or CRLF line ends).

export interface CsvFieldSink {
  field(column: number, bytes: Uint8Array, start: number, end: number): void;
  /** `line` is the 1-based line the record ended on, for messages. */
  endRow(fields: number, line: number): void;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

// Where the tokenizer stands between two bytes.
const FIELD_START = 0;
/** In an unquoted field whose first bytes are in scratch (it began in an earlier chunk). */
const UNQUOTED = 1;
const QUOTED = 2;
/** In a quoted field, just after a quote: the field's end or the first half of `""`. */
const QUOTE_IN_QUOTED = 3;
/** After a quoted field's closing quote: only a comma or a line end may follow. */
const CLOSED = 4;

export class CsvByteTokenizer {
  private state = FIELD_START;
  private column = 0;
  private line = 1;
  private scratch = new Uint8Array(256);
  private scratchLength = 0;
  private first = true;

  constructor(
    private readonly sink: CsvFieldSink,
    private readonly fail: (message: string) => never,
  ) {}

  private keep(bytes: Uint8Array, start: number, end: number): void {
    const needed = this.scratchLength + end - start;
    if (needed > this.scratch.length) {
      const wider = new Uint8Array(Math.max(needed, this.scratch.length * 2));
      wider.set(this.scratch.subarray(0, this.scratchLength));
      this.scratch = wider;
    }
    this.scratch.set(bytes.subarray(start, end), this.scratchLength);
    this.scratchLength = needed;
  }

  private emit(bytes: Uint8Array, start: number, end: number, lineEnd: boolean): void {
    // CRLF: the CR belongs to the line end, not to an unquoted last field.
    if (lineEnd && end > start && bytes[end - 1] === CR) end--;
    if (lineEnd && this.column === 0 && end === start) return; // an empty line
    this.sink.field(this.column, bytes, start, end);
    if (lineEnd) {
      this.sink.endRow(this.column + 1, this.line);
      this.column = 0;
    } else {
      this.column++;
    }
  }

  private emitScratch(lineEnd: boolean, quoted: boolean): void {
    const length = this.scratchLength;
    this.scratchLength = 0;
    if (quoted) {
      this.sink.field(this.column, this.scratch, 0, length);
      if (lineEnd) {
        this.sink.endRow(this.column + 1, this.line);
        this.column = 0;
      } else {
        this.column++;
      }
    } else {
      this.emit(this.scratch, 0, length, lineEnd);
    }
  }

  push(chunk: Uint8Array): void {
    let i = 0;
    const n = chunk.length;
    if (this.first && n > 0) {
      this.first = false;
      if (n >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    while (i < n) {
      const state = this.state;
      if (state === FIELD_START || state === UNQUOTED) {
        if (state === FIELD_START && chunk[i] === QUOTE) {
          this.state = QUOTED;
          i++;
          continue;
        }
        let j = i;
        let b = 0;
        while (j < n) {
          b = chunk[j]!;
          if (b === COMMA || b === LF || b === QUOTE) break;
          j++;
        }
        if (j === n) {
          this.keep(chunk, i, n);
          this.state = UNQUOTED;
          return;
        }
        if (b === QUOTE) {
          this.fail(
            `Invalid Opening Quote: a quote is found in an unquoted field on line ${this.line}`,
          );
        }
        if (state === UNQUOTED) {
          this.keep(chunk, i, j);
          this.emitScratch(b === LF, false);
        } else {
          this.emit(chunk, i, j, b === LF);
        }
        if (b === LF) this.line++;
        this.state = FIELD_START;
        i = j + 1;
      } else if (state === QUOTED) {
        const q = chunk.indexOf(QUOTE, i);
        const end = q < 0 ? n : q;
        for (let k = i; k < end; k++) if (chunk[k] === LF) this.line++;
        this.keep(chunk, i, end);
        if (q < 0) return;
        this.state = QUOTE_IN_QUOTED;
        i = q + 1;
      } else if (state === QUOTE_IN_QUOTED) {
        if (chunk[i] === QUOTE) {
          this.keep(chunk, i, i + 1);
          this.state = QUOTED;
          i++;
        } else {
          this.state = CLOSED;
        }
      } else {
        const b = chunk[i]!;
        if (b === COMMA || b === LF) {
          this.emitScratch(b === LF, true);
          if (b === LF) this.line++;
          this.state = FIELD_START;
        } else if (b !== CR || (i + 1 < n && chunk[i + 1] !== LF)) {
          this.fail(
            `Invalid Closing Quote: got "${String.fromCharCode(b)}" after a closing quote on line ${this.line}`,
          );
        }
        i++;
      }
    }
  }

  /** The end of the input: the last record may lack its line end. */
  finish(): void {
    switch (this.state) {
      case QUOTED:
        this.fail(
          `Quote Not Closed: the input ends inside a quoted field opened before line ${this.line}`,
        );
        break;
      case QUOTE_IN_QUOTED:
      case CLOSED:
        this.emitScratch(true, true);
        break;
      case UNQUOTED:
        this.emitScratch(true, false);
        break;
      default:
        if (this.column > 0) this.emit(this.scratch, 0, 0, true);
    }
    this.state = FIELD_START;
  }
}
