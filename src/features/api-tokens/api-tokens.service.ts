// Personal API tokens: a person creates one (and sees it once), lists and revokes theirs; the API
// resolves a presented token to the person it acts for.
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { hashToken, newId, newSecretToken } from '../../shared/ids.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RolesStore } from '../roles/index.ts';
import { MAX_ACTIVE_TOKENS, requireTokenOwner } from './api-tokens.policy.ts';
import type { ApiTokenRecord, ApiTokensStore } from './api-tokens.store.ts';

/** A recognisable prefix lets secret scanners (and people) spot a leaked token. */
export const TOKEN_PREFIX = 'plg_';
const TOKEN_SHAPE = /^plg_[A-Za-z0-9_-]{43}$/;
const TOUCH_INTERVAL_MS = 60_000;

export interface ApiTokensDeps {
  store: ApiTokensStore;
  accounts: AccountsService;
  roles: RolesStore;
  clock: Clock;
}

export function apiTokensService(deps: ApiTokensDeps) {
  const { store, accounts, roles, clock } = deps;

  return {
    /** Returns the token in clear text: the only time anyone sees it. */
    async createToken(
      actor: Actor,
      input: { name: string },
    ): Promise<{ token: string; record: ApiTokenRecord }> {
      const user = requireTokenOwner(actor);
      const name = input.name.trim();
      if (!name) throw ValidationError({ name: 'errors.required' });
      if (name.length > 80) throw ValidationError({ name: 'errors.tooLong' });
      if ((await store.countActive(user.id)) >= MAX_ACTIVE_TOKENS)
        throw new AppError('too_many_tokens', 'too many active tokens', {
          fields: { name: 'api.tokens.tooMany' },
        });
      const token = TOKEN_PREFIX + newSecretToken();
      const now = clock.now().toISOString();
      const record: ApiTokenRecord = {
        id: newId(),
        userId: user.id,
        name,
        createdAt: now,
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.insert({
        id: record.id,
        userId: user.id,
        name,
        tokenHash: hashToken(token),
        now,
      });
      return { token, record };
    },

    async listTokens(actor: Actor): Promise<ApiTokenRecord[]> {
      return store.listForUser(requireTokenOwner(actor).id);
    },

    async revokeToken(actor: Actor, id: string): Promise<void> {
      const user = requireTokenOwner(actor);
      if (!(await store.revoke(user.id, id, clock.now().toISOString())))
        throw NotFoundError('token');
    },

    /** The actor a presented token acts for, or undefined when it is unknown, revoked or malformed. */
    async authenticate(token: string): Promise<Actor | undefined> {
      if (!TOKEN_SHAPE.test(token)) return undefined;
      const record = await store.findActiveByHash(hashToken(token));
      if (!record) return undefined;
      const user = await accounts.findUser(record.userId);
      if (!user) return undefined;
      const now = clock.now();
      const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
      // Checked here too so a busy client costs one read, not one write, per request.
      if (!record.lastUsedAt || record.lastUsedAt < staleBefore)
        await store.touch(record.id, now.toISOString(), staleBefore);
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          emailConfirmed: user.emailConfirmedAt !== null,
        },
        grants: await roles.grantsOf(user.id),
      };
    },
  };
}

export type ApiTokensService = ReturnType<typeof apiTokensService>;
