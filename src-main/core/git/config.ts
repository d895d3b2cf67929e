import { runGit } from './run-git.js';

// Reads only, on the raw runner: the release plan (which the bench measures) reads the remote's
// links on every open, and a key that is not set is a silent exit 1.

/** The value of one config key as git resolves it (repository, global, system), or null when unset. */
export async function readConfig(repo: string, key: string): Promise<string | null> {
  const result = await runGit(repo, ['config', '--get', '--end-of-options', key], { okExitCodes: [1] });
  return result.exitCode === 0 ? result.stdout.replace(/\n$/, '') : null;
}

/** Every key matching `pattern` (a regular expression over lowercased names) with its value, in order. */
export async function readConfigMatching(repo: string, pattern: string): Promise<[string, string][]> {
  const result = await runGit(repo, ['config', '--get-regexp', '--end-of-options', pattern], {
    okExitCodes: [1],
  });
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [key = '', ...value] = line.split(' ');
      return [key, value.join(' ')];
    });
}
