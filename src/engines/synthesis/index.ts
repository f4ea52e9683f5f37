// The synthesis engine: themes, recommendations, near-duplicates, key quotes, theme weights and
// assisted coding over generic inputs, plus key-point matching. Pure functions, local only.
export {
  averagePrecision,
  keyPointMeanAveragePrecision,
  labelKey,
  type KeyPointArgument,
  type KeyPointLabels,
  type KeyPointMAP,
  type KeyPointScores,
} from './keypoint-metric.ts';
export {
  scoreKeyPoints,
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
