// The one door other parts of the app use to reach personal API tokens.
export { apiTokensService, type ApiTokensService, TOKEN_PREFIX } from './api-tokens.service.ts';
export type { TokenScope } from './api-tokens.store.ts';
export { apiTokensStore } from './api-tokens.store.ts';
export { apiTokensRoutes } from './api-tokens.routes.tsx';
