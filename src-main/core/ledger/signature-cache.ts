import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { checkSignatures } from '../git/ledger-objects.js';
import type { AllowedSigners } from './allowed-signers.js';
import type { SignatureVerdict } from './read.js';

const UNSIGNED: SignatureVerdict = { status: 'N', signer: null, key: null };

// Verdicts read or made in this process, by cache file: the app asks about the same commits at every refresh.
const memory = new Map<string, Map<string, SignatureVerdict>>();

/**
 * A verdict that the commit and the allowed-signers list alone decide, so it holds for as long as
 * both do: unsigned, or an SSH signature (verified at the commit's own time, against the list).
 * GPG verdicts also depend on the user's keyring and the clock (trust, expiry, revocation), and
 * "cannot check" on this machine's tools: those are asked of git every time.
 */
function lasting(verdict: SignatureVerdict): boolean {
  if (verdict.status === 'N') return true;
  return ['G', 'B', 'U'].includes(verdict.status) && (verdict.key?.startsWith('SHA256:') ?? false);
}

function parseLine(line: string): [string, SignatureVerdict] | null {
  try {
    const value = JSON.parse(line) as Record<string, unknown>;
    const { c, s, p, k } = value;
    if (typeof c !== 'string' || typeof s !== 'string' || !/^[A-Z]$/.test(s)) return null;
    if (!(p === null || typeof p === 'string') || !(k === null || typeof k === 'string')) return null;
    return [c, { status: s, signer: p, key: k }];
  } catch {
    // A line torn by a writer that died mid-write: verified again.
    return null;
  }
}

const CACHE_FILE = /^signature-verdicts-[0-9a-f]+$/;

/**
 * Once a list's cache file is new, the verdicts of the lists before it are dead weight (a file
 * per allowed-signers blob, never read again): the ones older than it go. A newer one (another
 * worktree at another HEAD wrote it meanwhile) is kept, and one already gone is no error.
 */
function pruneOlder(current: string): void {
  const dir = path.dirname(current);
  const since = statSync(current).mtimeMs;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (file === current || !CACHE_FILE.test(name)) continue;
    try {
      if (statSync(file).mtimeMs > since) continue;
      unlinkSync(file);
    } catch {
      // Removed by another process meanwhile.
    }
    memory.delete(file);
  }
}

function readCache(file: string): Map<string, SignatureVerdict> {
  const known = memory.get(file) ?? new Map<string, SignatureVerdict>();
  memory.set(file, known);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return known;
  }
  for (const line of text.split('\n')) {
    const entry = line ? parseLine(line) : null;
    if (entry) known.set(entry[0], entry[1]);
  }
  return known;
}

/**
 * Git's verdict on each commit's signature against the allowed signers committed at HEAD, each
 * commit verified once: a commit's signature never changes, so a lasting verdict is kept by
 * commit and by the list's blob (another list, other verdicts). The cache sits beside that list
 * in the repository's git directory, shared by every data directory and worktree of the
 * repository; the state database cannot make a signature count. Without a list nothing is
 * verified (every event counts as unsigned), as before.
 */
export async function signatureVerdicts(
  root: string,
  shas: string[],
  signers: AllowedSigners,
): Promise<Map<string, SignatureVerdict>> {
  const verdicts = new Map<string, SignatureVerdict>();
  if (!signers.file) {
    for (const sha of shas) verdicts.set(sha, UNSIGNED);
    return verdicts;
  }
  const file = path.join(path.dirname(signers.file), `signature-verdicts-${signers.hash}`);
  let known = memory.get(file);
  // Another process may have verified them meanwhile: its lines are read before asking git.
  if (!known || shas.some((sha) => !known!.has(sha))) known = readCache(file);
  const missing = shas.filter((sha) => !known.has(sha));
  if (missing.length > 0) {
    const lines: string[] = [];
    for (const check of await checkSignatures(root, missing, signers.file)) {
      const verdict = { status: check.status, signer: check.signer || null, key: check.key || null };
      verdicts.set(check.sha, verdict);
      if (!lasting(verdict)) continue;
      known.set(check.sha, verdict);
      lines.push(JSON.stringify({ c: check.sha, s: verdict.status, p: verdict.signer, k: verdict.key }));
    }
    // One append per batch: concurrent writers' lines interleave whole, never mixed. It starts a
    // line of its own, after any line a writer that died left torn.
    if (lines.length) {
      const created = !existsSync(file);
      appendFileSync(file, `\n${lines.join('\n')}\n`, { mode: 0o600 });
      if (created) pruneOlder(file);
    }
  }
  for (const sha of shas) {
    const verdict = verdicts.get(sha) ?? known.get(sha);
    if (verdict) verdicts.set(sha, verdict);
  }
  return verdicts;
}
