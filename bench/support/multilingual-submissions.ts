// Generated multilingual submissions with known topics, and how far themes found on them join
// languages. Each phrase carries its topic, so whether a theme joins two languages on the same
// topic (rather than merely mixing them) can be counted, not guessed.
import {
  seededRandom,
  type Synthesis,
  type SynthesisInput,
} from '../../src/engines/synthesis/index.ts';

type Topic = 'transport' | 'housing' | 'health' | 'education' | 'trees' | 'internet';

const PHRASES: Record<string, Array<[Topic, string]>> = {
  en: [
    ['transport', 'public transport is too expensive'],
    ['housing', 'the government should build more affordable housing'],
    ['health', 'hospitals need more nurses'],
    ['education', 'schools must teach climate science'],
    ['housing', 'rents keep rising in the city'],
    ['trees', 'we urge the council to plant trees'],
    ['transport', 'bus lines are slow and crowded'],
    ['health', 'clinics close too early'],
    ['internet', 'internet access and digital infrastructure must reach rural areas'],
    ['internet', 'the IGF should strengthen multistakeholder internet governance'],
  ],
  fr: [
    ['transport', 'les transports publics sont trop chers'],
    ['housing', "l'État devrait construire plus de logements abordables"],
    ['health', 'les hôpitaux manquent d’infirmières'],
    ['education', "l'école doit enseigner le climat"],
    ['housing', 'les loyers augmentent sans cesse'],
    [
      'internet',
      "l'accès à internet et l'infrastructure numérique doivent atteindre les zones rurales",
    ],
    ['internet', "l'IGF devrait renforcer la gouvernance multipartite de l'internet"],
  ],
  es: [
    ['transport', 'el transporte público es demasiado caro'],
    ['housing', 'el gobierno debería construir más vivienda asequible'],
    ['health', 'los hospitales necesitan más enfermeras'],
    ['trees', 'recomendamos plantar árboles en la ciudad'],
    [
      'internet',
      'el acceso a internet y la infraestructura digital deben llegar a las zonas rurales',
    ],
    ['internet', 'el IGF debería reforzar la gobernanza multisectorial de internet'],
  ],
  ru: [
    ['transport', 'общественный транспорт слишком дорогой'],
    ['housing', 'правительство должно строить доступное жильё'],
    ['health', 'больницам нужно больше медсестёр'],
    ['trees', 'следует сажать деревья в городе'],
    ['internet', 'доступ к интернету и цифровая инфраструктура должны прийти в сельские районы'],
    ['internet', 'IGF должен укрепить многостороннее управление интернетом'],
  ],
  zh: [
    ['transport', '公共交通太贵了'],
    ['housing', '政府应该建设更多经济适用房'],
    ['health', '医院需要更多护士'],
    ['education', '学校应当教授气候科学'],
    ['internet', '互联网接入和数字基础设施必须覆盖农村地区'],
    ['internet', 'IGF应当加强多利益相关方互联网治理'],
  ],
  ar: [
    ['transport', 'النقل العام مكلف للغاية'],
    ['housing', 'يجب على الحكومة بناء مساكن ميسورة التكلفة'],
    ['health', 'تحتاج المستشفيات إلى المزيد من الممرضات'],
    ['trees', 'ينبغي زراعة الأشجار في المدينة'],
    ['internet', 'يجب أن يصل الوصول إلى الإنترنت والبنية التحتية الرقمية إلى المناطق الريفية'],
    ['internet', 'ينبغي أن يعزز IGF حوكمة الإنترنت بين أصحاب المصلحة المتعددين'],
  ],
};
const GROUPS = ['civil society', 'business', 'academia', 'government', 'youth'];
const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];
const LATIN = new Set(['en', 'es', 'fr']);

export interface LabelledSubmission {
  input: SynthesisInput;
  language: string;
  /** The topic of every sentence, when they all share one; undefined for mixed submissions. */
  topic: Topic | undefined;
}

/**
 * 1–4 sentences in one of the six languages, over 90 days (seeded). A submission keeps to the
 * topic of its first sentence, each further sentence straying to any topic one time in four, as
 * people write about one concern and mention another in passing.
 */
export function generateLabelled(n: number, seed = 7): LabelledSubmission[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const langs = Object.keys(PHRASES);
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const language = pick(langs);
    const phrases = PHRASES[language]!;
    const first = pick(phrases);
    const onTopic = phrases.filter(([topic]) => topic === first[0]);
    const sentences = [first];
    const count = 1 + Math.floor(rnd() * 4);
    while (sentences.length < count) sentences.push(pick(rnd() < 0.75 ? onTopic : phrases));
    const sep = language === 'zh' ? '。' : '. ';
    const topics = new Set(sentences.map(([topic]) => topic));
    return {
      input: {
        id: `s${String(i).padStart(6, '0')}`,
        text: sentences.map(([, text]) => text).join(sep) + (language === 'zh' ? '。' : '.'),
        stakeholderGroup: pick(GROUPS),
        region: pick(REGIONS),
        createdAt: new Date(start + Math.floor(rnd() * 90) * 86_400_000),
      },
      language,
      topic: topics.size === 1 ? first[0] : undefined,
    };
  });
}

export interface LanguageJoining {
  /** Themes where at least two languages each hold ≥ 10 % of the members. */
  multilingualThemes: number;
  /**
   * Of the pairs of single-topic submissions on the same topic in two different languages, the
   * share that land in the same theme: overall, between en/es/fr only, and in pairs involving
   * ar, ru or zh.
   */
  recall: { all: number; latin: number; other: number };
  /** Of the cross-language pairs of single-topic submissions in one theme, the share on one topic. */
  precision: number;
}

const pairKey = (a: string, b: string) => (LATIN.has(a) && LATIN.has(b) ? 'latin' : 'other');

/** Pair counts from per-(language, topic) tallies, without listing the pairs. */
function crossPairs(tally: Map<string, Map<string, number>>) {
  const out = { latin: 0, other: 0, sameTopic: 0, all: 0 };
  const langs = [...tally.keys()].sort();
  for (let x = 0; x < langs.length; x++) {
    for (let y = x + 1; y < langs.length; y++) {
      const [a, b] = [tally.get(langs[x]!)!, tally.get(langs[y]!)!];
      for (const [topicA, na] of a) {
        for (const [topicB, nb] of b) {
          const pairs = na * nb;
          out.all += pairs;
          if (topicA !== topicB) continue;
          out.sameTopic += pairs;
          out[pairKey(langs[x]!, langs[y]!)] += pairs;
        }
      }
    }
  }
  return out;
}

function tallyOf(items: readonly LabelledSubmission[]) {
  const tally = new Map<string, Map<string, number>>();
  for (const s of items) {
    if (s.topic === undefined) continue;
    const byTopic = tally.get(s.language) ?? new Map<string, number>();
    byTopic.set(s.topic, (byTopic.get(s.topic) ?? 0) + 1);
    tally.set(s.language, byTopic);
  }
  return tally;
}

export function languageJoining(
  labelled: readonly LabelledSubmission[],
  synthesis: Synthesis,
): LanguageJoining {
  const byId = new Map(labelled.map((s) => [s.input.id, s]));
  const total = crossPairs(tallyOf(labelled));
  const inThemes = { latin: 0, other: 0, sameTopic: 0, all: 0 };
  let multilingualThemes = 0;
  for (const theme of synthesis.themes) {
    const members = theme.sourceIds.map((id) => byId.get(id)!);
    const perLanguage = new Map<string, number>();
    for (const m of members) perLanguage.set(m.language, (perLanguage.get(m.language) ?? 0) + 1);
    const big = [...perLanguage.values()].filter((c) => c >= 0.1 * members.length);
    if (big.length >= 2) multilingualThemes++;
    const pairs = crossPairs(tallyOf(members));
    for (const k of ['latin', 'other', 'sameTopic', 'all'] as const) inThemes[k] += pairs[k];
  }
  const share = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    multilingualThemes,
    recall: {
      all: share(inThemes.sameTopic, total.sameTopic),
      latin: share(inThemes.latin, total.latin),
      other: share(inThemes.other, total.other),
    },
    precision: share(inThemes.sameTopic, inThemes.all),
  };
}
