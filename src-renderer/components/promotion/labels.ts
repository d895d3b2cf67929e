import { formatWhen } from '../../lib/dates.js';
import type {
  CommandRun,
  GateState,
  GateStatus,
  PromotionState,
  TimeFinish,
} from '../../../shared/domain/promotion.js';

/** A state as an icon plus words, so it never depends on color alone. */
export interface StateLabel {
  icon: string;
  text: string;
  tone: 'ok' | 'bad' | 'wait' | 'muted';
}

const GATE_STATES: Record<GateState, StateLabel> = {
  passed: { icon: '✓', text: 'Passed', tone: 'ok' },
  failed: { icon: '✗', text: 'Failed', tone: 'bad' },
  waiting: { icon: '◷', text: 'Waiting', tone: 'wait' },
  skipped: { icon: '↷', text: 'Skipped', tone: 'muted' },
};

const PROMOTION_STATES: Record<PromotionState, StateLabel> = {
  pending: { icon: '◷', text: 'Waiting', tone: 'wait' },
  'in-progress': { icon: '▶', text: 'Running', tone: 'wait' },
  succeeded: { icon: '✓', text: 'Succeeded', tone: 'ok' },
  failed: { icon: '✗', text: 'Failed', tone: 'bad' },
  rejected: { icon: '⊘', text: 'Rejected', tone: 'bad' },
  'rolled-back': { icon: '↶', text: 'Rolled back', tone: 'muted' },
};

export function gateStateLabel(state: GateState): StateLabel {
  return GATE_STATES[state];
}

const RUNNING: StateLabel = { icon: '▶', text: 'Running…', tone: 'wait' };

/** A check whose command runs now reads Running, not Waiting: nothing waits on a person. */
export function isRunning(gate: GateStatus, runningHere = false): boolean {
  return gate.state === 'waiting' && (runningHere || gate.run?.state === 'running');
}

export function gateLabel(gate: GateStatus, runningHere = false): StateLabel {
  return isRunning(gate, runningHere) ? RUNNING : GATE_STATES[gate.state];
}

/**
 * What a gate says, with its moments in the app's one date format: the core writes a tick's
 * time as ISO (the CLI prints it as recorded), the page shows it like every other time.
 */
export function gateDetail(gate: GateStatus): string {
  if (gate.kind === 'checklist' && gate.tick) {
    return `ticked by ${gate.tick.by} on ${formatWhen(gate.tick.at)}${gate.tick.note ? `: ${gate.tick.note}` : ''}`;
  }
  return gate.detail;
}

/** How a failed command ended, in words. */
export function runEnding(run: CommandRun): string {
  if (run.state === 'timed-out') return `\`${run.command}\` timed out and was stopped.`;
  return run.exitCode === null
    ? `\`${run.command}\` ended without an exit code.`
    : `\`${run.command}\` exited with code ${run.exitCode}.`;
}

/** The last few lines of a command's output: where the reason for a failure usually is. */
export function lastLines(output: string, count = 5): string {
  return output.trimEnd().split('\n').slice(-count).join('\n');
}

export function promotionStateLabel(state: PromotionState | null): StateLabel {
  return state ? PROMOTION_STATES[state] : { icon: '○', text: 'Not started', tone: 'muted' };
}

export const GATE_KINDS: Record<string, string> = {
  check: 'Check',
  checklist: 'Checklist',
  approval: 'Approval',
  soak: 'Soak',
  window: 'Window',
};

/** The progress job of a promotion run, as the core names it (version without the tag prefix). */
export function promotionJob(environment: string, version: string): string {
  return `promotion:${environment}:${version}`;
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

export function when(iso: string | null | undefined): string {
  return formatWhen(iso);
}

/** A promotion only time holds back, in one line: the promotion page and the board's card say the same. */
export function finishLine(finish: TimeFinish): string {
  return `Finishes by itself at ${when(finish.at)} when ${finish.reason}`;
}

/** The id of a gate's card on the promotion page (the stepper links to it). */
export function gateAnchor(gate: { kind: string; name: string }): string {
  return `gate-${gate.kind}-${gate.name.replace(/\W+/g, '-')}`;
}
