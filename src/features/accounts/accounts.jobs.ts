// Account work done off the request, for the job registry.
import type { JobRegistry } from '../../jobs/worker.ts';
import {
  PASSWORD_RESET_JOB,
  REGISTRATION_JOB,
  type AccountsService,
  type PasswordResetPayload,
  type RegistrationPayload,
} from './accounts.service.ts';

export function accountsJobs(accounts: AccountsService): JobRegistry {
  return {
    // The payload is an address someone typed, perhaps nobody's account: not kept once done.
    [PASSWORD_RESET_JOB]: {
      personal: true,
      handle: ({ payload }) => accounts.sendPasswordReset(payload as PasswordResetPayload),
    },
    // An address, a name and a password hash: not kept once the account exists (or the owner is told).
    [REGISTRATION_JOB]: {
      personal: true,
      handle: ({ payload }) => accounts.completeRegistration(payload as RegistrationPayload),
    },
  };
}
