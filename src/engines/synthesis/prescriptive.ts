// Recommendation candidates: sentences that prescribe ("should", "must", "devrait", "应该", "يجب"…).
// Matching is on normalised words rather than raw regexes, because JavaScript's \b only knows
// ASCII letters and Chinese has no spaces: the word segmenter handles both.
import { normalizeWord, tokenize } from '../text/index.ts';

interface Cues {
  /** Whole words or word sequences. */
  phrases: string[];
  /** Word beginnings, for inflected verbs ("recommand…", "призыва…"). */
  prefixes: string[];
}

const CUES: Record<string, Cues> = {
  en: {
    phrases: [
      'should',
      'must',
      'ought to',
      'need to',
      'needs to',
      'have to',
      'has to',
      'call on',
      'calls on',
      'call upon',
      'urge',
      'urges',
      'urged',
      'we ask',
      'it is essential',
      'it is necessary',
      'it is vital',
      "let's",
      'let us',
      'shall',
    ],
    prefixes: ['recommend', 'propose'],
  },
  fr: {
    phrases: [
      'doit',
      'doivent',
      'devons',
      'il faut',
      'faudrait',
      'il est essentiel',
      'il est nécessaire',
      'il est indispensable',
      'exhortons',
      'demandons',
    ],
    prefixes: ['devr', 'appel', 'recommand', 'préconis', 'propos', 'exhort'],
  },
  es: {
    phrases: [
      'debe',
      'deben',
      'debemos',
      'tiene que',
      'tienen que',
      'hay que',
      'es necesario',
      'es esencial',
      'es fundamental',
      'es imprescindible',
      'instamos',
      'insta',
      'pedimos',
      'urge',
    ],
    prefixes: ['deberí', 'recomend', 'recomiend', 'propon', 'propone', 'exhort'],
  },
  ru: {
    phrases: [
      'должны',
      'должен',
      'должна',
      'должно',
      'следует',
      'необходимо',
      'нужно',
      'надо',
      'обязаны',
    ],
    prefixes: ['призыва', 'призыв', 'рекоменд', 'предлага', 'требу'],
  },
  zh: {
    phrases: [
      '应',
      '应该',
      '应当',
      '必须',
      '需要',
      '建议',
      '呼吁',
      '敦促',
      '务必',
      '亟需',
      '亟须',
      '要求',
      '理应',
    ],
    prefixes: [],
  },
  ar: {
    phrases: [
      'يجب',
      'ينبغي',
      'يتعين',
      'لا بد',
      'لابد',
      'من الضروري',
      'نوصي',
      'توصي',
      'يوصي',
      'اوصي',
      'نطالب',
      'يطالب',
      'تطالب',
      'ندعو',
      'تدعو',
      'يدعو',
      'نحث',
      'تحث',
      'يحث',
    ],
    prefixes: [],
  },
  de: {
    phrases: ['soll', 'sollte', 'sollten', 'muss', 'müssen', 'fordern'],
    prefixes: ['empfehl', 'empfiehl'],
  },
  it: {
    phrases: ['deve', 'devono', 'bisogna', 'occorre'],
    prefixes: ['dovrebb', 'raccomand', 'propon'],
  },
  pt: {
    phrases: ['deve', 'devem', 'é preciso', 'é necessário'],
    prefixes: ['deveria', 'recomend', 'propo'],
  },
};

// Arabic attaches "and"/"so" (و, ف) to the next word: "ويجب" is "and must".
function stripArabicConjunction(word: string): string {
  return word.length > 3 && (word.startsWith('و') || word.startsWith('ف')) ? word.slice(1) : word;
}

function words(sentence: string, language: string): string[] {
  const ws = tokenize(sentence, language);
  return language === 'ar' ? ws.map(stripArabicConjunction) : ws;
}

const normalizedCues = new Map<string, Cues>();
function cuesFor(language: string): Cues | undefined {
  const raw = CUES[language];
  if (!raw) return undefined;
  let cues = normalizedCues.get(language);
  if (!cues) {
    const norm = (p: string) =>
      tokenize(p, language)
        .map((w) => normalizeWord(w, language))
        .join(' ');
    cues = {
      phrases: raw.phrases.map(norm),
      prefixes: raw.prefixes.map((p) => normalizeWord(p, language)),
    };
    normalizedCues.set(language, cues);
  }
  return cues;
}

/** Whether a sentence prescribes something, judged with its language's cues. */
export function isPrescriptive(sentence: string, language: string): boolean {
  const cues = cuesFor(language);
  if (!cues) return false;
  const ws = words(sentence, language);
  const joined = ` ${ws.join(' ')} `;
  if (cues.phrases.some((p) => joined.includes(` ${p} `))) return true;
  return ws.some((w) => cues.prefixes.some((p) => w.startsWith(p)));
}

/** Languages with prescriptive cues. */
export const prescriptiveLanguages: readonly string[] = Object.keys(CUES);
