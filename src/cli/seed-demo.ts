// `polylogue seed-demo`: loads the demo into this instance (once).
import { Command } from 'commander';
import { withInstance } from './instance.ts';

export function seedDemoCommand(): Command {
  return new Command('seed-demo')
    .description(
      'Load the demo (accounts, organisations, a process with an attributed and a Chatham House consultation) into this instance, once. With --json, print what was created, including every contributor of each demo consultation.',
    )
    .option('--json', 'print what was created as one JSON object')
    .action(async (options: { json?: boolean }) => {
      const { isDemoLoaded, seedDemo } = await import('../features/demo/demo.service.ts');
      await withInstance(async (services) => {
        const already = await isDemoLoaded(services.db);
        const result = await seedDemo(services);
        if (options.json) {
          const created = result ?? { accounts: [], contributorPassword: null, consultations: [] };
          console.log(JSON.stringify({ alreadyLoaded: already, ...created }, null, 2));
        } else if (!result) {
          console.log('The demo is already loaded in this instance.');
        } else {
          console.log(
            'Demo loaded. Demo accounts (every password is generated for this instance):',
          );
          for (const a of result.accounts)
            console.log(`  ${a.email}  ${a.password}  (${a.displayName})`);
          for (const c of result.consultations)
            console.log(
              `  consultation ${c.slug} (${c.rule}): ${c.contributors.length} contributors`,
            );
          console.log(`  Password of every demo contributor: ${result.contributorPassword}`);
        }
      });
    });
}
