// Entry point of the `polylogue` command. Each command lives in its own file and loads what it
// needs only when run, so `polylogue --help` stays instant.
import { Command, CommanderError } from 'commander';
import { UsageError } from '../shared/errors.ts';
import { hasControls } from '../shared/invisible-characters.ts';
import { commands } from './commands.ts';

const program = new Command('polylogue')
  .description('Polylogue — multistakeholder consultations. Operator commands.')
  .showHelpAfterError()
  .exitOverride();

for (const make of commands) program.addCommand(make());

// Arguments are input like any request: a control character in one (but tab, LF and CR) is
// refused, as in an address, rather than written into the database or taken as a path.
program.hook('preAction', (_program, command) => {
  const values = [...command.args, ...Object.values(command.opts()).flat()];
  if (values.some((value) => typeof value === 'string' && hasControls(value)))
    throw new UsageError('control characters are not allowed in arguments');
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UsageError) {
    console.error(`polylogue: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(`polylogue: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
