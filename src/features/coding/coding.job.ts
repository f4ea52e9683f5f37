// The "refresh suggestions" job (the provider's embeddings of contributions and themes), for the
// job registry.
import type { JobRegistry } from '../../jobs/worker.ts';
import { REFRESH_JOB, type RefreshPayload } from './coding.embeddings.ts';
import type { CodingService } from './coding.service.ts';

export function codingJobs(coding: CodingService): JobRegistry {
  return {
    // Thousands of contributions take a few minutes at a slow provider: a long lease keeps
    // another worker from fetching them again.
    [REFRESH_JOB]: {
      leaseMs: 15 * 60_000,
      handle: ({ payload, progress }) => coding.runRefresh(payload as RefreshPayload, progress),
    },
  };
}
