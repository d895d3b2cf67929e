import type { CliIo } from './command.js';

export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Aligned `key  value` lines for human-readable output. */
export function printFields(io: CliIo, fields: [string, string | number | null | undefined][]): void {
  const width = Math.max(...fields.map(([key]) => key.length));
  for (const [key, value] of fields) io.stdout(`${key.padEnd(width)}  ${value ?? '—'}\n`);
}
