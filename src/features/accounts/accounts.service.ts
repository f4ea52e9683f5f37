// Account use cases: register, confirm, sign in and out, reset a password, edit a profile.
// Messages never reveal whether an e-mail address is registered.
import { AppError, ValidationError } from '../../shared/errors.ts';
import { addMinutes, type Clock } from '../../shared/clock.ts';
import { hashToken, newId, newSecretToken } from '../../shared/ids.ts';
import { isCountryCode } from '../../shared/geography.ts';
import { AGE_BANDS, DISABILITY_ANSWERS, isStakeholderGroup } from '../../shared/stakeholders.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { translator } from '../../i18n/i18n.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AccountsStore, ProfileFields, UserRecord } from './accounts.store.ts';
import type { PasswordHasher } from './passwords.ts';

export const SESSION_DAYS = 30;
const CONFIRM_MINUTES = 60 * 48;
const RESET_MINUTES = 60;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_MIN = 10;

export interface AccountsDeps {
  store: AccountsStore;
  mailer: Mailer;
  hasher: PasswordHasher;
  clock: Clock;
  baseUrl: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) throw ValidationError({ [field]: 'errors.passwordTooShort' });
  if (password.length > 256) throw ValidationError({ [field]: 'errors.passwordTooLong' });
}

function checkEmail(email: string): void {
  if (!EMAIL_PATTERN.test(email) || email.length > 254) throw ValidationError({ email: 'errors.emailInvalid' });
}

function checkDisplayName(name: string): void {
  if (name.length === 0) throw ValidationError({ displayName: 'errors.required' });
  if (name.length > 80) throw ValidationError({ displayName: 'errors.tooLong' });
}

export function accountsService(deps: AccountsDeps) {
  const { store, mailer, hasher, clock, baseUrl } = deps;
  const now = () => clock.now().toISOString();

  async function issueToken(purpose: string, userId: string | null, subject: string | null, minutes: number): Promise<string> {
    const token = newSecretToken();
    await store.insertToken({ tokenHash: hashToken(token), purpose, userId, subject, now: now(), expiresAt: addMinutes(clock.now(), minutes).toISOString() });
    return token;
  }

  async function sendConfirmation(user: Pick<UserRecord, 'id' | 'email' | 'locale'>): Promise<void> {
    const token = await issueToken('confirm_email', user.id, user.email, CONFIRM_MINUTES);
    const t = translator(isLocale(user.locale) ? user.locale : 'en');
    await mailer.send({
      to: user.email,
      subject: t('mail.confirm.subject'),
      text: t('mail.confirm.body', { link: `${baseUrl}/account/confirm/${token}`, hours: CONFIRM_MINUTES / 60 }),
    });
  }

  return {
    async register(input: { email: string; password: string; displayName: string; locale: Locale }): Promise<void> {
      const email = normaliseEmail(input.email);
      const displayName = input.displayName.trim();
      checkEmail(email);
      checkDisplayName(displayName);
      checkPassword(input.password);
      const existing = await store.findUserByEmail(email);
      if (existing) {
        // Tell the owner of the address, not the person at the keyboard.
        const t = translator(isLocale(existing.locale) ? existing.locale : input.locale);
        await mailer.send({ to: email, subject: t('mail.alreadyRegistered.subject'), text: t('mail.alreadyRegistered.body', { link: `${baseUrl}/account/forgot` }) });
        return;
      }
      const id = newId();
      await store.insertUser({ id, email, passwordHash: await hasher.hash(input.password), displayName, locale: input.locale, now: now() });
      await sendConfirmation({ id, email, locale: input.locale });
    },

    async confirmEmail(token: string): Promise<void> {
      const used = await store.consumeToken(hashToken(token), 'confirm_email', now());
      if (!used?.userId) throw new AppError('link_invalid', 'confirmation link invalid or expired');
      const user = await store.findUserById(used.userId);
      // A link sent before an address change confirms nothing.
      if (!user || user.email !== used.subject) throw new AppError('link_invalid', 'confirmation link invalid or expired');
      await store.confirmEmail(user.id, now());
    },

    /** Returns a new session token. */
    async signIn(input: { email: string; password: string; userAgent: string | null }): Promise<{ token: string; user: UserRecord }> {
      const user = await store.findUserByEmail(normaliseEmail(input.email));
      if (!user) {
        await hasher.verifyNothing(input.password);
        throw ValidationError({ email: 'errors.signInFailed' }, 'sign-in failed');
      }
      if (!(await hasher.verify(user.passwordHash, input.password))) throw ValidationError({ email: 'errors.signInFailed' }, 'sign-in failed');
      if (!user.emailConfirmedAt) {
        await sendConfirmation(user);
        throw ValidationError({ email: 'errors.emailNotConfirmed' }, 'e-mail not confirmed');
      }
      const token = newSecretToken();
      await store.insertSession({ idHash: hashToken(token), userId: user.id, now: now(), expiresAt: addMinutes(clock.now(), SESSION_DAYS * 24 * 60).toISOString(), userAgent: input.userAgent?.slice(0, 200) ?? null });
      return { token, user };
    },

    async userForSession(token: string): Promise<UserRecord | undefined> {
      const session = await store.findSession(hashToken(token), now());
      return session && store.findUserById(session.userId);
    },

    async signOut(token: string): Promise<void> {
      await store.deleteSession(hashToken(token));
    },

    async signOutEverywhere(userId: string): Promise<void> {
      await store.deleteSessionsOfUser(userId);
    },

    async requestPasswordReset(emailInput: string): Promise<void> {
      const email = normaliseEmail(emailInput);
      checkEmail(email);
      const user = await store.findUserByEmail(email);
      if (!user) return;
      const token = await issueToken('reset_password', user.id, user.email, RESET_MINUTES);
      const t = translator(isLocale(user.locale) ? user.locale : 'en');
      await mailer.send({ to: email, subject: t('mail.reset.subject'), text: t('mail.reset.body', { link: `${baseUrl}/account/reset/${token}`, minutes: RESET_MINUTES }) });
    },

    async isResetTokenValid(token: string): Promise<boolean> {
      return store.findValidToken(hashToken(token), 'reset_password', now());
    },

    async resetPassword(token: string, password: string): Promise<void> {
      checkPassword(password);
      const used = await store.consumeToken(hashToken(token), 'reset_password', now());
      if (!used?.userId) throw new AppError('link_invalid', 'reset link invalid or expired');
      await store.setPasswordHash(used.userId, await hasher.hash(password), now());
      // Whoever knew the old password is signed out; the reset link proved ownership of the address.
      await store.deleteSessionsOfUser(used.userId);
      await store.confirmEmail(used.userId, now());
    },

    async changePassword(userId: string, current: string, next: string): Promise<void> {
      const user = await store.findUserById(userId);
      if (!user || !(await hasher.verify(user.passwordHash, current))) throw ValidationError({ currentPassword: 'errors.passwordWrong' });
      checkPassword(next, 'newPassword');
      await store.setPasswordHash(userId, await hasher.hash(next), now());
    },

    async updateProfile(userId: string, input: ProfileFields): Promise<void> {
      const displayName = input.displayName.trim();
      checkDisplayName(displayName);
      if (input.stakeholderGroup !== null && !isStakeholderGroup(input.stakeholderGroup)) throw ValidationError({ stakeholderGroup: 'errors.choiceInvalid' });
      if (input.country !== null && !isCountryCode(input.country)) throw ValidationError({ country: 'errors.choiceInvalid' });
      if (input.ageBand !== null && !(AGE_BANDS as readonly string[]).includes(input.ageBand)) throw ValidationError({ ageBand: 'errors.choiceInvalid' });
      if (input.disability !== null && !(DISABILITY_ANSWERS as readonly string[]).includes(input.disability)) throw ValidationError({ disability: 'errors.choiceInvalid' });
      if (input.locale !== null && !isLocale(input.locale)) throw ValidationError({ locale: 'errors.choiceInvalid' });
      if (input.gender !== null && input.gender.length > 60) throw ValidationError({ gender: 'errors.tooLong' });
      const languages = input.languages.filter((l) => /^[a-z]{2,3}$/.test(l)).slice(0, 20);
      await store.updateProfile(userId, { ...input, displayName, languages }, now());
    },

    /** Deadline reminders are on unless the person opted out; the date records when they did. */
    remindersOptOutAt: (userId: string) => store.remindersOptOutAt(userId),
    async setRemindersOptOut(userId: string, optOut: boolean): Promise<void> {
      const current = await store.remindersOptOutAt(userId);
      if (optOut === (current !== null)) return;
      await store.setRemindersOptOut(userId, optOut ? now() : null, now());
    },

    findUser: (id: string) => store.findUserById(id),
    findUserByEmail: (email: string) => store.findUserByEmail(normaliseEmail(email)),

    /** Creates a confirmed account directly (CLI, demo seeding). */
    /** `passwordHash` lets the demo loader hash one shared password once for many accounts. */
    async createConfirmedUser(input: { email: string; password: string; displayName: string; locale?: Locale; passwordHash?: string }): Promise<string> {
      const email = normaliseEmail(input.email);
      checkEmail(email);
      checkPassword(input.password);
      if (await store.findUserByEmail(email)) throw new AppError('email_taken', `an account with ${email} already exists`);
      const id = newId();
      const ts = now();
      const passwordHash = input.passwordHash ?? (await hasher.hash(input.password));
      await store.insertUser({ id, email, passwordHash, displayName: input.displayName, locale: input.locale ?? null, now: ts, confirmedAt: ts });
      return id;
    },

    hashPassword: (password: string) => hasher.hash(password),
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
