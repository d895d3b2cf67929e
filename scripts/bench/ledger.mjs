// Figures for a repository whose team ledger (refs/release-desk/ledger) holds ~1,000 events: what
// a decision, a promotion check and a read-only call cost once a team has used it for a while,
// and how many git processes each spawns. The ledger is written the way other clones' syncs would
// bring it: closed promotions (start, ticks, approvals, end) through git fast-import, the open
// promotions' decisions signed with SSH keys listed in the committed allowed signers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, git, heading, median, report, run } from './measure.mjs';

const PEOPLE = 12;
const RELEASES = 43;
const OPEN = 3;
const person = (p) => `p${p}@example.com`;
const identity = (p) => `p${p} <${person(p)}>`;

const POLICY = `environments:
  - name: staging
    gates:
${Array.from({ length: PEOPLE }, (_, p) => `      - checklist: item ${p}`).join('\n')}
      - approval:
          required: ${PEOPLE}
          approvers: [${Array.from({ length: PEOPLE }, (_, p) => person(p)).join(', ')}]
`;

/** JSON with keys sorted at every depth, as the ledger's events are written. */
function canonicalJson(value) {
  const sort = (v) =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => v[k] !== undefined)
              .map((k) => [k, sort(v[k])]),
          )
        : v;
  return JSON.stringify(sort(value));
}

function eventMessage(event) {
  return `release-desk event: ${event.action} ${event.subject}\n\n${canonicalJson(event)}\n`;
}

/** One CLI call on the fixture; promote's exit 3 (waiting on people) is its expected outcome. */
async function cli(fixture, args, env = {}) {
  const result = await run(
    process.execPath,
    [CLI, ...args, '--repo', fixture.repo, '--data-dir', fixture.data],
    {
      env,
      allowFailure: true,
    },
  );
  if (result.code !== 0 && result.code !== 3)
    throw new Error(`release-desk ${args.join(' ')} exited ${result.code}`);
  return result;
}

/** Signing as person `p`: their own key, given through git's config environment. */
function signerEnv(fixture, p) {
  return {
    GIT_COMMITTER_NAME: `p${p}`,
    GIT_COMMITTER_EMAIL: person(p),
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: 'gpg.format',
    GIT_CONFIG_VALUE_0: 'ssh',
    GIT_CONFIG_KEY_1: 'user.signingkey',
    GIT_CONFIG_VALUE_1: fixture.keys[p],
  };
}

function event(action, subject, actor, at, details) {
  return { v: 1, at, actor, action, subject, details, local: null, imported: false };
}

/** The decisions and the ending of one generated promotion, as other clones would have recorded them. */
function promotionEvents(start, release, closed, clock) {
  const { details } = start;
  const id = details.promotion;
  const tick = (p) => ({ promotion: id, item: `item ${p}`, actor: identity(p), note: null, at: clock() });
  const approval = (p) => ({
    promotion: id,
    environment: 'staging',
    version: release.version,
    approver: person(p),
    actor: identity(p),
    decision: 'approved',
    sha: release.sha,
    at: clock(),
    comment: null,
  });
  const events = [];
  // Open promotions hold the decisions of p8…p11 so far; the figures add p1…p7's.
  for (let p = closed ? 1 : 8; p < PEOPLE; p++) {
    const t = tick(p);
    events.push({ p, event: event('checklist.ticked', id, identity(p), t.at, t) });
    const a = approval(p);
    events.push({ p, event: event('approval.given', id, identity(p), a.at, a) });
  }
  if (closed) {
    const ending = { environment: 'staging', version: release.version, sha: release.sha, promotion: id };
    events.push({ p: 0, event: event('promotion.succeeded', id, identity(0), clock(), ending) });
  }
  return events;
}

/** Commits `events` as the ledger with fast-import (unsigned, as old history may be). */
function fastImport(repo, events) {
  let stream = '';
  events.forEach(({ p, event: e }, i) => {
    const message = Buffer.from(eventMessage(e));
    const when = `${Math.floor(Date.parse(e.at) / 1000)} +0000`;
    stream += `commit refs/release-desk/ledger\nmark :${i + 1}\ncommitter p${p} <${person(p)}> ${when}\n`;
    stream += `data ${message.length}\n${message}\n`;
    // No file changes: every commit has the empty tree, as the product's do.
    if (i > 0) stream += `from :${i}\n`;
  });
  execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: repo, input: stream });
}

/** One signed event on top of the ledger's head, moved with compare-and-swap as the product does. */
function appendSigned(fixture, p, e) {
  const { repo } = fixture;
  const head = git(repo, 'rev-parse', 'refs/release-desk/ledger');
  const when = `${Math.floor(Date.parse(e.at) / 1000)} +0000`;
  const env = {
    ...process.env,
    ...signerEnv(fixture, p),
    GIT_AUTHOR_NAME: `p${p}`,
    GIT_AUTHOR_EMAIL: person(p),
    GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_DATE: when,
  };
  const commit = execFileSync(
    'git',
    ['commit-tree', '-S', '-p', head, '4b825dc642cb6eb9a060e54bf8d69288fbee4904'],
    { cwd: repo, env, input: eventMessage(e), encoding: 'utf8' },
  ).trim();
  git(repo, 'update-ref', 'refs/release-desk/ledger', commit, head);
}

/** The repository, its signing keys and a data dir whose first call will meet the whole ledger. */
async function ledgerHeavyRepo(root) {
  const repo = path.join(root, 'repo');
  const keysDir = path.join(root, 'keys');
  mkdirSync(repo, { recursive: true });
  mkdirSync(keysDir);
  const keys = Array.from({ length: PEOPLE }, (_, p) => {
    const key = path.join(keysDir, `p${p}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `p${p}`, '-f', key]);
    return key;
  });
  const signers = keys
    .map(
      (key, p) =>
        `${person(p)} ${readFileSync(`${key}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`,
    )
    .join('\n');
  git(repo, 'init', '-q', '-b', 'main');
  for (const [k, v] of [
    ['user.name', 'Releaser'],
    ['user.email', 'releaser@example.com'],
    ['commit.gpgsign', 'false'],
    ['tag.gpgsign', 'false'],
  ])
    git(repo, 'config', k, v);
  mkdirSync(path.join(repo, '.release-desk'));
  writeFileSync(path.join(repo, '.release-desk.yml'), POLICY);
  writeFileSync(path.join(repo, '.release-desk', 'allowed_signers'), `${signers}\n`);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'feat: first');
  const releases = [];
  for (let k = 0; k < RELEASES; k++) {
    if (k > 0) git(repo, 'commit', '-q', '--allow-empty', '-m', `feat: change ${k}`);
    git(repo, 'tag', '-a', '-m', `v1.${k}.0`, `v1.${k}.0`);
    releases.push({ version: `1.${k}.0`, tag: `v1.${k}.0`, sha: git(repo, 'rev-parse', 'HEAD') });
  }
  git(repo, 'commit', '-q', '--allow-empty', '-m', 'fix: after the last release');
  const fixture = { repo, keys, data: path.join(root, 'data'), releases };
  // A promotion started by the product itself gives the start event every generated one copies;
  // then the ledger starts afresh (in time order, as clones write it) and so does the data dir.
  await cli(fixture, ['promote', releases[0].version, '--to', 'staging']);
  const message = git(repo, 'log', '-1', '--format=%B', 'refs/release-desk/ledger');
  const template = JSON.parse(message.slice(message.indexOf('\n\n') + 2));
  git(repo, 'update-ref', '-d', 'refs/release-desk/ledger');
  rmSync(fixture.data, { recursive: true, force: true });
  let t = Date.parse('2026-01-05T09:00:00Z');
  const clock = () => new Date((t += 60_000)).toISOString();
  const generated = [];
  const signed = [];
  releases.forEach((release, k) => {
    const id = `${release.tag}@staging#1`;
    const details = {
      ...template.details,
      promotion: id,
      sha: release.sha,
      tag: release.tag,
      version: release.version,
    };
    const start = event('promotion.started', id, identity(0), clock(), details);
    generated.push({ p: 0, event: start });
    const closed = k < RELEASES - OPEN;
    (closed ? generated : signed).push(...promotionEvents(start, release, closed, clock));
  });
  // The empty tree every ledger commit has, written as an object (the signed ones name it).
  git(repo, 'hash-object', '-w', '-t', 'tree', '/dev/null');
  fastImport(repo, generated);
  for (const { p, event: e } of signed) appendSigned(fixture, p, e);
  fixture.events = Number(git(repo, 'rev-list', '--count', 'refs/release-desk/ledger'));
  return fixture;
}

/** Git processes one call spawns (GIT_TRACE's line per git command). */
async function gitProcesses(fixture, args, env) {
  const trace = path.join(os.tmpdir(), `release-desk-bench-trace-${process.pid}`);
  rmSync(trace, { force: true });
  await cli(fixture, args, { ...env, GIT_TRACE: trace });
  let text = '';
  try {
    text = readFileSync(trace, 'utf8');
  } catch {
    // No git at all.
  }
  rmSync(trace, { force: true });
  return text.split('\n').filter((line) => line.includes('trace: built-in: git')).length;
}

/** A signed tick by person `p` appended straight to the ledger, as a sync brings another clone's. */
function arrivingTick(fixture, release, p) {
  const id = `${release.tag}@staging#1`;
  const at = new Date().toISOString();
  const details = { promotion: id, item: `item ${p}`, actor: identity(p), note: null, at };
  appendSigned(fixture, p, event('checklist.ticked', id, identity(p), at, details));
}

export async function benchLedger() {
  const root = path.join(os.tmpdir(), `release-desk-bench-ledger-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  try {
    const fixture = await ledgerHeavyRepo(root);
    heading(`Team ledger: ${fixture.events} events, ${OPEN} open promotions with signed decisions`);
    const open = fixture.releases.at(-1);
    const promote = ['promote', open.version, '--to', 'staging'];
    const calls = {
      tick: (p) => ['tick', open.version, '--env', 'staging', '--item', `item ${p}`],
      approve: () => ['approve', open.version, '--env', 'staging'],
      promote: () => promote,
      'next-version': () => ['next-version', '--json'],
    };
    const first = await cli(fixture, promote);
    report(`first call on the ${fixture.events}-event ledger (index, verify, adopt)`, first.ms, 'ms');
    // Each person decides once: three runs of each kind by three people who have not yet.
    const people = { tick: [1, 2, 3], approve: [1, 2, 3], promote: [4, 5, 6], 'next-version': [4, 5, 6] };
    for (const [name, args] of Object.entries(calls)) {
      const ms = [];
      for (const p of people[name]) ms.push((await cli(fixture, args(p), signerEnv(fixture, p))).ms);
      report(`${name} with ${fixture.events} ledger events (median of 3)`, median(ms), 'ms');
    }
    const arriving = [];
    for (const p of [4, 5, 6]) {
      arrivingTick(fixture, open, p);
      arriving.push((await cli(fixture, promote)).ms);
    }
    report('promote: refresh the index after 1 new signed event (median of 3)', median(arriving), 'ms');
    for (const [name, args] of Object.entries(calls)) {
      report(
        `  git processes: ${name}`,
        await gitProcesses(fixture, args(7), signerEnv(fixture, 7)),
        'procs',
      );
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
