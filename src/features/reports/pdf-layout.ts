// Line layout for the PDF: splits runs into tokens by script (each script has its own font),
// breaks lines at spaces (and between CJK characters), and orders each line visually with the
// Unicode Bidirectional Algorithm. Arabic tokens are drawn in logical order: the font engine
// shapes them and lays them out right to left itself.
import bidiModule, { type Bidi } from 'bidi-js';
import type { Run } from './report-blocks.ts';

export type Script = 'latin' | 'arabic' | 'cjk';

export interface Token {
  text: string;
  script: Script;
  bold: boolean;
  link: string | undefined;
  space: boolean;
  /** Bidi embedding level: odd is right to left. */
  level: number;
  width: number;
}

export type Measure = (text: string, script: Script, bold: boolean) => number;

// The package is CommonJS whose typings declare an ES default export: call whichever is there.
const bidiFactory = ((bidiModule as unknown as { default?: typeof bidiModule }).default ??
  bidiModule) as unknown as () => Bidi;
const bidi = bidiFactory();
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/;
const PIECES =
  /([\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF])|(\s+)|([^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+)/gu;

function scriptOf(ch: string, previous: Script): Script {
  if (ARABIC.test(ch)) return 'arabic';
  if (CJK.test(ch)) return 'cjk';
  // Digits and punctuation keep the script around them, so "٢٠٣٠،" or "2030年" stay whole.
  return /\p{L}/u.test(ch) ? 'latin' : previous;
}

/** A word split where the script changes (e.g. "UNESCO的" → "UNESCO", "的"). */
function splitByScript(word: string, start: Script): Array<{ text: string; script: Script }> {
  const out: Array<{ text: string; script: Script }> = [];
  let script = start;
  for (const ch of word) {
    script = scriptOf(ch, script);
    const last = out[out.length - 1];
    if (last && last.script === script) last.text += ch;
    else out.push({ text: ch, script });
  }
  return out;
}

export function baseDirection(text: string): 'ltr' | 'rtl' {
  const levels = bidi.getEmbeddingLevels(text);
  return (levels.paragraphs[0]?.level ?? 0) % 2 === 1 ? 'rtl' : 'ltr';
}

export function tokenize(runs: Run[], measure: Measure, direction: 'ltr' | 'rtl'): Token[] {
  const text = runs.map((r) => r.text).join('');
  const { levels } = bidi.getEmbeddingLevels(text, direction);
  const tokens: Token[] = [];
  let offset = 0;
  let script: Script = direction === 'rtl' ? 'arabic' : 'latin';
  for (const run of runs) {
    for (const m of run.text.matchAll(PIECES)) {
      const at = offset + (m.index ?? 0);
      const pieces: Array<{ text: string; script: Script }> = m[2]
        ? [{ text: m[2], script }]
        : splitByScript(m[0], script);
      let inner = 0;
      for (const piece of pieces as Array<{ text: string; script: Script }>) {
        const bold = run.bold ?? false;
        tokens.push({
          text: piece.text,
          script: piece.script,
          bold,
          link: run.link,
          space: Boolean(m[2]),
          level: levels[at + inner] ?? 0,
          width: measure(piece.text, piece.script, bold),
        });
        inner += piece.text.length;
        script = piece.script;
      }
    }
    offset += run.text.length;
  }
  return tokens;
}

/** Greedy line breaking in logical order; spaces at line ends are dropped. */
export function breakLines(tokens: Token[], maxWidth: number): Token[][] {
  const lines: Token[][] = [];
  let line: Token[] = [];
  let width = 0;
  for (const token of tokens) {
    if (token.space && line.length === 0) continue;
    if (!token.space && line.length > 0 && width + token.width > maxWidth) {
      while (line.length && line[line.length - 1]?.space) line.pop();
      lines.push(line);
      line = [];
      width = 0;
    }
    line.push(token);
    width += token.width;
  }
  while (line.length && line[line.length - 1]?.space) line.pop();
  if (line.length) lines.push(line);
  return lines;
}

/** Rule L2 of the bidi algorithm at token granularity: reverse runs from the highest level down. */
export function visualOrder(line: Token[]): Token[] {
  const out = [...line];
  const max = Math.max(0, ...out.map((t) => t.level));
  const minOdd = Math.max(
    1,
    Math.min(...out.map((t) => (t.level % 2 === 1 ? t.level : Infinity)), max),
  );
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length;) {
      if ((out[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && (out[j]?.level ?? 0) >= level) j++;
      out.splice(i, j - i, ...out.slice(i, j).reverse());
      i = j;
    }
  }
  return out;
}

export const lineWidth = (line: Token[]) => line.reduce((sum, t) => sum + t.width, 0);
