// `polylogue verify-log`: recomputes the transparency log's hash chain, as anyone can from the
// public page, and says whether it holds. Exit code 1 when it is broken, so monitoring can alert.
import { Command } from 'commander';
import { withInstance } from './instance.ts';

export function verifyLogCommand(): Command {
  return new Command('verify-log')
    .description(
      'Recompute the transparency log hash chain; print OK with the entry count, or the first broken link (exit 1).',
    )
    .action(async () => {
      const check = await withInstance(({ transparency }) => transparency.verify());
      if (check.ok) {
        console.log(`OK: ${check.count} entries, the chain holds.`);
        return;
      }
      console.log(`BROKEN at entry ${check.brokenAt}: ${check.reason}.`);
      process.exitCode = 1;
    });
}
