// Draft texts, pure: stable paragraph numbers, anchored comments, amendments, stances and the
// expert barometer. No I/O; the texts feature stores and renders what these functions return.
export { compareLabels, parseLabel, renderLabel, type Label } from './labels.ts';
export {
  numberFirstVersion,
  renumber,
  livePart,
  findParagraph,
  isInReadingOrder,
  type NumberedParagraph,
  type NumberedText,
  type ParagraphChange,
  type Renumbering,
  type RenumberOptions,
} from './numbering.ts';
export {
  createAnchor,
  reanchor,
  reanchorAll,
  CONTEXT_LENGTH,
  type Anchor,
  type Placement,
} from './anchoring.ts';
export {
  diffWording,
  amendmentDiff,
  overlaps,
  rebase,
  proposedText,
  subAmendmentBase,
  type Amendment,
  type ParagraphProposal,
  type DiffOp,
  type Collision,
  type Conflict,
  type Rebase,
} from './amendments.ts';
export {
  checkStance,
  tally,
  paragraphStatus,
  type Stance,
  type StanceValue,
  type Disposition,
  type Target,
  type Tally,
  type GroupCount,
  type ParagraphStatus,
} from './stances.ts';
export {
  checkRating,
  summarize,
  broadSupport,
  roundComparison,
  MIN_CELL,
  type Rater,
  type Rating,
  type RatingValue,
  type Cell,
  type Summary,
  type Distribution,
} from './barometer.ts';
export { balanceShortfalls, UN_REGIONS, type BalanceTargets, type Shortfall } from './balance.ts';
