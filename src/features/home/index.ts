// The one door into the home feature: other features and the app import only what is here.
export { homeRoutes } from './home.routes.tsx';
