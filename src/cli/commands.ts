// What every command group shares: running a command against the configured database (opened and
// closed around it, its result the exit code) and acting as a named member of staff (`--as EMAIL`,
// `--partnership SLUG` when the address is in more than one), with a clear message when that fails.
import type { Actor } from '../domain/staff.ts';
import { actAsStaff } from '../use-cases/accounts/act-as-staff.ts';
import type { Deps } from '../use-cases/kernel/deps.ts';
import type { Io } from './audit.ts';
import type { OpenDeps } from './outbox.ts';

export function commandKit(io: Io, open: OpenDeps) {
  const run = async (fn: (deps: Deps) => Promise<number>) => {
    const ctx = await open();
    try {
      process.exitCode = await fn(ctx.deps);
    } finally {
      await ctx.close();
    }
  };
  const as = async (deps: Deps, opts: { as: string; partnership?: string }): Promise<Actor | undefined> => {
    const r = await actAsStaff(deps, { email: opts.as, partnership: opts.partnership });
    if (r.kind === 'ok') return r.value;
    if (r.kind === 'invalid') io.stderr(`${r.errors.map((e) => `--${e.path}: ${e.message}`).join('\n')}\n`);
    return undefined;
  };
  return { run, as };
}
