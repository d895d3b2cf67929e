import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { GateStatus } from '../../../../shared/domain/promotion.js';
import GateCard from '../../../../src-renderer/components/promotion/GateCard.svelte';

const handlers = () => ({
  ontick: vi.fn(() => Promise.resolve(true)),
  ondecide: vi.fn(() => Promise.resolve(true)),
  onoverride: vi.fn(() => Promise.resolve(true)),
});

function card(gate: GateStatus, extra: { open?: boolean; running?: boolean; live?: string } = {}) {
  const on = handlers();
  render(GateCard, {
    gate,
    busy: false,
    open: extra.open ?? true,
    live: extra.live,
    running: extra.running ?? false,
    ...on,
  });
  return on;
}

describe('GateCard', () => {
  it('names the gate, its state in words and what it waits for', () => {
    card({
      kind: 'soak',
      name: 'Soak in staging',
      state: 'waiting',
      detail: 'soak ends in 3 h (1 d in staging)',
    });
    const gate = screen.getByRole('article', { name: 'Soak: Soak in staging' });
    expect(gate.textContent).toContain('Waiting');
    expect(gate.textContent).toContain('soak ends in 3 h (1 d in staging)');
  });

  it("shows a failed check's state, exit code and output", () => {
    card({
      kind: 'check',
      name: 'Unit tests',
      state: 'failed',
      detail: 'exit code 1 after 2.4 s',
      run: {
        state: 'failed',
        command: 'npm test',
        exitCode: 1,
        output: '1 failing\n',
        startedAt: '2026-02-03T10:00:00.000Z',
        finishedAt: '2026-02-03T10:00:02.400Z',
      },
    });
    const gate = screen.getByRole('article', { name: 'Check: Unit tests' });
    expect(gate.textContent).toContain('Failed');
    expect(gate.textContent).toContain('exit code 1 after 2.4 s');
    expect(screen.getByRole('log', { name: 'Output of Unit tests' }).textContent).toBe('1 failing\n');
  });

  it('streams a running check as it runs', () => {
    card(
      { kind: 'check', name: 'Unit tests', state: 'waiting', detail: 'running `npm test`' },
      { running: true, live: 'ok 1 - parses\n' },
    );
    expect(screen.getByText('Running Unit tests…')).toBeTruthy();
    const log = screen.getByRole('log', { name: 'Output of Unit tests' });
    expect(log.getAttribute('aria-busy')).toBe('true');
    expect(log.textContent).toBe('ok 1 - parses\n');
  });

  it('reads Running with the time it has run, not Waiting, while the command runs elsewhere', () => {
    vi.useFakeTimers({ now: new Date('2026-02-03T10:01:05.000Z'), toFake: ['Date', 'setInterval'] });
    try {
      card(
        {
          kind: 'check',
          name: 'Smoke',
          state: 'waiting',
          detail: 'running `./smoke.sh`',
          run: {
            state: 'running',
            command: './smoke.sh',
            exitCode: null,
            output: '',
            startedAt: '2026-02-03T10:00:00.000Z',
            finishedAt: null,
          },
        },
        { open: true },
      );
      const gate = screen.getByRole('article', { name: 'Check: Smoke' });
      expect(gate.textContent).toContain('Running…');
      expect(gate.textContent).not.toContain('Waiting');
      expect(gate.querySelector('.elapsed')?.textContent).toBe('1 min 05 s');
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows a failed check's command, exit code and its last lines of output", () => {
    const output = Array.from({ length: 12 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    card({
      kind: 'check',
      name: 'Smoke',
      state: 'failed',
      detail: 'exit code 3 after 1.2 s',
      run: {
        state: 'failed',
        command: './smoke.sh',
        exitCode: 3,
        output,
        startedAt: '2026-02-03T10:00:00.000Z',
        finishedAt: '2026-02-03T10:00:01.200Z',
      },
    });
    const why = screen.getByRole('group', { name: 'Why Smoke failed' });
    expect(why.textContent).toContain('`./smoke.sh` exited with code 3.');
    expect(screen.getByLabelText('Last lines of Smoke').textContent).toBe(
      'line 8\nline 9\nline 10\nline 11\nline 12',
    );
  });

  it('lets an allowed approver approve with a comment', async () => {
    const on = card({
      kind: 'approval',
      name: 'Approval',
      state: 'waiting',
      detail: '0 of 1 approvals',
      approvals: [],
      canAct: { allowed: true },
    });
    await fireEvent.input(screen.getByLabelText('Comment'), { target: { value: ' looks good ' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(on.ondecide).toHaveBeenCalledWith('approve', 'looks good');
  });

  it('says why someone may not decide, with the buttons off', () => {
    card({
      kind: 'approval',
      name: 'Approval',
      state: 'waiting',
      detail: '0 of 1 approvals',
      canAct: { allowed: false, reason: 'You started this promotion: someone else must approve it.' },
    });
    const approve = screen.getByRole('button', { name: 'Approve' });
    expect(approve.hasAttribute('disabled')).toBe(true);
    expect(approve.getAttribute('aria-describedby')).toBeTruthy();
    const why = document.getElementById(approve.getAttribute('aria-describedby')!);
    expect(why?.textContent).toBe('You started this promotion: someone else must approve it.');
  });

  it('offers no decision once the promotion is final', () => {
    card(
      { kind: 'approval', name: 'Approval', state: 'passed', detail: '1 of 1 approvals' },
      { open: false },
    );
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });
});
