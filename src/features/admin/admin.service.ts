// Instance administration: the first administrator's one-time setup link, role grants, the
// development mail outbox.
import type { OutboxStore } from '../../mail/mailer.ts';
import { ROLES, type Actor, type Role, type ScopeType } from '../../shared/actor.ts';
import { addMinutes, type Clock } from '../../shared/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { hashToken, newSecretToken } from '../../shared/ids.ts';
import type { Locale } from '../../i18n/locales.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RolesStore } from '../roles/index.ts';
import { requireInstanceAdmin } from './admin.policy.ts';
import type { AdminStore } from './admin.store.ts';

const SETUP_HOURS = 24;
const SCOPE_TYPES: ScopeType[] = ['instance', 'process', 'consultation', 'event'];

export interface AdminDeps {
  store: AdminStore;
  /** The development mail outbox an administrator reads. */
  outbox: OutboxStore;
  roles: RolesStore;
  accounts: AccountsService;
  clock: Clock;
  baseUrl: string;
}

export function adminService(deps: AdminDeps) {
  const { store, outbox, roles, accounts, clock, baseUrl } = deps;
  const now = () => clock.now().toISOString();

  return {
    /** A one-time link to create the first instance administrator, or null once there is one. */
    async setupLinkIfNeeded(): Promise<string | null> {
      if ((await roles.countInstanceAdmins()) > 0) return null;
      const token = newSecretToken();
      await store.insertSetupToken(
        hashToken(token),
        now(),
        addMinutes(clock.now(), SETUP_HOURS * 60).toISOString(),
      );
      return `${baseUrl}/setup/${token}`;
    },

    async isSetupTokenValid(token: string): Promise<boolean> {
      if ((await roles.countInstanceAdmins()) > 0) return false;
      return store.isSetupTokenUsable(hashToken(token), now());
    },

    async completeSetup(
      token: string,
      input: { email: string; password: string; displayName: string; locale: Locale },
    ): Promise<void> {
      if (!(await this.isSetupTokenValid(token)))
        throw new AppError('link_invalid', 'setup link invalid, expired or already used');
      if (!input.displayName.trim()) throw ValidationError({ displayName: 'errors.required' });
      const userId = await accounts.createConfirmedUser(input).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'email_taken')
          throw ValidationError({ email: 'errors.emailTaken' });
        throw error;
      });
      await store.markTokenUsed(hashToken(token), now());
      await roles.grant({
        userId,
        role: 'instance_admin',
        scopeType: 'instance',
        scopeId: '',
        grantedBy: null,
        now: now(),
      });
    },

    async listOutbox(actor: Actor) {
      requireInstanceAdmin(actor);
      return outbox.list(100);
    },

    async listGrants(actor: Actor) {
      requireInstanceAdmin(actor);
      return roles.listGrants();
    },

    async grantRole(
      actor: Actor,
      input: { email: string; role: string; scopeType: string; scopeId: string },
    ) {
      requireInstanceAdmin(actor);
      const user = await accounts.findUserByEmail(input.email);
      if (!user) throw ValidationError({ email: 'errors.noSuchUser' });
      if (!(ROLES as readonly string[]).includes(input.role))
        throw ValidationError({ role: 'errors.choiceInvalid' });
      if (!SCOPE_TYPES.includes(input.scopeType as ScopeType))
        throw ValidationError({ scopeType: 'errors.choiceInvalid' });
      const instanceWide = input.role === 'instance_admin' || input.scopeType === 'instance';
      if (!instanceWide && !input.scopeId.trim())
        throw ValidationError({ scopeId: 'errors.required' });
      await roles.grant({
        userId: user.id,
        role: input.role as Role,
        scopeType: instanceWide ? 'instance' : (input.scopeType as ScopeType),
        scopeId: instanceWide ? '' : input.scopeId.trim(),
        grantedBy: actor.user?.id ?? null,
        now: now(),
      });
    },

    async revokeRole(
      actor: Actor,
      input: { userId: string; role: string; scopeType: string; scopeId: string },
    ) {
      requireInstanceAdmin(actor);
      if (input.role === 'instance_admin' && (await roles.countInstanceAdmins()) <= 1)
        throw new AppError('last_admin', 'the instance keeps at least one administrator');
      const grants = await roles.grantsOf(input.userId);
      const match = grants.find(
        (g) =>
          g.role === input.role && g.scopeType === input.scopeType && g.scopeId === input.scopeId,
      );
      if (!match) throw NotFoundError('role grant');
      await roles.revoke({ ...match, userId: input.userId });
    },
  };
}

export type AdminService = ReturnType<typeof adminService>;
