import type { ChannelName, ChannelOutput, ParsedInput } from '../../shared/api.js';
import type { Core } from '../core/context.js';

/** Who is calling, as each binding saw it. The dispatcher decides whether to trust it. */
export type Caller =
  | { kind: 'ipc'; frameUrl: string }
  | { kind: 'http'; trusted: boolean }
  | { kind: 'cli' }
  | { kind: 'test'; trusted: boolean };

export interface HandlerContext {
  core: Core;
  caller: Caller;
  /** Electron or browser mode, for `app.info`. */
  mode: 'electron' | 'browser';
}

export type Handler<K extends ChannelName> = (
  input: ParsedInput<K>,
  ctx: HandlerContext,
) => Promise<ChannelOutput<K>>;

export type HandlerMap = { [K in ChannelName]: Handler<K> };

/** A group of handlers for some channels; the full map is the union of all groups. */
export type HandlerGroup<K extends ChannelName> = { [P in K]: Handler<P> };
