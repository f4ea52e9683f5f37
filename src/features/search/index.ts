// The search feature's door: the index other services keep up to date, and the search service.
export {
  searchService,
  type PublicIndex,
  type SearchService,
  type SearchResult,
} from './search.service.ts';
export { searchRoutes } from './search.routes.tsx';
