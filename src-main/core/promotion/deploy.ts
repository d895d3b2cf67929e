import type { Core } from '../context.js';
import type { Intent } from '../intent/intent-store.js';
import { executeRun } from './command-runs.js';
import { latestRuns } from './run-store.js';
import type { RunRecord } from './run-store.js';
import { outputSha256, promotionFacts, publicId } from './store.js';
import type { PromotionRecord } from './store.js';
import { writeTransaction } from '../store/write-transaction.js';

/**
 * Quotes a value for the shell that runs the deploy command. Versions and environment names are
 * validated already, but they come from tags and files anyone with push access can write, so
 * they are quoted anyway rather than trusted.
 */
export function shellQuote(value: string): string {
  if (process.platform === 'win32') return `"${value.replace(/"/g, '""')}"`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Fills `{environment}`, `{version}`, `{sha}` (and `{tag}`) in a deploy template, each quoted. */
export function deployCommand(
  template: string,
  values: { environment: string; version: string; sha: string; tag: string },
): string {
  return template.replace(/\{(environment|version|sha|tag)\}/g, (_match, key: keyof typeof values) =>
    shellQuote(values[key]),
  );
}

export type DeployOutcome =
  | { ok: true; run: RunRecord | null }
  | { ok: false; reason: string }
  /** The last deploy was interrupted and the user has not asked to run it again. */
  | { ok: 'interrupted'; run: RunRecord };

/**
 * Runs the environment's deploy command at the release commit (output streamed). No deploy
 * configured means the promotion is a recorded sign-off only. A deploy that already passed (the
 * process died before the promotion was marked succeeded) is not run twice, and one that was
 * interrupted (its process killed mid-deploy: it may have half-deployed) runs again only when
 * the user asks (`retry`).
 */
export async function deploy(
  core: Core,
  promotion: PromotionRecord,
  actor: string,
  options: { retry: boolean; intent: Intent<unknown> },
): Promise<DeployOutcome> {
  const policy = promotion.snapshot.environment.deploy;
  if (!policy) return { ok: true, run: null };
  const previous = latestRuns(core.db, promotion.id).deploy;
  if (previous?.state === 'passed') return { ok: true, run: previous };
  if (previous?.state === 'interrupted') {
    if (!options.retry) return { ok: 'interrupted', run: previous };
    writeTransaction(core.db, () => {
      core.audit.append({
        actor,
        action: 'promotion.deploy-retried',
        repo: promotion.repo,
        subject: publicId(promotion),
        details: { ...promotionFacts(promotion), interruptedAt: previous.startedAt },
      });
    });
  }
  const command = deployCommand(policy.run, promotion);
  options.intent.step('deploy');
  const run = await executeRun(
    core,
    promotion,
    { kind: 'deploy', position: null, name: 'Deploy', command, timeoutMs: policy.timeoutMs },
    (finished) => {
      // In the transaction that marks the run passed: a deploy is never recorded half.
      if (finished.state !== 'passed') return;
      core.audit.append({
        actor,
        action: 'promotion.deployed',
        repo: promotion.repo,
        subject: publicId(promotion),
        details: {
          ...promotionFacts(promotion),
          command,
          exitCode: finished.exitCode,
          outputSha256: outputSha256(finished.output),
        },
      });
    },
  );
  options.intent.step('deployed', run.state);
  if (run.state !== 'passed') {
    const how = run.state === 'timed-out' ? 'timed out' : `exited with code ${run.exitCode ?? 'unknown'}`;
    return { ok: false, reason: `the deploy command ${how}` };
  }
  return { ok: true, run };
}
