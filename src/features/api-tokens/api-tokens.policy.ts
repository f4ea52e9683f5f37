// Personal API tokens belong to one person: only they may create, see or revoke them.
import type { Actor, ActorUser } from '../../shared/actor.ts';
import { UnauthenticatedError } from '../../shared/errors.ts';

export function requireTokenOwner(actor: Actor): ActorUser {
  if (!actor.user) throw UnauthenticatedError();
  return actor.user;
}

/** A token in hand acts for its owner; more than this many live tokens is a sign of a leak or a bug. */
export const MAX_ACTIVE_TOKENS = 20;
