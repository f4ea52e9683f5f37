// Language detection with eld's medium n-gram set: pure JavaScript, shipped inside the package,
// so nothing is fetched at run time. It answers ISO 639-1 codes directly. The detector is built
// on the first detection, not at start: a server at rest never needs it, and building it takes
// ≈ 50 ms and ≈ 18 MB once (see language-model.ts for why it is not `eld/medium` itself).
import { compactDetector, type EldDetector } from './language-model.ts';

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER = /\p{L}/gu;

export interface DetectedLanguage {
  /** ISO 639-1 code, or undefined when the text has no letters to judge by. */
  language: string | undefined;
  /** False for very short or mixed texts, where the guess is weak. */
  reliable: boolean;
}

/** Share of letters that are Han characters: the n-gram model confuses short Chinese with Japanese. */
function hanShare(text: string): number {
  const letters = text.match(LETTER);
  if (!letters || letters.length === 0) return 0;
  let han = 0;
  for (const ch of letters) if (HAN.test(ch)) han++;
  return han / letters.length;
}

let detector: EldDetector | undefined;

export function detectLanguage(text: string): DetectedLanguage {
  const sample = text.length > 2000 ? text.slice(0, 2000) : text;
  if (!/\p{L}/u.test(sample)) return { language: undefined, reliable: false };
  if (!KANA.test(sample) && !HANGUL.test(sample) && hanShare(sample) > 0.5) {
    return { language: 'zh', reliable: true };
  }
  detector ??= compactDetector();
  const result = detector.detect(sample);
  if (!result.language) return { language: undefined, reliable: false };
  return { language: result.language, reliable: result.isReliable() };
}

/** The base language of a tag such as "fr-CA" or "zh-Hant", lower-cased. */
export function baseLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const base = tag.split(/[-_]/)[0]?.toLowerCase();
  return base && /^[a-z]{2,3}$/.test(base) ? base : undefined;
}
