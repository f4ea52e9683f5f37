// Synthesis speed on generated multilingual submissions (budget: 10,000 in ≤ 60 s on 2 cores) and
// key-point matching quality on the real ArgKP dev split, beside the TF-IDF baseline of the same run.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchRow } from './bench.ts';
import { fmt } from './bench.ts';
import { loadArgKpSplit } from '../src/cli/keypoints.ts';
import {
  keyPointMeanAveragePrecision,
  scoreKeyPoints,
  seededRandom,
  synthesize,
  tfidfBaselineScores,
  trainKeyPointModel,
  type SynthesisInput,
} from '../src/engines/synthesis/index.ts';

const PHRASES: Record<string, string[]> = {
  en: [
    'public transport is too expensive',
    'the government should build more affordable housing',
    'hospitals need more nurses',
    'schools must teach climate science',
    'rents keep rising in the city',
    'we urge the council to plant trees',
    'bus lines are slow and crowded',
    'clinics close too early',
  ],
  fr: [
    'les transports publics sont trop chers',
    "l'État devrait construire plus de logements abordables",
    'les hôpitaux manquent d’infirmières',
    "l'école doit enseigner le climat",
    'les loyers augmentent sans cesse',
  ],
  es: [
    'el transporte público es demasiado caro',
    'el gobierno debería construir más vivienda asequible',
    'los hospitales necesitan más enfermeras',
    'recomendamos plantar árboles en la ciudad',
  ],
  ru: [
    'общественный транспорт слишком дорогой',
    'правительство должно строить доступное жильё',
    'больницам нужно больше медсестёр',
    'следует сажать деревья в городе',
  ],
  zh: ['公共交通太贵了', '政府应该建设更多经济适用房', '医院需要更多护士', '学校应当教授气候科学'],
  ar: [
    'النقل العام مكلف للغاية',
    'يجب على الحكومة بناء مساكن ميسورة التكلفة',
    'تحتاج المستشفيات إلى المزيد من الممرضات',
    'ينبغي زراعة الأشجار في المدينة',
  ],
};
const GROUPS = ['civil society', 'business', 'academia', 'government', 'youth'];
const REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];

export function generateSubmissions(n: number, seed = 7): SynthesisInput[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const langs = Object.keys(PHRASES);
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const language = pick(langs);
    const sentences = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () =>
      pick(PHRASES[language]!),
    );
    const sep = language === 'zh' ? '。' : '. ';
    return {
      id: `s${String(i).padStart(6, '0')}`,
      text: sentences.join(sep) + (language === 'zh' ? '。' : '.'),
      stakeholderGroup: pick(GROUPS),
      region: pick(REGIONS),
      createdAt: new Date(start + Math.floor(rnd() * 90) * 86_400_000),
    };
  });
}

function timeSynthesis(n: number): BenchRow {
  const inputs = generateSubmissions(n);
  const t0 = performance.now();
  const result = synthesize(inputs);
  const seconds = (performance.now() - t0) / 1000;
  return {
    what: `synthesis of ${fmt.n(n)} multilingual submissions (${result.themes.length} themes, ${fmt.n(result.recommendations.length)} recommendations)`,
    value: fmt.s(seconds),
    budget: n === 10_000 ? '≤ 60 s' : undefined,
    ok: n === 10_000 ? seconds <= 60 : undefined,
  };
}

function argKpRows(): BenchRow[] {
  const dir = fileURLToPath(new URL('../../shared/data/argkp', import.meta.url));
  if (!existsSync(dir)) return [{ what: 'ArgKP dev mAP', value: `not measured: ${dir} missing` }];
  const dev = loadArgKpSplit(dir, 'dev');
  const t0 = performance.now();
  const model = trainKeyPointModel(loadArgKpSplit(dir, 'train'));
  const ours = keyPointMeanAveragePrecision(
    dev.args,
    scoreKeyPoints(dev.args, dev.keyPoints, model),
    dev.labels,
  );
  const seconds = (performance.now() - t0) / 1000;
  const base = keyPointMeanAveragePrecision(
    dev.args,
    tfidfBaselineScores(dev.args, dev.keyPoints),
    dev.labels,
  );
  const row = (what: string, v: number, b: number): BenchRow => ({
    what,
    value: v.toFixed(3),
    reference: `TF-IDF cosine ${b.toFixed(3)} (${fmt.ratio(v / b)})`,
  });
  return [
    row('ArgKP dev mAP strict', ours.strict, base.strict),
    row('ArgKP dev mAP relaxed', ours.relaxed, base.relaxed),
    { what: 'ArgKP: train on train split + score dev', value: fmt.s(seconds) },
  ];
}

export const run: Bench = async () => [
  {
    title: 'Synthesis (local multilingual engine)',
    rows: [timeSynthesis(1_000), timeSynthesis(10_000)],
    notes:
      'Generated submissions in ar, en, es, fr, ru and zh (1–4 sentences each), 5 stakeholder groups, 5 regions, ' +
      '90 days. One process, one core. Includes language detection, analysis, clustering, quotes, weights, ' +
      'recommendations and near-duplicates.',
  },
  {
    title: 'Key-point matching (ArgKP-2021 dev)',
    rows: argKpRows(),
    notes:
      'KPA-2021 metric: best key point per argument, top half by score per (topic, stance), average precision, ' +
      'mean over (topic, stance). Our matcher is learned from the train split only.',
  },
];
