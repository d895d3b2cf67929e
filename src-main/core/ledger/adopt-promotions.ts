import type { PromotionState } from '../../../shared/domain/promotion.js';
import { readTagDetails, tagCommit } from '../git/tags.js';
import { releaseCreator } from '../promotion/release-creator.js';
import type { Db } from '../store/database.js';
import type { LedgerEntry } from './read.js';

const ENDINGS: Record<string, PromotionState> = {
  'promotion.succeeded': 'succeeded',
  'promotion.failed': 'failed',
  'promotion.rejected': 'rejected',
  'promotion.rolled-back': 'rolled-back',
};

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The release's creator here, read as everywhere else (signer, tagger or committer). */
async function creatorOf(root: string, tag: string): Promise<string | null> {
  const [details] = await readTagDetails(root, tag);
  return details ? releaseCreator(root, details) : null;
}

function localPromotion(db: Db, root: string, environment: string, version: string, attempt: number) {
  return db
    .prepare(
      'SELECT id, state FROM promotions WHERE repo = ? AND environment = ? AND version = ? AND attempt = ?',
    )
    .get(root, environment, version, attempt) as { id: number; state: PromotionState } | undefined;
}

/**
 * Promotions started in another clone reach this one through the ledger: each `promotion.started`
 * event without a local row becomes one (with the policy it started with, from the event), and a
 * later ending from the ledger closes it. Returns how many were adopted.
 */
export async function adoptPromotions(db: Db, root: string, entries: LedgerEntry[]): Promise<number> {
  let adopted = 0;
  for (const { event } of entries) {
    const d = event.details;
    const environment = text(d.environment);
    const version = text(d.version);
    const sha = text(d.sha);
    // The subject is the promotion's public id, `tag@environment#attempt`.
    const id = /^(.+)@([^@#]+)#(\d+)$/.exec(event.subject ?? '');
    if (!environment || !version || !sha || !id || id[2] !== environment) continue;
    const tag = id[1]!;
    const attempt = Number(id[3]);
    const local = localPromotion(db, root, environment, version, attempt);
    if (event.action === 'promotion.started' && !local) {
      // The tag must be here too, or this clone cannot promote that release yet.
      if ((await tagCommit(root, tag)) !== sha) continue;
      const policy = d.policy;
      const hash = text(d.policyHash);
      if (!policy || !hash) continue;
      db.prepare(
        `INSERT INTO promotions (repo, environment, version, tag, sha, attempt, state, requested_by, release_creator,
           fast_track, is_rollback, replaces, policy_json, policy_hash, started_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, NULL, ?, ?, ?)`,
      ).run(
        root,
        environment,
        version,
        tag,
        sha,
        attempt,
        event.actor,
        await creatorOf(root, tag),
        d.fastTrack === true ? 1 : 0,
        d.rollback === true ? 1 : 0,
        JSON.stringify(policy),
        hash,
        event.at,
      );
      adopted += 1;
    }
    const ending = ENDINGS[event.action];
    if (ending && local && (local.state === 'pending' || local.state === 'in-progress')) {
      db.prepare('UPDATE promotions SET state = ?, finished_at = ? WHERE id = ?').run(
        ending,
        event.at,
        local.id,
      );
    }
  }
  return adopted;
}
