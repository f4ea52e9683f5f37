// The open-data feature's door: feeds, calendar and exports.
export { openDataService, type OpenDataService } from './open-data.service.ts';
export { openDataRoutes } from './open-data.routes.ts';
