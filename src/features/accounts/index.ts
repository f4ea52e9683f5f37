// The one door other features use into accounts.
export type { AccountsService } from './accounts.service.ts';
export { accountsJobs } from './accounts.jobs.ts';
export { requireUser } from './accounts.policy.ts';
export { accountsRoutes } from './accounts.routes.tsx';
export { accountsService } from './accounts.service.ts';
export { accountsStore } from './accounts.store.ts';
export { argon2Hasher, type PasswordHasher } from './passwords.ts';
export { signInThrottle } from './sign-in-throttle.ts';
export { DEVICE_COOKIE } from './accounts.routes.tsx';
