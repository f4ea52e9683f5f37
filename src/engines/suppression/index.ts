// Small-cell suppression of published counts, checked against what a reader can deduce. Pure.
export {
  suppressFigures,
  countBy,
  MIN_COUNT,
  type Figure,
  type SuppressionInput,
} from './suppression.ts';
export {
  feasibleRange,
  isProtected,
  spreadNeeded,
  labelBounds,
  type Relation,
  type Shown,
  type Published,
} from './audit.ts';
export {
  changesAreLarge,
  exposedFigures,
  jointSystem,
  mayPublishFigures,
  type FigureSet,
  type Step,
  type VersionAudit,
} from './versions.ts';
