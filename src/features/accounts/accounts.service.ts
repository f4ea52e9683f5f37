// Account use cases: register, confirm, sign in and out, reset a password, edit a profile.
// Messages never reveal whether an e-mail address is registered.
import { AppError, ValidationError } from '../../shared/errors.ts';
import type { Grant } from '../../shared/actor.ts';
import { addMinutes, type Clock } from '../../shared/clock.ts';
import { hashToken, newId, newSecretToken } from '../../shared/ids.ts';
import { isCountryCode } from '../../shared/geography.ts';
import { AGE_BANDS, DISABILITY_ANSWERS, isStakeholderGroup } from '../../shared/stakeholders.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { translator } from '../../i18n/i18n.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { AccountsStore, ProfileFields, UserRecord } from './accounts.store.ts';
import type { PasswordHasher } from './passwords.ts';
import { identityTextProblem } from '../../shared/invisible-characters.ts';
import type { SignInThrottle } from './sign-in-throttle.ts';

export const SESSION_DAYS = 30;
const CONFIRM_MINUTES = 60 * 48;
const RESET_MINUTES = 60;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_MIN = 10;
export const PASSWORD_RESET_JOB = 'accounts.password-reset';
export interface PasswordResetPayload {
  email: string;
}
export const REGISTRATION_JOB = 'accounts.registration';
export interface RegistrationPayload {
  email: string;
  displayName: string;
  locale: Locale;
  passwordHash: string;
}

export interface AccountsDeps {
  store: AccountsStore;
  mailer: Mailer;
  hasher: PasswordHasher;
  clock: Clock;
  baseUrl: string;
  jobs: JobQueue;
  throttle: SignInThrottle;
  /**
   * Revokes every API token of the account. A token is a password's stand-in: whoever knew the old
   * password may have made one, so a password change or reset must take them away too.
   */
  revokeApiTokens: (userId: string, now: string) => Promise<void>;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN) throw ValidationError({ [field]: 'errors.passwordTooShort' });
  if (password.length > 256) throw ValidationError({ [field]: 'errors.passwordTooLong' });
}

function checkEmail(email: string): void {
  if (!EMAIL_PATTERN.test(email) || email.length > 254)
    throw ValidationError({ email: 'errors.emailInvalid' });
}

/** Password checks for this address are paused after too many failures; a password reset still works. */
export const SignInPausedError = (pausedMs: number, field = 'email') =>
  new AppError('sign_in_paused', 'too many failed sign-ins for this account', {
    fields: { [field]: 'trust.signInPaused' },
    details: { retryAfterSeconds: Math.ceil(pausedMs / 1000) },
  });

/** What a browser proves with: its device cookie (see sign-in-throttle.ts), when it has one. */
export interface Browser {
  userAgent: string | null;
  deviceCookie?: string | undefined;
}

/** A new session for a browser, and the device cookie that recognises it from now on. */
export interface SignedIn {
  token: string;
  user: UserRecord;
  deviceCookie: string;
}

function checkDisplayName(name: string): void {
  if (name.length === 0) throw ValidationError({ displayName: 'errors.required' });
  if (name.length > 80) throw ValidationError({ displayName: 'errors.tooLong' });
  const invisible = identityTextProblem(name);
  if (invisible) throw ValidationError({ displayName: invisible });
}

export function accountsService(deps: AccountsDeps) {
  const { store, mailer, hasher, clock, baseUrl, jobs, throttle, revokeApiTokens } = deps;
  const now = () => clock.now().toISOString();

  async function issueToken(
    purpose: string,
    userId: string | null,
    subject: string | null,
    minutes: number,
  ): Promise<string> {
    const token = newSecretToken();
    await store.insertToken({
      tokenHash: hashToken(token),
      purpose,
      userId,
      subject,
      now: now(),
      expiresAt: addMinutes(clock.now(), minutes).toISOString(),
    });
    return token;
  }

  /**
   * The one place a password is checked: counted against the per-account limit before the hash is
   * verified. `user` undefined (unknown address) costs the same time and always fails.
   */
  async function checkPasswordOf(
    email: string,
    user: UserRecord | undefined,
    password: string,
    deviceCookie: string | undefined,
    field: string,
  ): Promise<boolean> {
    const attempt = await throttle.begin(email, throttle.deviceOf(email, deviceCookie));
    if (!('succeeded' in attempt)) throw SignInPausedError(attempt.pausedMs, field);
    const ok = user
      ? await hasher.verify(user.passwordHash, password)
      : (await hasher.verifyNothing(password), false);
    await (ok ? attempt.succeeded() : attempt.failed());
    return ok;
  }

  async function openSession(user: UserRecord, browser: Browser): Promise<SignedIn> {
    const token = newSecretToken();
    await store.insertSession({
      idHash: hashToken(token),
      userId: user.id,
      now: now(),
      expiresAt: addMinutes(clock.now(), SESSION_DAYS * 24 * 60).toISOString(),
      userAgent: browser.userAgent?.slice(0, 200) ?? null,
    });
    const deviceCookie = throttle.deviceOf(user.email, browser.deviceCookie)
      ? (browser.deviceCookie as string)
      : throttle.issueDevice(user.email);
    return { token, user, deviceCookie };
  }

  async function sendConfirmation(
    user: Pick<UserRecord, 'id' | 'email' | 'locale'>,
  ): Promise<void> {
    const token = await issueToken('confirm_email', user.id, user.email, CONFIRM_MINUTES);
    const t = translator(isLocale(user.locale) ? user.locale : 'en');
    await mailer.send({
      to: user.email,
      subject: t('mail.confirm.subject'),
      text: t('mail.confirm.body', {
        link: `${baseUrl}/account/confirm/${token}`,
        hours: CONFIRM_MINUTES / 60,
      }),
    });
  }

  return {
    /**
     * Checks the form, hashes the password and queues the rest, for any address, registered or
     * not: the request does the same work in both cases, so neither its answer nor its timing
     * tells whether an account exists (looking the address up, inserting and mailing would).
     */
    async register(input: {
      email: string;
      password: string;
      displayName: string;
      locale: Locale;
    }): Promise<void> {
      const email = normaliseEmail(input.email);
      const displayName = input.displayName.trim();
      checkEmail(email);
      checkDisplayName(displayName);
      checkPassword(input.password);
      const passwordHash = await hasher.hash(input.password);
      await jobs.enqueue(REGISTRATION_JOB, {
        email,
        displayName,
        locale: input.locale,
        passwordHash,
      } satisfies RegistrationPayload);
    },

    /** The queued half of a registration: a pending account and its confirmation mail, or a word to the owner. */
    async completeRegistration({
      email,
      displayName,
      locale,
      passwordHash,
    }: RegistrationPayload): Promise<void> {
      const existing = await store.findUserByEmail(email);
      if (existing) {
        // Tell the owner of the address, not the person at the keyboard.
        const t = translator(isLocale(existing.locale) ? existing.locale : locale);
        await mailer.send({
          to: email,
          subject: t('mail.alreadyRegistered.subject'),
          text: t('mail.alreadyRegistered.body', { link: `${baseUrl}/account/forgot` }),
        });
        return;
      }
      const id = newId();
      // Two registrations racing for one address: the second insert fails, and its retry finds the
      // account and mails the owner.
      await store.insertUser({ id, email, passwordHash, displayName, locale, now: now() });
      await sendConfirmation({ id, email, locale });
    },

    async confirmEmail(token: string): Promise<void> {
      const used = await store.consumeToken(hashToken(token), 'confirm_email', now());
      if (!used?.userId) throw new AppError('link_invalid', 'confirmation link invalid or expired');
      const user = await store.findUserById(used.userId);
      // A link sent before an address change confirms nothing.
      if (!user || user.email !== used.subject)
        throw new AppError('link_invalid', 'confirmation link invalid or expired');
      await store.confirmEmail(user.id, now());
    },

    async signIn(input: { email: string; password: string } & Browser): Promise<SignedIn> {
      const email = normaliseEmail(input.email);
      const user = await store.findUserByEmail(email);
      // Unknown addresses are checked (and counted) too: same time, same pause.
      const ok = await checkPasswordOf(email, user, input.password, input.deviceCookie, 'email');
      if (!user || !ok) throw ValidationError({ email: 'errors.signInFailed' }, 'sign-in failed');
      if (!user.emailConfirmedAt) {
        await sendConfirmation(user);
        throw ValidationError({ email: 'errors.emailNotConfirmed' }, 'e-mail not confirmed');
      }
      return openSession(user, input);
    },

    /** The person signed in with this session token and their role grants (one query). */
    async sessionActor(token: string): Promise<{ user: UserRecord; grants: Grant[] } | undefined> {
      return store.findSessionActor(hashToken(token), now());
    },

    async signOut(token: string): Promise<void> {
      await store.deleteSession(hashToken(token));
    },

    async signOutEverywhere(userId: string): Promise<void> {
      await store.deleteSessionsOfUser(userId);
    },

    /**
     * Queues the reset for any well-formed address, registered or not, and returns: the request does
     * the same work in both cases, so neither its answer nor its timing tells whether an account
     * exists. The job looks the address up and mails only its owner.
     */
    async requestPasswordReset(emailInput: string): Promise<void> {
      const email = normaliseEmail(emailInput);
      checkEmail(email);
      await jobs.enqueue(PASSWORD_RESET_JOB, { email } satisfies PasswordResetPayload);
    },

    /**
     * The queued half of a reset request: mails a link when the address has an account, else
     * nothing. A new link leaves the earlier unused ones valid (anyone may ask, so voiding them would
     * let anyone cancel the owner's link) and the mails per hour are capped (sign-in-throttle.ts).
     */
    async sendPasswordReset({ email }: PasswordResetPayload): Promise<void> {
      const user = await store.findUserByEmail(email);
      if (!user || !(await throttle.allowResetMail(user.email))) return;
      const token = await issueToken('reset_password', user.id, user.email, RESET_MINUTES);
      const t = translator(isLocale(user.locale) ? user.locale : 'en');
      await mailer.send({
        to: email,
        subject: t('mail.reset.subject'),
        text: t('mail.reset.body', {
          link: `${baseUrl}/account/reset/${token}`,
          minutes: RESET_MINUTES,
        }),
      });
    },

    async isResetTokenValid(token: string): Promise<boolean> {
      return store.findValidToken(hashToken(token), 'reset_password', now());
    },

    /** Signs the browser that used the link in: the owner gets in whatever guesses others made. */
    async resetPassword(token: string, password: string, browser: Browser): Promise<SignedIn> {
      checkPassword(password);
      const used = await store.consumeToken(hashToken(token), 'reset_password', now());
      if (!used?.userId) throw new AppError('link_invalid', 'reset link invalid or expired');
      const passwordHash = await hasher.hash(password);
      // Whoever knew the old password loses everything it gave them: every session (the resetting
      // browser signs in afresh too, it was not signed in as the owner) and every API token; the
      // other reset links mailed earlier are voided with the password.
      await revokeApiTokens(used.userId, now());
      await store.replacePassword(used.userId, passwordHash, now(), null);
      await store.confirmEmail(used.userId, now());
      // The owner proved they hold the address: a pause an attacker's guesses caused ends here.
      const user = await store.findUserById(used.userId);
      if (!user) throw new AppError('link_invalid', 'reset link invalid or expired');
      await throttle.clear(user.email);
      return openSession(user, browser);
    },

    /** `currentSession` (the browser making the change) stays signed in; every other session ends. */
    async changePassword(
      userId: string,
      current: string,
      next: string,
      currentSession: string | null,
      deviceCookie: string | undefined,
    ): Promise<void> {
      const user = await store.findUserById(userId);
      if (
        !user ||
        !(await checkPasswordOf(user.email, user, current, deviceCookie, 'currentPassword'))
      )
        throw ValidationError({ currentPassword: 'errors.passwordWrong' });
      checkPassword(next, 'newPassword');
      const passwordHash = await hasher.hash(next);
      await revokeApiTokens(userId, now());
      await store.replacePassword(
        userId,
        passwordHash,
        now(),
        currentSession === null ? null : hashToken(currentSession),
      );
    },

    /**
     * Re-authentication before a sensitive step (creating an API token): true when the password is
     * the account's. Limited like sign-in: a stolen session must not let anyone guess freely.
     */
    async verifyPassword(
      userId: string,
      password: string,
      deviceCookie: string | undefined,
      field = 'password',
    ): Promise<boolean> {
      const user = await store.findUserById(userId);
      if (!user) {
        await hasher.verifyNothing(password);
        return false;
      }
      return checkPasswordOf(user.email, user, password, deviceCookie, field);
    },

    async updateProfile(userId: string, input: ProfileFields): Promise<void> {
      const displayName = input.displayName.trim();
      checkDisplayName(displayName);
      if (input.stakeholderGroup !== null && !isStakeholderGroup(input.stakeholderGroup))
        throw ValidationError({ stakeholderGroup: 'errors.choiceInvalid' });
      if (input.country !== null && !isCountryCode(input.country))
        throw ValidationError({ country: 'errors.choiceInvalid' });
      if (input.ageBand !== null && !(AGE_BANDS as readonly string[]).includes(input.ageBand))
        throw ValidationError({ ageBand: 'errors.choiceInvalid' });
      if (
        input.disability !== null &&
        !(DISABILITY_ANSWERS as readonly string[]).includes(input.disability)
      )
        throw ValidationError({ disability: 'errors.choiceInvalid' });
      if (input.locale !== null && !isLocale(input.locale))
        throw ValidationError({ locale: 'errors.choiceInvalid' });
      if (input.gender !== null && input.gender.length > 60)
        throw ValidationError({ gender: 'errors.tooLong' });
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
    async createConfirmedUser(input: {
      email: string;
      password: string;
      displayName: string;
      locale?: Locale;
      passwordHash?: string;
    }): Promise<string> {
      const email = normaliseEmail(input.email);
      checkEmail(email);
      checkPassword(input.password);
      checkDisplayName(input.displayName);
      if (await store.findUserByEmail(email))
        throw new AppError('email_taken', `an account with ${email} already exists`);
      const id = newId();
      const ts = now();
      const passwordHash = input.passwordHash ?? (await hasher.hash(input.password));
      await store.insertUser({
        id,
        email,
        passwordHash,
        displayName: input.displayName,
        locale: input.locale ?? null,
        now: ts,
        confirmedAt: ts,
      });
      return id;
    },

    hashPassword: (password: string) => hasher.hash(password),
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
