// The one door into the roles feature: other features and the app import only what is here.
export { rolesStore, type RolesStore } from './roles.store.ts';
