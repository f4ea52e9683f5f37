// Who may run a conversation: the process's secretariat, or a facilitator named for the
// consultation. Everyone may read results of a published consultation; taking part needs an
// account, or a guest cookie when the facilitator allows guests.
import { type Actor, hasRole } from '../../shared/actor.ts';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.ts';
import { isSecretariat } from '../../shared/process-policy.ts';

export function isFacilitator(
  actor: Actor,
  consultation: { id: string; processId: string },
): boolean {
  return (
    isSecretariat(actor, consultation.processId) ||
    hasRole(actor, 'facilitator', 'consultation', consultation.id)
  );
}

export function requireFacilitator(
  actor: Actor,
  consultation: { id: string; processId: string },
): void {
  if (!actor.user) throw UnauthenticatedError();
  if (!isFacilitator(actor, consultation)) throw ForbiddenError();
}
