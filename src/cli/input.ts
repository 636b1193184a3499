// The command line's boundary for text (ADR 0043): an argument or option holding a NUL or another
// control character stops the command before it runs, naming the argument, with exit code 2.
import type { Command } from 'commander';
import { controlCharacterErrors } from '../domain/input.ts';
import type { Io } from './audit.ts';

export function refuseControlCharacters(program: Command, io: Io): void {
  program.hook('preAction', (_program, action) => {
    const errors = [...controlCharacterErrors(action.args, 'argument'), ...controlCharacterErrors(action.opts(), '-')];
    if (!errors.length) return;
    io.stderr(`${errors.map((e) => e.message.replace(/^-\./, '--')).join('\n')}\n`);
    process.exitCode = 2;
    // Commander runs the action after the hook; an error stops it.
    throw Object.assign(new Error('control characters in the command line'), { code: 'concord.input' });
  });
}
