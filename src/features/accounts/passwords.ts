// Password hashing with argon2id. Costs are injectable so tests stay fast; production uses the
// library's defaults (64 MiB, 3 passes), which OWASP lists as adequate.
import argon2 from 'argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Burns the same time as a real verification, so unknown e-mails cannot be told apart. */
  verifyNothing(password: string): Promise<void>;
}

export function argon2Hasher(
  cost: { memoryCost?: number; timeCost?: number } = {},
): PasswordHasher {
  const options = { type: argon2.argon2id as 2, ...cost };
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
    async verifyNothing(password) {
      dummy ??= argon2.hash('not a real password', options);
      await argon2.verify(await dummy, password).catch(() => false);
    },
  };
}
