import { readFileSync } from 'node:fs';

/** A Release Desk process as intents and temporary worktrees name it: pid plus its start time. */
export interface Owner {
  pid: number;
  /** Clock ticks since boot when the process started (Linux); '' where that is not known. */
  start: string;
}

function startTime(pid: number): string {
  if (process.platform !== 'linux') return '';
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces); the 22nd field overall is starttime.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  } catch {
    return '';
  }
}

/** Whether a process runs. A zombie (exited, not yet reaped by its parent) does not count. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

let self: Owner | null = null;

export function currentOwner(): Owner {
  self ??= { pid: process.pid, start: startTime(process.pid) };
  return self;
}

/** Whether `owner` still runs: a pid reused by another process since does not count. */
export function ownerAlive(owner: Owner): boolean {
  if (owner.pid === process.pid) return owner.start === currentOwner().start;
  if (!isAlive(owner.pid)) return false;
  return owner.start === '' || startTime(owner.pid) === owner.start;
}
