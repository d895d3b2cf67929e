import type { z } from 'zod';
import type { Channel } from './api/define.js';
import { releaseChannels } from './api/release.js';
import { hotfixChannels } from './api/hotfix.js';
import { trainChannels } from './api/trains.js';
import { promotionChannels } from './api/promotion.js';
import { repositoryChannels } from './api/repository.js';
import { ledgerChannels } from './api/ledger.js';

/** Every channel of the API, once. Bindings, handlers and the renderer's client derive from it. */
export const api = {
  ...repositoryChannels,
  ...releaseChannels,
  ...trainChannels,
  ...hotfixChannels,
  ...promotionChannels,
  ...ledgerChannels,
};

export type Api = typeof api;
export type ChannelName = keyof Api;
export type ChannelInput<K extends ChannelName> = z.input<Api[K]['input']>;
export type ParsedInput<K extends ChannelName> = z.output<Api[K]['input']>;
export type ChannelOutput<K extends ChannelName> = Api[K] extends Channel<z.ZodType, infer O> ? O : never;

export const channelNames = Object.keys(api) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(api, name);
}
