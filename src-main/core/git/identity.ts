import { DeskError } from '../errors.js';
import { runGit } from './run-git.js';

export interface Identity {
  name: string;
  email: string;
}

/**
 * The acting person is git's committer identity, so GIT_COMMITTER_NAME/EMAIL and the repo's
 * config decide it exactly as they decide who commits.
 */
export async function committerIdentity(cwd: string, env?: NodeJS.ProcessEnv): Promise<Identity> {
  const result = await runGit(cwd, ['var', 'GIT_COMMITTER_IDENT'], { env, okExitCodes: [128] });
  const match = /^(.*) <([^>]*)> \d+ [+-]\d{4}$/.exec(result.stdout.trim());
  if (result.exitCode !== 0 || !match) {
    throw new DeskError(
      'no-identity',
      'Git has no committer identity: set user.name and user.email (git config --global).',
    );
  }
  return { name: match[1] ?? '', email: match[2] ?? '' };
}

export function formatIdentity(identity: Identity): string {
  return `${identity.name} <${identity.email}>`;
}
