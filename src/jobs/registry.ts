// Every kind of background job, by name. Features provide the work; this file only lists it.
import type { Services } from '../app/services.ts';
import { rateLimitCounters } from '../db/rate-limits.ts';
import { accountsJobs } from '../features/accounts/index.ts';
import { codingJobs } from '../features/coding/index.ts';
import { opinionMapJob } from '../features/deliberation/index.ts';
import { reportJobs } from '../features/reports/index.ts';
import { deadlineReminders } from '../features/submissions/reminders.ts';
import type { JobRegistry } from './worker.ts';

export function jobRegistry(services: Services): JobRegistry {
  const reminders = deadlineReminders({ db: services.db, mailer: services.mailer, clock: services.clock, baseUrl: services.config.baseUrl });
  const rateLimits = rateLimitCounters(services.database, services.clock);
  return {
    'rate-limits.purge': { everyMs: 10 * 60_000, handle: () => rateLimits.purgeExpired() },
    'jobs.purge-payloads': { everyMs: 60 * 60_000, handle: () => services.jobs.purgePayloads() },
    'reminders.deadline': { everyMs: 60 * 60_000, handle: () => reminders() },
    ...accountsJobs(services.accounts),
    ...reportJobs(services.reports),
    ...codingJobs(services.coding),
    ...opinionMapJob(services.deliberation),
  };
}
