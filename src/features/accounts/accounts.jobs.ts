// Account work done off the request, for the job registry.
import type { JobRegistry } from '../../jobs/worker.ts';
import { PASSWORD_RESET_JOB, type AccountsService, type PasswordResetPayload } from './accounts.service.ts';

export function accountsJobs(accounts: AccountsService): JobRegistry {
  return {
    // The payload is an address someone typed, perhaps nobody's account: not kept once done.
    [PASSWORD_RESET_JOB]: { personal: true, handle: ({ payload }) => accounts.sendPasswordReset(payload as PasswordResetPayload) },
  };
}
