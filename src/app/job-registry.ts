// Every kind of background job, by name. Features provide the work; this file only lists it.
import type { Services } from './services.ts';
import { rateLimitCounters } from '../db/rate-limits.ts';
import { accountsJobs } from '../features/accounts/index.ts';
import { codingJobs } from '../features/coding/index.ts';
import { opinionMapJob } from '../features/deliberation/index.ts';
import { reportJobs } from '../features/reports/index.ts';
import { anonymousMailJobs } from '../features/submissions/index.ts';
import type { JobRegistry } from '../jobs/worker.ts';

export function jobRegistry(services: Services): JobRegistry {
  const rateLimits = rateLimitCounters(services.database, services.clock);
  return {
    'rate-limits.purge': { everyMs: 10 * 60_000, handle: () => rateLimits.purgeExpired() },
    'jobs.purge-payloads': { everyMs: 60 * 60_000, handle: () => services.jobs.purgePayloads() },
    'reminders.deadline': { everyMs: 60 * 60_000, handle: () => services.reminders() },
    ...accountsJobs(services.accounts),
    ...reportJobs(services.reports),
    ...codingJobs(services.coding),
    ...opinionMapJob(services.deliberation),
    ...anonymousMailJobs({
      mailer: services.mailer,
      baseUrl: services.config.baseUrl,
      consultationById: (id) => services.consultations.findById(id),
    }),
  };
}
