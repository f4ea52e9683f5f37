// The report generation job, for the job registry.
import type { JobRegistry } from '../../jobs/worker.ts';
import { GENERATE_JOB, type GeneratePayload, type ReportsService } from './reports.service.ts';

export function reportJobs(reports: ReportsService): JobRegistry {
  return {
    // Large consultations take a while: a long lease keeps another worker from starting over.
    [GENERATE_JOB]: {
      leaseMs: 15 * 60_000,
      handle: ({ payload, progress }) =>
        reports.runGeneration(payload as GeneratePayload, progress),
    },
  };
}
