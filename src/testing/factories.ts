// Test data, made through the services as a person would: one place for the people, roles,
// processes and consultations that test files and feature fixtures build.
import type { Actor, Role } from '../shared/actor.ts';
import type { TestApp } from './test-app.ts';

/** The password of every person the factories make. */
export const TEST_PASSWORD = 'long password 123';

/**
 * A confirmed account (made once per e-mail address) as the Actor the services take, with the
 * roles it holds; a stakeholder group and country go straight into the profile when given.
 */
export async function actorFor(
  t: TestApp,
  email: string,
  displayName: string,
  profile: { stakeholderGroup?: string; country?: string } = {},
): Promise<Actor> {
  const existing = await t.services.accounts.findUserByEmail(email);
  const id =
    existing?.id ??
    (await t.services.accounts.createConfirmedUser({
      email,
      password: TEST_PASSWORD,
      displayName,
    }));
  if (profile.stakeholderGroup || profile.country)
    await t
      .db()
      .updateTable('users')
      .set({
        stakeholder_group: profile.stakeholderGroup ?? null,
        country: profile.country ?? null,
      })
      .where('id', '=', id)
      .execute();
  return {
    user: { id, email, displayName, emailConfirmed: true },
    grants: await t.services.roles.grantsOf(id),
  };
}

/** Grants a role (instance-wide for instance_admin, else on the process `scopeId`) and refreshes the actor's grants. */
export async function grantRole(
  t: TestApp,
  actor: Actor,
  role: Extract<Role, 'instance_admin' | 'secretariat'>,
  scopeId = '',
): Promise<Actor> {
  const userId = actor.user?.id ?? '';
  await t.services.roles.grant({
    userId,
    role,
    scopeType: role === 'instance_admin' ? 'instance' : 'process',
    scopeId,
    grantedBy: null,
    now: new Date().toISOString(),
  });
  actor.grants = await t.services.roles.grantsOf(userId);
  return actor;
}

/** A person who administers the instance. */
export async function instanceAdmin(
  t: TestApp,
  email: string,
  displayName = 'Admin',
): Promise<Actor> {
  return grantRole(t, await actorFor(t, email, displayName), 'instance_admin');
}
