// Who may use account pages: any signed-in person, for their own account only.
import type { Actor, ActorUser } from '../../shared/actor.ts';
import { UnauthenticatedError } from '../../shared/errors.ts';

export function requireUser(actor: Actor): ActorUser {
  if (!actor.user) throw UnauthenticatedError();
  return actor.user;
}
