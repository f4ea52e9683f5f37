// The one door other features use into accounts.
export type { AccountsService } from './accounts.service.ts';
export { accountsJobs } from './accounts.jobs.ts';
export { requireUser } from './accounts.policy.ts';
export { DEVICE_COOKIE } from './accounts.routes.tsx';
