import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultBench } from './fault-fixture.js';
import { faultBenches } from './fault-fixture.js';

const newBench = faultBenches();

// The deploy appends one line per run to $DEPLOY_LOG (after $DEPLOY_DELAY seconds), so the test counts deploys.
const POLICY = `environments:
  - name: staging
    gates:
      - check: { name: Unit tests, run: "echo checked", timeout: 1m }
    deploy: { run: 'sleep "\${DEPLOY_DELAY:-0}"; echo "deployed {version}" >> "$DEPLOY_LOG"', timeout: 1m }
`;

function arrange(b: FaultBench): NodeJS.ProcessEnv {
  b.repo.commit('feat: first', { '.release-desk.yml': POLICY });
  b.repo.tag('v1.0.0');
  return { DEPLOY_LOG: path.join(b.scratch, 'deploys.log') };
}

function deploys(env: NodeJS.ProcessEnv): number {
  const log = env.DEPLOY_LOG!;
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
}

const PROMOTE = ['promote', '1.0.0', '--to', 'staging'];

function expectPromotedOnce(b: FaultBench, env: NodeJS.ProcessEnv): void {
  expect(deploys(env)).toBe(1);
  expect(b.query(`SELECT attempt, state FROM promotions`)).toEqual([{ attempt: 1, state: 'succeeded' }]);
  expect(b.auditCount('promotion.started')).toBe(1);
  expect(b.auditCount('promotion.deployed')).toBe(1);
  expect(b.auditCount('promotion.succeeded')).toBe(1);
  b.expectConsistent();
}

describe.skipIf(process.platform === 'win32')('promote killed with SIGKILL at each step', () => {
  // Before the deploy starts, or once it has finished: the rerun completes and deploys once.
  const resumable = ['begun', 'created', 'check-started', 'checks', 'deploy', 'deployed'];
  it.each(resumable)('at "%s": the rerun completes it, with one attempt and one deploy', (step) => {
    const b = newBench();
    const env = arrange(b);
    b.kill(PROMOTE, `promote:${step}`, env);
    const rerun = b.ok(PROMOTE, env);
    expect(rerun.stdout).toMatch(/v1\.0\.0@staging#1: succeeded/);
    expect(rerun.stderr).toMatch(/Stopped the interrupted promote of v1\.0\.0@staging(#1)?: /);
    expectPromotedOnce(b, env);
    // Promoting again changes nothing.
    expect(b.run(PROMOTE, undefined, env).stderr).toMatch(/already live in staging/);
    expect(deploys(env)).toBe(1);
  });

  it('during the deploy: the deploy is never rerun until --retry-deploy, then once', () => {
    const b = newBench();
    const env = arrange(b);
    b.kill(PROMOTE, 'promote:deploy-started', env);
    const waiting = b.run(PROMOTE, undefined, env);
    expect(waiting.status).toBe(3);
    expect(waiting.stderr).toMatch(
      /it was interrupted during deploy, and the deploy runs again only when you ask/,
    );
    expect(waiting.stderr).toMatch(/v1\.0\.0@staging#1 was interrupted during deploy.*--retry-deploy/);
    expect(waiting.stdout).toMatch(/deploy: interrupted/);
    expect(b.run(PROMOTE, undefined, env).status).toBe(3);
    expect(deploys(env)).toBe(0);
    expect(b.auditCount('deploy.interrupted')).toBe(1);

    const retried = b.ok([...PROMOTE, '--retry-deploy'], env);
    expect(retried.stdout).toMatch(/v1\.0\.0@staging#1: succeeded/);
    expect(b.auditCount('promotion.deploy-retried')).toBe(1);
    expectPromotedOnce(b, env);
  });

  it('two at once: the second joins the first; one attempt, one deploy, both report success', async () => {
    const b = newBench();
    const env = { ...arrange(b), DEPLOY_DELAY: '1' };
    // The data dir exists first: concurrent first use of a fresh one is another matter (migrations).
    b.ok(['next-version']);
    const [first, second] = await Promise.all([b.start(PROMOTE, env), b.start(PROMOTE, env)]);
    expect([first.status, second.status], `${first.stderr}\n${second.stderr}`).toEqual([0, 0]);
    expect(first.stdout).toMatch(/v1\.0\.0@staging#1: succeeded/);
    expect(second.stdout).toMatch(/v1\.0\.0@staging#1: succeeded/);
    expectPromotedOnce(b, env);
  });
});
