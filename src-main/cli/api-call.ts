import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/api.js';
import { createDispatcher, parseInput } from '../api/dispatch.js';
import type { Core } from '../core/context.js';
import { DeskError } from '../core/errors.js';
import { cliHandlers } from './cli-handlers.js';
import { UsageError } from './command.js';

const dispatch = createDispatcher({ handlers: cliHandlers, isTrusted: (caller) => caller.kind === 'cli' });

/**
 * Calls one API channel through the dispatcher, as the app's windows do: the channel's schema
 * checks the input and its handler reads the repository, so a command line gets exactly the
 * bounds and errors the app gets. A failure is thrown with its code and details.
 */
export async function callApi<K extends ChannelName>(
  core: Core,
  channel: K,
  input: ChannelInput<K>,
): Promise<ChannelOutput<K>> {
  // An input the schema rejects is a wrong command line (exit 2 with the usage); a core check
  // that fails with the same code is a failure like any other (exit 1).
  const checked = parseInput(channel, input);
  if (!checked.ok) throw new UsageError(checked.error.message);
  // The CLI runs the core in plain Node, without Electron, as browser mode does.
  const result = await dispatch(channel, input, { core, caller: { kind: 'cli' }, mode: 'browser' });
  if (result.ok) return result.value as ChannelOutput<K>;
  throw new DeskError(result.error.code, result.error.message, result.error.details);
}
