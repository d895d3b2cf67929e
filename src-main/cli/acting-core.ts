import type { Core } from '../core/context.js';
import type { CommandContext } from './command.js';

/**
 * The core for a command that acts as someone: the acting person is git's committer identity as
 * this command's environment sets it (`GIT_COMMITTER_EMAIL=bob@… release-desk approve …`), and
 * check and deploy output streams to stderr while stdout stays the result.
 */
export function actingCore(ctx: CommandContext): Core {
  const core = ctx.core();
  return {
    ...core,
    gitEnv: { ...ctx.io.env, ...core.gitEnv },
    progress: (event) => {
      if (event.output !== undefined) ctx.io.stderr(event.output);
      else if (event.kind === 'check' || event.kind === 'deploy') ctx.io.stderr(`» ${event.message}\n`);
    },
  };
}
