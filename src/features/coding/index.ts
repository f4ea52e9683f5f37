// The one door other features use into assisted coding.
export { codingRoutes } from './coding.routes.tsx';
export { codingService, type CodingService } from './coding.service.ts';
export { codingJobs } from './coding.job.ts';
export { codingStore } from './coding.store.ts';
