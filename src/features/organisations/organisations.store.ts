// SQL for organisations, their members and invitations.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface OrganisationRecord {
  id: string;
  slug: string;
  name: string;
  stakeholderGroup: string;
  country: string | null;
  website: string | null;
  description: string;
}

export interface MemberRecord {
  userId: string;
  displayName: string;
  role: string;
}

export function organisationsStore(db: Kysely<DB>) {
  const columns = [
    'id',
    'slug',
    'name',
    'stakeholder_group',
    'country',
    'website',
    'description',
  ] as const;
  const toRecord = (r: {
    id: string;
    slug: string;
    name: string;
    stakeholder_group: string;
    country: string | null;
    website: string | null;
    description: string;
  }): OrganisationRecord => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    stakeholderGroup: r.stakeholder_group,
    country: r.country,
    website: r.website,
    description: r.description,
  });

  return {
    async findBySlug(slug: string): Promise<OrganisationRecord | undefined> {
      const row = await db
        .selectFrom('organisations')
        .select(columns)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async findById(id: string): Promise<OrganisationRecord | undefined> {
      const row = await db
        .selectFrom('organisations')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async slugExists(slug: string): Promise<boolean> {
      return (
        (await db
          .selectFrom('organisations')
          .select('id')
          .where('slug', '=', slug)
          .executeTakeFirst()) !== undefined
      );
    },

    async insertWithOwner(org: OrganisationRecord, ownerId: string, now: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('organisations')
          .values({
            id: org.id,
            slug: org.slug,
            name: org.name,
            stakeholder_group: org.stakeholderGroup,
            country: org.country,
            website: org.website,
            description: org.description,
            created_at: now,
          })
          .execute();
        await trx
          .insertInto('organisation_members')
          .values({ organisation_id: org.id, user_id: ownerId, role: 'owner', created_at: now })
          .execute();
      });
    },

    async listForUser(userId: string): Promise<Array<OrganisationRecord & { role: string }>> {
      const rows = await db
        .selectFrom('organisations')
        .innerJoin('organisation_members as m', 'm.organisation_id', 'organisations.id')
        .select([
          'organisations.id',
          'slug',
          'name',
          'stakeholder_group',
          'country',
          'website',
          'description',
          'm.role',
        ])
        .where('m.user_id', '=', userId)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ ...toRecord(r), role: r.role }));
    },

    async members(organisationId: string): Promise<MemberRecord[]> {
      const rows = await db
        .selectFrom('organisation_members as m')
        .innerJoin('users', 'users.id', 'm.user_id')
        .select(['m.user_id', 'users.display_name', 'm.role'])
        .where('m.organisation_id', '=', organisationId)
        .orderBy('users.display_name')
        .execute();
      return rows.map((r) => ({ userId: r.user_id, displayName: r.display_name, role: r.role }));
    },

    async roleOf(organisationId: string, userId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('organisation_members')
        .select('role')
        .where('organisation_id', '=', organisationId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.role;
    },

    async addMember(
      organisationId: string,
      userId: string,
      role: string,
      now: string,
    ): Promise<void> {
      await db
        .insertInto('organisation_members')
        .values({ organisation_id: organisationId, user_id: userId, role, created_at: now })
        .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doNothing())
        .execute();
    },

    async removeMember(organisationId: string, userId: string): Promise<void> {
      await db
        .deleteFrom('organisation_members')
        .where('organisation_id', '=', organisationId)
        .where('user_id', '=', userId)
        .execute();
    },

    async countOwners(organisationId: string): Promise<number> {
      const row = await db
        .selectFrom('organisation_members')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('organisation_id', '=', organisationId)
        .where('role', '=', 'owner')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insertInvitation(inv: {
      id: string;
      organisationId: string;
      email: string;
      role: string;
      tokenHash: string;
      invitedBy: string;
      now: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('organisation_invitations')
        .values({
          id: inv.id,
          organisation_id: inv.organisationId,
          email: inv.email,
          role: inv.role,
          token_hash: inv.tokenHash,
          invited_by: inv.invitedBy,
          created_at: inv.now,
          expires_at: inv.expiresAt,
          accepted_at: null,
        })
        .execute();
    },

    async findOpenInvitation(tokenHash: string, now: string) {
      return db
        .selectFrom('organisation_invitations as i')
        .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
        .select(['i.id', 'i.email', 'i.role', 'o.id as organisation_id', 'o.slug', 'o.name'])
        .where('i.token_hash', '=', tokenHash)
        .where('i.accepted_at', 'is', null)
        .where('i.expires_at', '>', now)
        .executeTakeFirst();
    },

    async markInvitationAccepted(id: string, now: string): Promise<void> {
      await db
        .updateTable('organisation_invitations')
        .set({ accepted_at: now })
        .where('id', '=', id)
        .execute();
    },

    async pendingInvitations(organisationId: string, now: string) {
      return db
        .selectFrom('organisation_invitations')
        .select(['id', 'email', 'role', 'expires_at'])
        .where('organisation_id', '=', organisationId)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at')
        .execute();
    },
  };
}

export type OrganisationsStore = ReturnType<typeof organisationsStore>;
