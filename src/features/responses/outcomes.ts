// The message key of each outcome, spelled out so the catalogue test can see every key in use.
import type { Outcome } from './responses.store.ts';

export const OUTCOME_KEYS = {
  taken_up: 'reports.responses.outcome.taken_up',
  partly: 'reports.responses.outcome.partly',
  not_taken_up: 'reports.responses.outcome.not_taken_up',
  out_of_scope: 'reports.responses.outcome.out_of_scope',
} as const satisfies Record<Outcome, string>;
