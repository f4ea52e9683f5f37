// The one door into the admin feature: other features and the app import only what is here.
export { adminRoutes } from './admin.routes.tsx';
export { adminService, type AdminService } from './admin.service.ts';
export { adminStore } from './admin.store.ts';
