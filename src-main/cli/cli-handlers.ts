import type { ChannelName } from '../../shared/api.js';
import { hotfixChannels } from '../../shared/api/hotfix.js';
import { ledgerChannels } from '../../shared/api/ledger.js';
import { promotionChannels } from '../../shared/api/promotion.js';
import { releaseChannels } from '../../shared/api/release.js';
import { repositoryChannels } from '../../shared/api/repository.js';
import { trainChannels } from '../../shared/api/trains.js';
import type { HandlerContext, HandlerGroup, HandlerMap, Handler } from '../api/handler-types.js';

/**
 * A group's handlers, each loading the group's module (and all it imports: gates, trains, the
 * ledger's sync, simple-git…) on its first call. Bundled, that module's code then runs only in a
 * command that uses it.
 */
function onFirstCall<K extends ChannelName>(
  channels: Record<K, unknown>,
  load: () => Promise<HandlerGroup<K>>,
): HandlerGroup<K> {
  let loaded: Promise<HandlerGroup<K>> | undefined;
  const handlerOf = (channel: K): Handler<K> => {
    return async (input: Parameters<Handler<K>>[0], ctx: HandlerContext) => {
      const group: HandlerGroup<K> = await (loaded ??= load());
      const handler: Handler<K> = group[channel];
      return handler(input, ctx);
    };
  };
  return Object.fromEntries(
    (Object.keys(channels) as K[]).map((channel) => [channel, handlerOf(channel)]),
  ) as HandlerGroup<K>;
}

/**
 * The CLI's handler map: the same handlers the app's map holds (src-main/api/handlers.ts), each
 * group loaded when a command first calls one of its channels, so `next-version` starts without
 * promotions, trains or hotfixes.
 */
export const cliHandlers: HandlerMap = {
  ...onFirstCall(
    repositoryChannels,
    async () => (await import('../api/handlers/repository.js')).repositoryHandlers,
  ),
  ...onFirstCall(releaseChannels, async () => (await import('../api/handlers/release.js')).releaseHandlers),
  ...onFirstCall(trainChannels, async () => (await import('../api/handlers/trains.js')).trainHandlers),
  ...onFirstCall(hotfixChannels, async () => (await import('../api/handlers/hotfix.js')).hotfixHandlers),
  ...onFirstCall(
    promotionChannels,
    async () => (await import('../api/handlers/promotion.js')).promotionHandlers,
  ),
  ...onFirstCall(ledgerChannels, async () => (await import('../api/handlers/ledger.js')).ledgerHandlers),
};
