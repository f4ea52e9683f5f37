// `polylogue seed-demo`: loads the demo into this instance (once).
import { Command } from 'commander';
import { isDemoLoaded, seedDemo } from '../features/demo/demo.service.ts';
import { withInstance } from './instance.ts';

export function seedDemoCommand(): Command {
  return new Command('seed-demo')
    .description(
      'Load the demo (accounts, organisations) into this instance. Does nothing if it is already loaded.',
    )
    .option('--json', 'print what was created as one JSON object')
    .action(async (options: { json?: boolean }) => {
      await withInstance(async (services) => {
        const already = await isDemoLoaded(services.db);
        const accounts = await seedDemo(services);
        if (options.json) {
          console.log(JSON.stringify({ alreadyLoaded: already, accounts }, null, 2));
        } else if (already) {
          console.log('The demo is already loaded in this instance.');
        } else {
          console.log(
            'Demo loaded. Demo accounts (every password is generated for this instance):',
          );
          for (const a of accounts) console.log(`  ${a.email}  ${a.password}  (${a.displayName})`);
        }
      });
    });
}
