import { api, isChannelName } from '../../shared/api.js';
import type { ChannelName } from '../../shared/api.js';
import type { ApiError, Result } from '../../shared/result.js';
import { DeskError } from '../core/errors.js';
import type { Caller, HandlerContext, HandlerMap } from './handler-types.js';

export interface DispatcherOptions {
  handlers: HandlerMap;
  /** The binding's rule for whom to serve (its own window, its own token); false → refused. */
  isTrusted: (caller: Caller) => boolean;
}

/**
 * The one wrapper every binding calls: checks the caller, parses the input with the channel's
 * schema, runs the handler and turns every outcome into a Result. Never throws.
 */
export function createDispatcher(options: DispatcherOptions) {
  return async function dispatch(
    channel: string,
    rawInput: unknown,
    ctx: HandlerContext,
  ): Promise<Result<unknown>> {
    if (!options.isTrusted(ctx.caller)) {
      return { ok: false, error: { code: 'untrusted-caller', message: 'This caller may not use the API.' } };
    }
    if (!isChannelName(channel)) {
      return { ok: false, error: { code: 'unknown-channel', message: `No API channel "${channel}".` } };
    }
    const parsed = parseInput(channel, rawInput);
    if (!parsed.ok) return parsed;
    try {
      const handler = options.handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.value, ctx) };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;

/** The channel's schema applied to an input: the parsed value, or `invalid-input` naming the field. */
export function parseInput(channel: ChannelName, rawInput: unknown): Result<unknown> {
  const parsed = api[channel].input.safeParse(rawInput ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return {
    ok: false,
    error: {
      code: 'invalid-input',
      message: `Invalid input for ${channel}: ${where}${issue?.message ?? 'rejected'}`,
    },
  };
}

/** A thrown DeskError keeps its code and details; anything else is a bug, reported as `internal`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof DeskError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
