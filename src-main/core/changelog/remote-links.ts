import { readConfigMatching } from '../git/config.js';

export type RemoteKind = 'github' | 'gitlab' | 'bitbucket' | 'bitbucket-server';

/** Web links of a repository's hosting service, derived from `remote.origin.url`. */
export interface RemoteLinks {
  kind: RemoteKind;
  /** `https://host/owner/repo` (the web page of the repository). */
  base: string;
  commit: (sha: string) => string;
  /** A reference as written (`#12`, `GH-12`, `owner/repo#12`), or null when the host has no issue tracker. */
  issue: (reference: string) => string | null;
  compare: (from: string, to: string) => string;
}

interface RemoteLocation {
  /** Host for web links, with the port when the remote named one over http(s). */
  host: string;
  /** Path segments: owner (possibly nested groups) then repository. */
  path: string[];
}

const KINDS: readonly RemoteKind[] = ['github', 'gitlab', 'bitbucket', 'bitbucket-server'];

/** https://, http://, ssh://, git:// URLs and scp-like `user@host:path`. */
export function parseRemoteUrl(url: string): RemoteLocation | null {
  let host: string;
  let pathname: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(url);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const web = parsed.protocol === 'https:' || parsed.protocol === 'http:';
    host = web && parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
    pathname = decodeURIComponent(parsed.pathname);
  } else if (scp) {
    host = scp[1]!;
    pathname = scp[2]!;
  } else {
    return null;
  }
  const path = pathname
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .split('/')
    .filter(Boolean);
  if (!host || path.length < 2) return null;
  return { host: host.toLowerCase(), path };
}

function guessKind(host: string): RemoteKind | null {
  if (host.includes('github')) return 'github';
  if (host.includes('gitlab')) return 'gitlab';
  if (host === 'bitbucket.org') return 'bitbucket';
  if (host.includes('bitbucket')) return 'bitbucket-server';
  return null;
}

const REFERENCE = /^(?:([\w.-]+)\/([\w.-]+)#|#|GH-)(\d+)$/i;

/** Builds the link makers for a remote of a known kind. */
export function remoteLinks(url: string, kindOverride: RemoteKind | null = null): RemoteLinks | null {
  const location = parseRemoteUrl(url);
  if (!location) return null;
  const kind = kindOverride ?? guessKind(location.host);
  if (!kind) return null;
  const origin = `https://${location.host}`;
  const encoded = location.path.map(encodeURIComponent);
  const base = `${origin}/${encoded.join('/')}`;
  const issueIn = (repoBase: string, n: string): string | null => {
    if (kind === 'github') return `${repoBase}/issues/${n}`;
    if (kind === 'gitlab') return `${repoBase}/-/issues/${n}`;
    if (kind === 'bitbucket') return `${repoBase}/issues/${n}`;
    return null;
  };
  const issue = (reference: string): string | null => {
    const match = REFERENCE.exec(reference);
    if (!match) return null;
    const [, owner, repo, n] = match;
    const repoBase =
      owner && repo ? `${origin}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}` : base;
    return issueIn(repoBase, n!);
  };
  const tag = encodeURIComponent;
  if (kind === 'bitbucket-server') {
    // Bitbucket Server: /projects/KEY/repos/NAME/…; its issues live in another tracker.
    const server = `${origin}/projects/${encoded.slice(0, -1).join('/')}/repos/${encoded.at(-1)!}`;
    return {
      kind,
      base: server,
      commit: (sha) => `${server}/commits/${sha}`,
      issue,
      compare: (from, to) =>
        `${server}/compare/diff?sourceBranch=${tag(`refs/tags/${to}`)}&targetBranch=${tag(`refs/tags/${from}`)}`,
    };
  }
  return {
    kind,
    base,
    commit: (sha) =>
      kind === 'gitlab'
        ? `${base}/-/commit/${sha}`
        : kind === 'github'
          ? `${base}/commit/${sha}`
          : `${base}/commits/${sha}`,
    issue,
    compare: (from, to) =>
      kind === 'gitlab'
        ? `${base}/-/compare/${tag(from)}...${tag(to)}`
        : kind === 'github'
          ? `${base}/compare/${tag(from)}...${tag(to)}`
          : `${base}/branches/compare/${tag(to)}%0D${tag(from)}`,
  };
}

/**
 * The links for `repo`'s `origin`, or null when there is none or its host is unknown. A
 * self-hosted instance whose name does not say what it runs is named by
 * `git config releaseDesk.remoteKind github|gitlab|bitbucket|bitbucket-server`.
 */
export async function readRemoteLinks(repo: string): Promise<RemoteLinks | null> {
  const entries = await readConfigMatching(repo, '^(remote\\.origin\\.url|releasedesk\\.remotekind)$');
  let url: string | null = null;
  let kind: RemoteKind | null = null;
  for (const [key, value] of entries) {
    if (key === 'remote.origin.url') url = value;
    if (key === 'releasedesk.remotekind' && (KINDS as readonly string[]).includes(value.toLowerCase())) {
      kind = value.toLowerCase() as RemoteKind;
    }
  }
  return url ? remoteLinks(url, kind) : null;
}
