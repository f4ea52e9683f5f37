// Personal API tokens: a person creates one (re-entering their password; it is shown once), lists
// and revokes theirs; the API resolves a presented token to the person it acts for and its scope.
import type { Actor } from '../../shared/actor.ts';
import type { Clock } from '../../shared/clock.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { hashToken, newId, newSecretToken } from '../../shared/ids.ts';
import type { AccountsService } from '../accounts/index.ts';
import type { RolesStore } from '../roles/index.ts';
import { MAX_ACTIVE_TOKENS, requireTokenOwner } from './api-tokens.policy.ts';
import type { ApiTokenRecord, ApiTokensStore, TokenScope } from './api-tokens.store.ts';

/** A recognisable prefix lets secret scanners (and people) spot a leaked token. */
export const TOKEN_PREFIX = 'plg_';
const TOKEN_SHAPE = /^plg_[A-Za-z0-9_-]{43}$/;
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];
/** The lifetimes offered; a year at most, so a forgotten token does not act for ever. */
export const TOKEN_LIFETIME_DAYS = [7, 30, 90, 365] as const;
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

export interface ApiTokensDeps {
  store: ApiTokensStore;
  accounts: AccountsService;
  roles: RolesStore;
  clock: Clock;
}

export type ListedToken = ApiTokenRecord & { expired: boolean };

export interface NewTokenInput {
  name: string;
  scope: string;
  /** Days until the token expires: one of TOKEN_LIFETIME_DAYS. */
  expiresInDays: number;
  /** The owner's password, asked again: a token outlives the session that makes it. */
  password: string;
  /** The browser's device cookie: its password attempts count apart (accounts' sign-in limit). */
  deviceCookie?: string | undefined;
}

function checkNewToken(input: NewTokenInput): { name: string; scope: TokenScope } {
  const name = input.name.trim();
  const fields: Record<string, string> = {};
  if (!name) fields.name = 'errors.required';
  else if (name.length > 80) fields.name = 'errors.tooLong';
  if (!(TOKEN_SCOPES as readonly string[]).includes(input.scope))
    fields.scope = 'errors.choiceInvalid';
  if (!(TOKEN_LIFETIME_DAYS as readonly number[]).includes(input.expiresInDays))
    fields.expiresInDays = 'errors.choiceInvalid';
  if (!input.password) fields.password = 'errors.required';
  if (Object.keys(fields).length > 0) throw ValidationError(fields);
  return { name, scope: input.scope as TokenScope };
}

export function apiTokensService(deps: ApiTokensDeps) {
  const { store, accounts, roles, clock } = deps;

  return {
    /** Returns the token in clear text: the only time anyone sees it. */
    async createToken(
      actor: Actor,
      input: NewTokenInput,
    ): Promise<{ token: string; record: ApiTokenRecord }> {
      const user = requireTokenOwner(actor);
      const { name, scope } = checkNewToken(input);
      if (!(await accounts.verifyPassword(user.id, input.password, input.deviceCookie)))
        throw ValidationError({ password: 'errors.passwordWrong' });
      const now = clock.now();
      if ((await store.countActive(user.id, now.toISOString())) >= MAX_ACTIVE_TOKENS)
        throw new AppError('too_many_tokens', 'too many active tokens', {
          fields: { name: 'api.tokens.tooMany' },
        });
      const token = TOKEN_PREFIX + newSecretToken();
      const record: ApiTokenRecord = {
        id: newId(),
        userId: user.id,
        name,
        scope,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      await store.insert({
        id: record.id,
        userId: user.id,
        name,
        tokenHash: hashToken(token),
        scope,
        now: record.createdAt,
        expiresAt: record.expiresAt,
      });
      return { token, record };
    },

    async listTokens(actor: Actor): Promise<ListedToken[]> {
      const now = clock.now().toISOString();
      return (await store.listForUser(requireTokenOwner(actor).id)).map((record) => ({
        ...record,
        expired: record.expiresAt <= now,
      }));
    },

    async revokeToken(actor: Actor, id: string): Promise<void> {
      const user = requireTokenOwner(actor);
      if (!(await store.revoke(user.id, id, clock.now().toISOString())))
        throw NotFoundError('token');
    },

    /**
     * Who a presented token acts for, and with which scope; undefined when it is unknown, revoked,
     * expired or malformed.
     */
    async authenticate(token: string): Promise<{ actor: Actor; scope: TokenScope } | undefined> {
      if (!TOKEN_SHAPE.test(token)) return undefined;
      const now = clock.now();
      const record = await store.findActiveByHash(hashToken(token), now.toISOString());
      if (!record) return undefined;
      const user = await accounts.findUser(record.userId);
      if (!user) return undefined;
      const staleBefore = new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString();
      // Checked here too so a busy client costs one read, not one write, per request.
      if (!record.lastUsedAt || record.lastUsedAt < staleBefore)
        await store.touch(record.id, now.toISOString(), staleBefore);
      return {
        actor: {
          user: {
            id: user.id,
            email: user.email,
            displayName: user.displayName,
            emailConfirmed: user.emailConfirmedAt !== null,
            createdAt: user.createdAt,
          },
          grants: await roles.grantsOf(user.id),
        },
        scope: record.scope,
      };
    },
  };
}

export type ApiTokensService = ReturnType<typeof apiTokensService>;
