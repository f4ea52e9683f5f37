// The synthesis engine: themes, recommendations, near-duplicates, key quotes, theme weights and
// assisted coding over generic inputs, plus key-point matching. Pure functions, local only.
export {
  averagePrecision,
  keyPointMeanAveragePrecision,
  labelKey,
  type KeyPointArgument,
  type KeyPointLabels,
  type KeyPointMAP,
  type KeyPointMAPOptions,
  type KeyPointScores,
} from './keypoint-metric.ts';
export {
  scoreKeyPoints,
  sklearnTokens,
  tfidfBaselineScores,
  trainKeyPointModel,
  type KeyPointText,
  type KeyPointTraining,
} from './keypoint-matcher.ts';
export {
  predictLogistic,
  trainLogistic,
  type LogisticModel,
  type LogisticOptions,
} from './logistic.ts';
export { synthesize, type SynthesisOptions } from './synthesize.ts';
export type { Embeddings } from './corpus.ts';
export type {
  DuplicateGroup,
  Quote,
  Recommendation,
  Synthesis,
  SynthesisInput,
  Theme,
  ThemeWeights,
  TimeBucket,
} from './types.ts';
export { isPrescriptive, prescriptiveLanguages } from './prescriptive.ts';
export {
  nearDuplicateGroups,
  jaccard,
  shingles,
  type DuplicateOptions,
} from './near-duplicates.ts';
export {
  clusterVectors,
  defaultThemeCount,
  seededRandom,
  type ClusterOptions,
  type Clustering,
} from './clustering.ts';
export {
  codeInputs,
  type CodebookTheme,
  type CodingEmbeddings,
  type CodingLabel,
  type CodingOptions,
  type CodingProposal,
  type CodingResult,
} from './coding.ts';
