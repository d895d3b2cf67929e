/**
 * Fault injection for the crash tests (test/integration/faults): when the environment variable
 * RELEASE_DESK_FAULT names this step (`<action>:<step>`, e.g. `release:commit`), the process kills
 * itself with SIGKILL right here, as `kill -9` or a power cut would, after the step's change and
 * before it is recorded. Inert unless that variable is set; nothing else reads it.
 */
export function faultPoint(action: string, step: string): void {
  if (process.env.RELEASE_DESK_FAULT === `${action}:${step}`) process.kill(process.pid, 'SIGKILL');
}
