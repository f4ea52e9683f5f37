// Small-cell suppression of published counts. Pure functions.
export {
  countCells,
  suppressTable,
  type Cell,
  type PublishedCell,
  type PublishedTable,
} from './suppression.ts';
