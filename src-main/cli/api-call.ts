import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api.js';
import { createDispatcher } from '../api/dispatch.js';
import { handlers } from '../api/handlers.js';
import type { Core } from '../core/context.js';
import { DeskError } from '../core/errors.js';
import { UsageError } from './command.js';

const dispatch = createDispatcher({ handlers, isTrusted: (caller) => caller.kind === 'cli' });

/**
 * Calls one API channel through the dispatcher, as the app's windows do: the channel's schema
 * checks the input, and a failure becomes the command's error (a rejected input, a usage error).
 */
export async function callApi<K extends ChannelName>(
  core: Core,
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  // The CLI runs the core in plain Node, without Electron, as browser mode does.
  const result = await dispatch(channel, input, { core, caller: { kind: 'cli' }, mode: 'browser' });
  if (result.ok) return result.value as ChannelOutput<K>;
  if (result.error.code === 'invalid-input') throw new UsageError(result.error.message);
  throw new DeskError(result.error.code, result.error.message);
}
