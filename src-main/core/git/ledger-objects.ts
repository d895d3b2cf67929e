import { execFile } from 'node:child_process';
import { DeskError } from '../errors.js';
import { assertSafeRefName } from './refs.js';
import { git, gitEnv } from './run-git.js';

const FULL_SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Whether `text` is a full object name: index rows are checked before git is asked about them. */
export function isFullSha(text: string): boolean {
  return FULL_SHA.test(text);
}

export interface LedgerObjects {
  /** The commit the ledger's ref names, or null when it does not exist. */
  head: string | null;
  /** The file committed at HEAD under the asked path, or null when HEAD has none. */
  file: { blob: string; text: string } | null;
  /** The message of each asked commit git has (missing ones are absent). */
  messages: Map<string, string>;
}

function runBatch(repo: string, input: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['cat-file', '--batch'],
      { cwd: repo, env: gitEnv(), encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) reject(new DeskError('git-failed', `git cat-file failed: ${stderr.toString().trim()}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(input);
  });
}

/**
 * What every refresh of the ledger's index reads, in one `git cat-file --batch`: the ledger's head,
 * a file committed at HEAD (the allowed signers) and the commits `shas` (the index rows to check).
 */
export async function readLedgerObjects(
  repo: string,
  ref: string,
  file: string,
  shas: string[],
): Promise<LedgerObjects> {
  if (file === '' || /[\n\r\0]/.test(file) || file.startsWith('/')) {
    throw new DeskError('invalid-input', `Invalid repository path "${file}".`);
  }
  for (const sha of shas) if (!isFullSha(sha)) throw new DeskError('invalid-input', `Not a commit: ${sha}`);
  const asked = [`${assertSafeRefName(ref)}^{commit}`, `HEAD:${file}`, ...shas];
  const out = await runBatch(repo, `${asked.join('\n')}\n`);
  const objects: { name: string; type: string; body: Buffer }[] = [];
  let at = 0;
  for (const name of asked) {
    const end = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, end).split(' ');
    at = end + 1;
    // `<name> missing` (or ambiguous): git has no such object.
    if (header.length !== 3 || !isFullSha(header[0]!) || !/^\d+$/.test(header[2]!)) {
      objects.push({ name, type: 'missing', body: Buffer.alloc(0) });
      continue;
    }
    const size = Number(header[2]);
    objects.push({ name: header[0]!, type: header[1]!, body: out.subarray(at, at + size) });
    at += size + 1;
  }
  const [head, blob, ...commits] = objects;
  const messages = new Map<string, string>();
  commits.forEach((commit, i) => {
    if (commit.type !== 'commit' || commit.name !== shas[i]) return;
    const text = commit.body.toString('utf8');
    const split = text.indexOf('\n\n');
    messages.set(commit.name, split === -1 ? '' : text.slice(split + 2));
  });
  return {
    head: head!.type === 'commit' ? head!.name : null,
    file: blob!.type === 'blob' ? { blob: blob!.name, text: blob!.body.toString('utf8') } : null,
    messages,
  };
}

export interface SignatureCheck {
  sha: string;
  /** git's %G? letter. */
  status: string;
  signer: string;
  key: string;
}

/** Git's verdict on the signatures of exactly the commits `shas` (no walk), against `allowedSigners`. */
export async function checkSignatures(
  repo: string,
  shas: string[],
  allowedSigners: string,
): Promise<SignatureCheck[]> {
  for (const sha of shas) if (!isFullSha(sha)) throw new DeskError('invalid-input', `Not a commit: ${sha}`);
  if (shas.length === 0) return [];
  const args = [
    '-c',
    `gpg.ssh.allowedSignersFile=${allowedSigners}`,
    'log',
    '--no-walk=unsorted',
    '--format=%H%x00%G?%x00%GS%x00%GF%x1e',
    '--stdin',
    '--',
  ];
  const out = await git(repo, args, { input: `${shas.join('\n')}\n` });
  return out
    .split('\x1e')
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha = '', status = 'N', signer = '', key = ''] = record.split('\x00');
      return { sha, status, signer, key };
    });
}
