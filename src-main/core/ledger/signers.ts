import type { GoNoGoDecision } from '../../../shared/domain/trains.js';
import type { PromotionDetail } from '../../../shared/domain/promotion.js';
import type { Db } from '../store/database.js';
import { indexedEvents } from './ledger-index.js';
import type { IndexedEvent } from './ledger-index.js';

/**
 * Who signed the ledger event recording a decision: the allowed-signers principal of a good
 * signature, null when it is unsigned or the signature does not verify against the list, and
 * undefined while the ledger does not hold the event (yet).
 */
function signerOf(event: IndexedEvent | undefined): string | null | undefined {
  if (!event) return undefined;
  return event.signature.status === 'G' ? event.signature.signer : null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The latest event matching `matches`: a decision recorded twice (a vote changed) shows its last. */
function latest(events: IndexedEvent[], matches: (event: IndexedEvent) => boolean): IndexedEvent | undefined {
  return events.filter(matches).at(-1);
}

/** The promotion page's ticks and window override, each with the signer its ledger event has. */
export function withDecisionSigners(db: Db, root: string, detail: PromotionDetail): PromotionDetail {
  const { promotion } = detail;
  if (!promotion) return detail;
  const events = indexedEvents(db, root, ['checklist.ticked', 'window.overridden'], promotion.id);
  const gates = detail.gates.map((gate) => {
    if (!gate.tick) return gate;
    const { by, at } = gate.tick;
    const event = latest(
      events,
      (e) =>
        e.action === 'checklist.ticked' &&
        e.details.item === gate.name &&
        e.actor === by &&
        e.details.at === at,
    );
    const signer = signerOf(event);
    return signer === undefined ? gate : { ...gate, tick: { ...gate.tick, signer } };
  });
  const override = promotion.windowOverride;
  let windowOverride = override;
  if (override) {
    const signer = signerOf(
      latest(
        events,
        (e) =>
          e.action === 'window.overridden' && e.details.by === override.by && e.details.at === override.at,
      ),
    );
    if (signer !== undefined) windowOverride = { ...override, signer };
  }
  return { ...detail, gates, promotion: { ...promotion, windowOverride } };
}

/** A train's go/no-go votes, each with the signer of the ledger event that recorded it. */
export function withVoteSigners(
  db: Db,
  root: string,
  train: string,
  decisions: GoNoGoDecision[],
): GoNoGoDecision[] {
  const events = indexedEvents(db, root, ['train.approved', 'train.no-go'], train);
  return decisions.map((decision) => {
    const action = decision.decision === 'go' ? 'train.approved' : 'train.no-go';
    // The vote's row and its event are written together; the content identifies the event.
    const event = latest(
      events,
      (e) =>
        e.action === action &&
        e.actor === decision.actor &&
        e.details.sha === decision.sha &&
        text(e.details.comment) === decision.comment,
    );
    const signer = signerOf(event);
    return signer === undefined ? decision : { ...decision, signer };
  });
}
