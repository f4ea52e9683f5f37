// The one door into the transparency feature: other features and the app import only what is here.
export { transparencyApi } from './transparency.api.ts';
export { transparencyRoutes } from './transparency.routes.tsx';
export { transparencyService, type TransparencyService } from './transparency.service.ts';
