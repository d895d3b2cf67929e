import type { z } from 'zod';

/** One channel of the API: its input schema and (type-only) output. */
export interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time; carries the output type. */
  output?: O;
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I): Channel<I, O> => ({ input });
}
