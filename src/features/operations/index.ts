// The one door into the operations feature: other features and the app import only what is here.
export { operationsRoutes } from './operations.routes.ts';
