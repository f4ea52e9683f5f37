// Instance administrators create processes; a process's secretariat runs it.
import { type Actor, hasRole, isInstanceAdmin } from './actor.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

export function canCreateProcess(actor: Actor): boolean {
  return isInstanceAdmin(actor);
}

export function isSecretariat(actor: Actor, processId: string): boolean {
  return hasRole(actor, 'secretariat', 'process', processId);
}

export function requireSecretariat(actor: Actor, processId: string): void {
  if (!actor.user) throw UnauthenticatedError();
  if (!isSecretariat(actor, processId)) throw ForbiddenError();
}
