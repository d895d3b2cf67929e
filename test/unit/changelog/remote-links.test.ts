import { describe, expect, it } from 'vitest';
import { parseRemoteUrl, remoteLinks } from '../../../src-main/core/changelog/remote-links.js';
import type { RemoteKind } from '../../../src-main/core/changelog/remote-links.js';

const SHA = 'abcdef1234567890abcdef1234567890abcdef12';

describe('remote URLs', () => {
  it.each([
    ['https://github.com/acme/app.git', 'github.com', ['acme', 'app']],
    ['https://user:secret@github.com/acme/app', 'github.com', ['acme', 'app']],
    ['git@github.com:acme/app.git', 'github.com', ['acme', 'app']],
    ['ssh://git@github.com:22/acme/app.git', 'github.com', ['acme', 'app']],
    [
      'https://gitlab.example.com:8443/group/sub/app.git/',
      'gitlab.example.com:8443',
      ['group', 'sub', 'app'],
    ],
    ['git://example.org/acme/app', 'example.org', ['acme', 'app']],
  ])('%s', (url, host, path) => {
    expect(parseRemoteUrl(url)).toEqual({ host, path });
  });

  it.each(['/srv/git/app.git', 'file:///srv/git/app.git', 'https://github.com/just-one', 'not a url'])(
    'has no web location: %s',
    (url) => expect(parseRemoteUrl(url)).toBeNull(),
  );
});

describe('remote links', () => {
  const cases: [string, RemoteKind | null, string, string, string, string][] = [
    [
      'https://github.com/acme/app.git',
      null,
      `https://github.com/acme/app/commit/${SHA}`,
      'https://github.com/acme/app/issues/12',
      'https://github.com/other/lib/issues/3',
      'https://github.com/acme/app/compare/v1.0.0...v1.1.0',
    ],
    [
      'git@github.com:acme/app.git',
      null,
      `https://github.com/acme/app/commit/${SHA}`,
      'https://github.com/acme/app/issues/12',
      'https://github.com/other/lib/issues/3',
      'https://github.com/acme/app/compare/v1.0.0...v1.1.0',
    ],
    [
      'git@gitlab.com:group/sub/app.git',
      null,
      `https://gitlab.com/group/sub/app/-/commit/${SHA}`,
      'https://gitlab.com/group/sub/app/-/issues/12',
      'https://gitlab.com/other/lib/-/issues/3',
      'https://gitlab.com/group/sub/app/-/compare/v1.0.0...v1.1.0',
    ],
    [
      'https://bitbucket.org/acme/app.git',
      null,
      `https://bitbucket.org/acme/app/commits/${SHA}`,
      'https://bitbucket.org/acme/app/issues/12',
      'https://bitbucket.org/other/lib/issues/3',
      'https://bitbucket.org/acme/app/branches/compare/v1.1.0%0Dv1.0.0',
    ],
    [
      'git@github.acme.corp:team/app.git',
      null,
      `https://github.acme.corp/team/app/commit/${SHA}`,
      'https://github.acme.corp/team/app/issues/12',
      'https://github.acme.corp/other/lib/issues/3',
      'https://github.acme.corp/team/app/compare/v1.0.0...v1.1.0',
    ],
    [
      'https://code.acme.corp/team/app.git',
      'gitlab',
      `https://code.acme.corp/team/app/-/commit/${SHA}`,
      'https://code.acme.corp/team/app/-/issues/12',
      'https://code.acme.corp/other/lib/-/issues/3',
      'https://code.acme.corp/team/app/-/compare/v1.0.0...v1.1.0',
    ],
  ];
  it.each(cases)('%s (%s)', (url, kind, commit, issue, crossRepo, compare) => {
    const links = remoteLinks(url, kind)!;
    expect(links.commit(SHA)).toBe(commit);
    expect(links.issue('#12')).toBe(issue);
    expect(links.issue('GH-12')).toBe(issue);
    expect(links.issue('other/lib#3')).toBe(crossRepo);
    expect(links.compare('v1.0.0', 'v1.1.0')).toBe(compare);
  });

  it('Bitbucket Server: its own paths, and no issue tracker', () => {
    const links = remoteLinks('ssh://git@bitbucket.acme.corp:7999/proj/app.git')!;
    expect(links.kind).toBe('bitbucket-server');
    expect(links.commit(SHA)).toBe(`https://bitbucket.acme.corp/projects/proj/repos/app/commits/${SHA}`);
    expect(links.issue('#12')).toBeNull();
  });

  it('an unknown host gives no links unless its kind is configured', () => {
    expect(remoteLinks('https://code.acme.corp/team/app.git')).toBeNull();
  });
});
