// Who may do what with an organisation. Owners and admins manage members; only owners appoint owners.
import { type Actor, isInstanceAdmin } from '../../shared/actor.ts';

export const ORG_ROLES = ['owner', 'admin', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export function canManageMembers(actor: Actor, memberRole: string | undefined): boolean {
  return isInstanceAdmin(actor) || memberRole === 'owner' || memberRole === 'admin';
}

export function canGrantRole(memberRole: string | undefined, role: OrgRole, actor: Actor): boolean {
  if (isInstanceAdmin(actor)) return true;
  return role === 'owner' ? memberRole === 'owner' : canManageMembers(actor, memberRole);
}

export function canSeeMembers(actor: Actor, memberRole: string | undefined): boolean {
  return isInstanceAdmin(actor) || memberRole !== undefined;
}
