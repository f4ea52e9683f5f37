// The one door other features use into organisations.
export { slugify } from './organisations.service.ts';
export type { OrganisationsService } from './organisations.service.ts';
export type { OrganisationsStore, OrganisationRecord } from './organisations.store.ts';
export { organisationsRoutes } from './organisations.routes.tsx';
export { organisationsService } from './organisations.service.ts';
export { organisationsStore } from './organisations.store.ts';
