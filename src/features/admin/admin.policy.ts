// Only instance administrators reach the administration pages.
import { type Actor, isInstanceAdmin } from '../../shared/actor.ts';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.ts';

export function requireInstanceAdmin(actor: Actor): void {
  if (!actor.user) throw UnauthenticatedError();
  if (!isInstanceAdmin(actor)) throw ForbiddenError();
}
