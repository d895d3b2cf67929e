import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/run-cli.js';
import { DATABASE_FILE } from '../../../src-main/core/store/database.js';
import { captureIo } from '../../support/cli-io.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';
import { buildCli, runBuiltCli } from './built-cli.js';
import type { CliRun } from './built-cli.js';

const PROCESSES = 10;
const ROUNDS = 50;
// Each process approves a release at most once: an approve comes every 4th round, so a release
// per 4 rounds gives each process one approve (and one tick) per release.
const RELEASES = Math.ceil(ROUNDS / 4);
const COMMANDS = ['tick', 'approve', 'promote', 'next-version'] as const;
const person = (p: number) => `p${p}@example.com`;

// One more item and approver than the processes bring, so every promotion stays open throughout.
const POLICY = `environments:
  - name: staging
    gates:
${Array.from({ length: PROCESSES + 1 }, (_, p) => `      - checklist: item ${p}`).join('\n')}
      - approval:
          required: ${PROCESSES + 1}
          approvers: [${Array.from({ length: PROCESSES + 1 }, (_, p) => person(p)).join(', ')}]
`;

let built: ReturnType<typeof buildCli>;
let repo: TestRepo;
let dataDir: string;
let compileCache: string;
beforeAll(async () => {
  built = buildCli();
  repo = new TestRepo();
  dataDir = tempDir('release-desk-data-');
  compileCache = tempDir('release-desk-v8-');
  repo.commit('feat: first', { '.release-desk.yml': POLICY });
  for (let k = 0; k < RELEASES; k++) {
    if (k > 0) repo.commit(`feat: change ${k}`);
    repo.tag(`v1.${k}.0`);
    const io = captureIo({}, repo.dir);
    const code = await runCli(['promote', `1.${k}.0`, '--to', 'staging', '--data-dir', dataDir], io.io);
    expect(code, io.stderr()).toBe(3);
  }
  repo.commit('fix: after the last release');
}, 120_000);
afterAll(() => {
  built.remove();
  repo.remove();
  for (const dir of [dataDir, compileCache]) rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  command: (typeof COMMANDS)[number];
  p: number;
  release: number;
  run: CliRun;
}

function round(p: number, r: number): Promise<Outcome> {
  const command = COMMANDS[(p + r) % COMMANDS.length]!;
  const release = Math.floor(r / 4);
  const version = `1.${release}.0`;
  const args = {
    tick: ['tick', version, '--env', 'staging', '--item', `item ${p}`],
    approve: ['approve', version, '--env', 'staging'],
    promote: ['promote', version, '--to', 'staging'],
    'next-version': ['next-version', '--json'],
  }[command];
  const env = {
    GIT_COMMITTER_NAME: `p${p}`,
    GIT_COMMITTER_EMAIL: person(p),
    RELEASE_DESK_COMPILE_CACHE: compileCache,
  };
  return runBuiltCli(built.cli, [...args, '--data-dir', dataDir], { cwd: repo.dir, env }).then((run) => ({
    command,
    p,
    release,
    run,
  }));
}

describe(`${PROCESSES} processes × ${ROUNDS} rounds on one data dir`, () => {
  it('lose no write and make none twice: every command that said it was done is recorded once', async () => {
    const started = Date.now();
    const outcomes = (
      await Promise.all(
        Array.from({ length: PROCESSES }, async (_, p) => {
          const mine: Outcome[] = [];
          for (let r = 0; r < ROUNDS; r++) mine.push(await round(p, r));
          return mine;
        }),
      )
    ).flat();
    const seconds = (Date.now() - started) / 1000;
    const expectedCode = { tick: 0, approve: 0, promote: 3, 'next-version': 0 };
    const failed = outcomes.filter((o) => o.run.code !== expectedCode[o.command]);
    console.log(
      `concurrency: ${outcomes.length} CLI runs (${PROCESSES} processes × ${ROUNDS} rounds) in ${seconds.toFixed(1)} s, ` +
        `${outcomes.length - failed.length} as expected, ${failed.length} not`,
    );
    const faults = failed.map((o) => `${o.command} p${o.p} 1.${o.release}.0: ${o.run.code} ${o.run.stderr}`);
    if (faults.length) console.log(faults.join('\n'));
    expect(faults).toEqual([]);

    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const recorded = (sql: string) =>
        (db.prepare(sql).raw().all() as [string, string][])
          .map(([version, who]) => `${version} ${who}`)
          .sort();
      const said = (command: Outcome['command'], who: (p: number) => string) =>
        outcomes
          .filter((o) => o.command === command)
          .map((o) => `1.${o.release}.0 ${who(o.p)}`)
          .sort();
      expect(
        recorded(
          'SELECT p.version, t.item FROM checklist_ticks t JOIN promotions p ON p.id = t.promotion_id',
        ),
      ).toEqual(said('tick', (p) => `item ${p}`));
      expect(
        recorded('SELECT p.version, a.approver FROM approvals a JOIN promotions p ON p.id = a.promotion_id'),
      ).toEqual(said('approve', person));
      const events = (action: string) =>
        db.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action);
      expect(events('checklist.ticked')).toBe(said('tick', person).length);
      expect(events('approval.given')).toBe(said('approve', person).length);
      expect(db.prepare("SELECT count(*) FROM promotions WHERE state = 'pending'").pluck().get()).toBe(
        RELEASES,
      );
      expect(db.prepare('SELECT count(*) FROM promotions').pluck().get()).toBe(RELEASES);
    } finally {
      db.close();
    }
    const verify = await runBuiltCli(built.cli, ['audit', 'verify', '--data-dir', dataDir], {
      cwd: repo.dir,
    });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  }, 900_000);
});
