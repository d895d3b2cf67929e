import type { z } from 'zod';

/** One channel of the API: its input schema and (type-only) output. */
export interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  /** Never read at run time; carries the output type. */
  output?: O;
}

/**
 * A channel whose input schema is built the first time it is asked for: a CLI process parses one
 * command's input and exits, and building every channel's schema cost it more than that parse.
 */
export function channel<O>() {
  return <I extends z.ZodType>(build: () => I): Channel<I, O> => {
    let input: I | undefined;
    return {
      get input() {
        return (input ??= build());
      },
    };
  };
}
