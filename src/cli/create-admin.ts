// `polylogue create-admin`: creates an instance administrator, or makes an existing account one.
import { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { UsageError, AppError } from '../shared/errors.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { withInstance } from './instance.ts';

export function createAdminCommand(): Command {
  return new Command('create-admin')
    .description('Create an instance administrator (or promote an existing account).')
    .requiredOption('--email <email>', 'e-mail address of the administrator')
    .option('--name <name>', 'display name for a new account', 'Administrator')
    .option(
      '--password <password>',
      'password for a new account (generated and printed if omitted)',
    )
    .action(async (options: { email: string; name: string; password?: string }) => {
      await withInstance(async ({ accounts, roles }) => {
        const existing = await accounts.findUserByEmail(options.email);
        let userId = existing?.id;
        let generated: string | undefined;
        if (!userId) {
          const password = options.password ?? (generated = randomBytes(12).toString('base64url'));
          try {
            userId = await accounts.createConfirmedUser({
              email: options.email,
              password,
              displayName: options.name,
            });
          } catch (error) {
            if (error instanceof AppError && error.fields) {
              const { translator } = await import('../i18n/i18n.ts');
              const t = translator('en');
              throw new UsageError(
                Object.entries(error.fields)
                  .map(([field, key]) => `${field}: ${t(key as MessageKey)}`)
                  .join('; '),
              );
            }
            throw error;
          }
        }
        await roles.grant({
          userId,
          role: 'instance_admin',
          scopeType: 'instance',
          scopeId: '',
          grantedBy: null,
          now: new Date().toISOString(),
        });
        console.log(
          existing
            ? `${options.email} is now an instance administrator.`
            : `Created administrator ${options.email}.`,
        );
        if (generated) console.log(`Password (shown once): ${generated}`);
      });
    });
}
