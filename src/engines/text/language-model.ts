// eld's detector over a compact copy of its medium n-gram table, built on first use.
//
// Importing `eld/medium` costs about 200 MB of RSS for good: its table is one 2 MB object
// literal, which V8 turns into ~105,000 small objects (~64 MB of heap) after parsing and
// compiling it with memory the process never gives back. That alone broke the server's 200 MB
// budget at rest, and loading it later (or in a worker thread that is then stopped) still
// leaves 100–200 MB behind. So the same file is read here as text and scanned into a Map from
// n-gram to a slice of two typed arrays (≈ 18 MB RSS, ≈ 50 ms, once), and eld's own scorer
// (`createEld`, the factory its entry files use) looks n-grams up through a Proxy that builds the
// small {language index: score} object it expects. Detection results are eld's, score for score:
// language-model.test.ts compares the table and the results with `eld/medium` itself.
//
// Both the factory and the table file are inside eld rather than in its public exports, so they
// are found next to the `eld/medium` entry; a change of their shape fails loudly here and in the
// test rather than detecting wrongly.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface EldResult {
  language: string;
  isReliable(): boolean;
  getScores(): Record<string, number>;
}

export interface EldDetector {
  detect(text: string): EldResult;
}

interface EldData {
  type: string;
  languages: Record<number, string>;
  ngrams: Record<string, Record<number, number> | undefined>;
}

interface EldInternals {
  createEld(): { instance: EldDetector; loadData(data: EldData): string };
}

const ENTRY = import.meta.resolve('eld/medium');
const TABLE_FILE = fileURLToPath(new URL('../ngrams/medium.js', ENTRY));
// The factory module holds code only (no table), so it is cheap to load with this module.
const { createEld } = (await import(new URL('../languageDetector.js', ENTRY).href)) as EldInternals;

/** A value packs where an n-gram's entries start and how many there are (a language each). */
const PER_NGRAM = 64;

/** The n-gram table as scanned from eld's source: entry i gives language langs[i] score scores[i]. */
export interface NgramTable {
  type: string;
  languages: Record<number, string>;
  index: Map<string, number>;
  langs: Uint8Array;
  scores: Uint16Array;
}

class TableFormatError extends Error {
  constructor(at: number) {
    super(`eld's n-gram table has an unexpected shape at character ${at}`);
  }
}

/**
 * Scans `{type:'M60',languages:{0:'am',…},isSubset:false,ngrams:{'key':{lang:score,…},key:{…},…}}`.
 * Keys are bare or single-quoted with `\'` escapes; the file is checked to end where expected.
 */
export function scanNgramTable(text: string): NgramTable {
  const type = /type:'([^']+)'/.exec(text)?.[1];
  const languageList = /languages:\{([^}]*)\}/.exec(text)?.[1];
  if (!type || !languageList) throw new TableFormatError(0);
  const languages: Record<number, string> = {};
  for (const m of languageList.matchAll(/(\d+):'([a-z]+)'/g)) languages[Number(m[1])] = m[2] ?? '';

  let i = text.indexOf('ngrams:{');
  if (i < 0) throw new TableFormatError(0);
  i += 'ngrams:{'.length;
  const index = new Map<string, number>();
  let langs = new Uint8Array(1 << 16);
  let scores = new Uint16Array(1 << 16);
  let n = 0;
  const integer = (): number => {
    const from = i;
    let value = 0;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i))
      value = value * 10 + c - 48;
    if (i === from) throw new TableFormatError(i);
    return value;
  };
  while (text[i] !== '}') {
    const key = readKey(text, i);
    i = key.end;
    if (text[i] !== ':' || text[i + 1] !== '{') throw new TableFormatError(i);
    i += 2;
    const first = n;
    for (;;) {
      if (n === langs.length) [langs, scores] = [grow(langs), grow(scores)];
      langs[n] = integer();
      if (text[i++] !== ':') throw new TableFormatError(i - 1);
      scores[n] = integer();
      n++;
      const next = text[i++];
      if (next === '}') break;
      if (next !== ',') throw new TableFormatError(i - 1);
    }
    index.set(key.value, first * PER_NGRAM + (n - first));
    if (text[i] === ',') i++;
  }
  if (!text.startsWith('}}', i)) throw new TableFormatError(i);
  return { type, languages, index, langs: langs.slice(0, n), scores: scores.slice(0, n) };
}

function readKey(text: string, at: number): { value: string; end: number } {
  if (text[at] !== "'") {
    const end = text.indexOf(':', at);
    if (end <= at) throw new TableFormatError(at);
    return { value: text.slice(at, end), end };
  }
  let value = '';
  let from = at + 1;
  for (let j = from; ; j++) {
    const c = text[j];
    if (c === undefined) throw new TableFormatError(at);
    if (c === '\\') {
      value += text.slice(from, j);
      from = ++j;
    } else if (c === "'") {
      return { value: value + text.slice(from, j), end: j + 1 };
    }
  }
}

function grow<T extends Uint8Array | Uint16Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** The {language index: score} object eld's scorer reads for one n-gram, or undefined. */
export function ngramScores(table: NgramTable, ngram: string): Record<number, number> | undefined {
  const packed = table.index.get(ngram);
  if (packed === undefined) return undefined;
  const first = Math.floor(packed / PER_NGRAM);
  const out: Record<number, number> = {};
  for (let k = first; k < first + (packed % PER_NGRAM); k++)
    out[table.langs[k]!] = table.scores[k]!;
  return out;
}

export function loadNgramTable(): NgramTable {
  return scanNgramTable(readFileSync(TABLE_FILE, 'utf8'));
}

/** An eld detector reading the compact table; eld only ever gets single n-grams from `ngrams`. */
export function compactDetector(table: NgramTable = loadNgramTable()): EldDetector {
  const ngrams = new Proxy({} as EldData['ngrams'], {
    get: (_target, key) => (typeof key === 'string' ? ngramScores(table, key) : undefined),
  });
  const { instance, loadData } = createEld();
  if (!loadData({ type: table.type, languages: table.languages, ngrams }))
    throw new TableFormatError(0);
  return instance;
}
