import { config } from 'zod';

/**
 * Zod compiles a parser for each object schema the first time it parses (`new Function`): worth
 * it in a process that parses the same shapes many times, a cost in one that parses a policy and
 * one command's input once and exits. Must run before any schema is built: each reads it then.
 */
export function interpretSchemas(): void {
  config({ jitless: true });
}
