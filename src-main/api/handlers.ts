import type { HandlerMap } from './handler-types.js';
import { releaseHandlers } from './handlers/release.js';
import { hotfixHandlers } from './handlers/hotfix.js';
import { trainHandlers } from './handlers/trains.js';
import { promotionHandlers } from './handlers/promotion.js';
import { repositoryHandlers } from './handlers/repository.js';
import { ledgerHandlers } from './handlers/ledger.js';

/** One handler per channel of `shared/api.ts`; a missing one is a compile error here. */
export const handlers: HandlerMap = {
  ...repositoryHandlers,
  ...releaseHandlers,
  ...trainHandlers,
  ...hotfixHandlers,
  ...promotionHandlers,
  ...ledgerHandlers,
};
