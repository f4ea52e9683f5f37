// Who is making a request: the signed-in user (if any) and the roles granted to them.
// Policies take an Actor and answer yes or no; they never touch HTTP.

export const ROLES = [
  'instance_admin',
  'secretariat',
  'facilitator',
  'expert',
  'safety_officer',
] as const;
export type Role = (typeof ROLES)[number];

/** Where a role applies: the whole instance, or one process, consultation or event. */
export type ScopeType = 'instance' | 'process' | 'consultation' | 'event';

export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string;
}

export interface ActorUser {
  id: string;
  email: string;
  displayName: string;
  emailConfirmed: boolean;
  /** When the account was made (ISO); abuse limits hold young accounts tighter. Unset only for actors made in code (demo, tests). */
  createdAt?: string;
}

export interface Actor {
  user: ActorUser | null;
  grants: Grant[];
}

export const anonymousActor: Actor = { user: null, grants: [] };

export function isInstanceAdmin(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'instance_admin');
}

/** True when the actor holds the role on that scope (instance admins hold every role everywhere). */
export function hasRole(actor: Actor, role: Role, scopeType: ScopeType, scopeId: string): boolean {
  return (
    isInstanceAdmin(actor) ||
    actor.grants.some((g) => g.role === role && g.scopeType === scopeType && g.scopeId === scopeId)
  );
}
