// SQL for role grants.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Grant, Role, ScopeType } from '../../shared/actor.ts';
import { newId } from '../../shared/ids.ts';

export function rolesStore(db: Kysely<DB>) {
  return {
    async grantsOf(userId: string): Promise<Grant[]> {
      const rows = await db
        .selectFrom('role_grants')
        .select(['role', 'scope_type', 'scope_id'])
        .where('user_id', '=', userId)
        .execute();
      return rows.map((r) => ({
        role: r.role as Role,
        scopeType: r.scope_type as ScopeType,
        scopeId: r.scope_id,
      }));
    },

    async grant(
      g: Grant & { userId: string; grantedBy: string | null; now: string },
    ): Promise<void> {
      await db
        .insertInto('role_grants')
        .values({
          id: newId(),
          user_id: g.userId,
          role: g.role,
          scope_type: g.scopeType,
          scope_id: g.scopeId,
          granted_by: g.grantedBy,
          created_at: g.now,
        })
        .onConflict((oc) => oc.columns(['user_id', 'role', 'scope_type', 'scope_id']).doNothing())
        .execute();
    },

    async revoke(g: Grant & { userId: string }): Promise<void> {
      await db
        .deleteFrom('role_grants')
        .where('user_id', '=', g.userId)
        .where('role', '=', g.role)
        .where('scope_type', '=', g.scopeType)
        .where('scope_id', '=', g.scopeId)
        .execute();
    },

    async countInstanceAdmins(): Promise<number> {
      const row = await db
        .selectFrom('role_grants')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('role', '=', 'instance_admin')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async listGrants(): Promise<
      Array<Grant & { userId: string; email: string; displayName: string }>
    > {
      const rows = await db
        .selectFrom('role_grants')
        .innerJoin('users', 'users.id', 'role_grants.user_id')
        .select([
          'role_grants.role',
          'role_grants.scope_type',
          'role_grants.scope_id',
          'users.id',
          'users.email',
          'users.display_name',
        ])
        .orderBy('users.email')
        .execute();
      return rows.map((r) => ({
        role: r.role as Role,
        scopeType: r.scope_type as ScopeType,
        scopeId: r.scope_id,
        userId: r.id,
        email: r.email,
        displayName: r.display_name,
      }));
    },
  };
}

export type RolesStore = ReturnType<typeof rolesStore>;
