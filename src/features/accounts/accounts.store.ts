// SQL for accounts, sessions and one-time tokens. Returns plain records.
import type { Kysely, Selectable } from 'kysely';
import type { DB, UsersTable } from '../../db/schema.ts';
import type { Grant, Role, ScopeType } from '../../shared/actor.ts';

export type UserRow = Selectable<UsersTable>;

export interface UserRecord {
  id: string;
  email: string;
  emailConfirmedAt: string | null;
  passwordHash: string;
  displayName: string;
  stakeholderGroup: string | null;
  country: string | null;
  languages: string[];
  gender: string | null;
  ageBand: string | null;
  disability: string | null;
  locale: string | null;
  createdAt: string;
}

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    emailConfirmedAt: row.email_confirmed_at,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    stakeholderGroup: row.stakeholder_group,
    country: row.country,
    languages: JSON.parse(row.languages) as string[],
    gender: row.gender,
    ageBand: row.age_band,
    disability: row.disability,
    locale: row.locale,
    createdAt: row.created_at,
  };
}

export interface ProfileFields {
  displayName: string;
  stakeholderGroup: string | null;
  country: string | null;
  languages: string[];
  gender: string | null;
  ageBand: string | null;
  disability: string | null;
  locale: string | null;
}

export function accountsStore(db: Kysely<DB>) {
  return {
    async findUserById(id: string): Promise<UserRecord | undefined> {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findUserByEmail(email: string): Promise<UserRecord | undefined> {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email)
        .executeTakeFirst();
      return row && toRecord(row);
    },

    async insertUser(user: {
      id: string;
      email: string;
      passwordHash: string;
      displayName: string;
      locale: string | null;
      now: string;
      confirmedAt?: string | null;
    }): Promise<void> {
      await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          password_hash: user.passwordHash,
          display_name: user.displayName,
          locale: user.locale,
          email_confirmed_at: user.confirmedAt ?? null,
          stakeholder_group: null,
          country: null,
          gender: null,
          age_band: null,
          disability: null,
          created_at: user.now,
          updated_at: user.now,
        })
        .execute();
    },

    async updateProfile(id: string, fields: ProfileFields, now: string): Promise<void> {
      await db
        .updateTable('users')
        .set({
          display_name: fields.displayName,
          stakeholder_group: fields.stakeholderGroup,
          country: fields.country,
          languages: JSON.stringify(fields.languages),
          gender: fields.gender,
          age_band: fields.ageBand,
          disability: fields.disability,
          locale: fields.locale,
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
    },

    /**
     * Replaces the password in one transaction with what must go with it: every session ends but
     * `keepSessionHash` (the browser that changed it, if any), and every unused password-reset
     * link is voided, so a link mailed before the change cannot undo it.
     */
    async replacePassword(
      id: string,
      passwordHash: string,
      now: string,
      keepSessionHash: string | null,
    ): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, updated_at: now })
          .where('id', '=', id)
          .execute();
        let sessions = trx.deleteFrom('sessions').where('user_id', '=', id);
        if (keepSessionHash) sessions = sessions.where('id_hash', '!=', keepSessionHash);
        await sessions.execute();
        await trx
          .updateTable('one_time_tokens')
          .set({ used_at: now })
          .where('user_id', '=', id)
          .where('purpose', '=', 'reset_password')
          .where('used_at', 'is', null)
          .execute();
      });
    },

    async remindersOptOutAt(id: string): Promise<string | null> {
      const row = await db
        .selectFrom('users')
        .select('reminders_opt_out_at')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.reminders_opt_out_at ?? null;
    },

    async setRemindersOptOut(id: string, at: string | null, now: string): Promise<void> {
      await db
        .updateTable('users')
        .set({ reminders_opt_out_at: at, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async confirmEmail(id: string, now: string): Promise<void> {
      await db
        .updateTable('users')
        .set({ email_confirmed_at: now, updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    async insertSession(s: {
      idHash: string;
      userId: string;
      now: string;
      expiresAt: string;
      userAgent: string | null;
    }): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          created_at: s.now,
          expires_at: s.expiresAt,
          user_agent: s.userAgent,
        })
        .execute();
    },

    /**
     * The person behind an unexpired session and the roles granted to them, in one query: every
     * signed-in request asks, so a second and third round trip would be paid on every page. One
     * row per grant (a single row with null grant columns when there is none).
     */
    async findSessionActor(
      idHash: string,
      now: string,
    ): Promise<{ user: UserRecord; grants: Grant[] } | undefined> {
      const rows = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .leftJoin('role_grants as g', 'g.user_id', 'u.id')
        .selectAll('u')
        .select([
          'g.role as grant_role',
          'g.scope_type as grant_scope_type',
          'g.scope_id as grant_scope_id',
        ])
        .where('s.id_hash', '=', idHash)
        .where('s.expires_at', '>', now)
        .execute();
      const first = rows[0];
      if (!first) return undefined;
      const grants = rows.flatMap((r) =>
        r.grant_role === null || r.grant_scope_type === null || r.grant_scope_id === null
          ? []
          : [
              {
                role: r.grant_role as Role,
                scopeType: r.grant_scope_type as ScopeType,
                scopeId: r.grant_scope_id,
              },
            ],
      );
      const {
        grant_role: _role,
        grant_scope_type: _scopeType,
        grant_scope_id: _scopeId,
        ...user
      } = first;
      return { user: toRecord(user), grants };
    },

    async deleteSession(idHash: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async deleteSessionsOfUser(userId: string): Promise<void> {
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },

    async insertToken(t: {
      tokenHash: string;
      purpose: string;
      userId: string | null;
      subject: string | null;
      now: string;
      expiresAt: string;
    }): Promise<void> {
      await db
        .insertInto('one_time_tokens')
        .values({
          token_hash: t.tokenHash,
          purpose: t.purpose,
          user_id: t.userId,
          subject: t.subject,
          created_at: t.now,
          expires_at: t.expiresAt,
          used_at: null,
        })
        .execute();
    },

    /** Marks a valid token used and returns it; undefined when unknown, expired or already used. */
    async consumeToken(
      tokenHash: string,
      purpose: string,
      now: string,
    ): Promise<{ userId: string | null; subject: string | null } | undefined> {
      const result = await db
        .updateTable('one_time_tokens')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      const row = await db
        .selectFrom('one_time_tokens')
        .select(['user_id', 'subject'])
        .where('token_hash', '=', tokenHash)
        .executeTakeFirstOrThrow();
      return { userId: row.user_id, subject: row.subject };
    },

    async findValidToken(tokenHash: string, purpose: string, now: string): Promise<boolean> {
      const row = await db
        .selectFrom('one_time_tokens')
        .select('token_hash')
        .where('token_hash', '=', tokenHash)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type AccountsStore = ReturnType<typeof accountsStore>;
