import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ConfirmDialog from '../../../../src-renderer/components/ConfirmDialog.svelte';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const base = {
  title: 'Freeze train 1.4.0',
  steps: ['Freeze release/1.4: only fix commits can be picked onto it.', 'Git is not changed.'],
  confirmLabel: 'Freeze',
};

describe('ConfirmDialog', () => {
  it('says what will happen, in order, and starts on Cancel', async () => {
    render(ConfirmDialog, { ...base, onconfirm: vi.fn(), onclose: vi.fn() });
    await tick();
    const dialog = screen.getByRole('dialog', { name: 'Freeze train 1.4.0' });
    const steps = screen.getByRole('region', { name: 'What will happen' });
    expect(dialog.contains(steps)).toBe(true);
    expect([...steps.querySelectorAll('li')].map((li) => li.textContent)).toEqual(base.steps);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('runs the action once, locks itself while it runs, and closes on success', async () => {
    const action = deferred();
    const onconfirm = vi.fn(() => action.promise);
    const onclose = vi.fn();
    render(ConfirmDialog, { ...base, workingText: 'Freezing…', onconfirm, onclose });
    await tick();
    const confirm = screen.getByRole('button', { name: 'Freeze' });
    await fireEvent.click(confirm);
    await fireEvent.click(confirm);
    expect(onconfirm).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Freezing…')).toBeTruthy();
    expect(confirm.hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Cancel' }).hasAttribute('disabled')).toBe(true);
    // Escape must not hide an action git is in the middle of.
    const cancel = new Event('cancel', { cancelable: true });
    screen.getByRole('dialog').dispatchEvent(cancel);
    expect(cancel.defaultPrevented).toBe(true);

    action.resolve();
    await vi.waitFor(() => expect(onclose).toHaveBeenCalledTimes(1));
  });

  it('shows a failure inside the dialog, stays open, and lets the user try again', async () => {
    const onconfirm = vi.fn(() =>
      Promise.reject(new Error('git push failed: ! [rejected] main -> main (fetch first)')),
    );
    const onclose = vi.fn();
    render(ConfirmDialog, { ...base, onconfirm, onclose });
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Freeze' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('git push failed: ! [rejected] main -> main (fetch first)');
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Freeze' }).hasAttribute('disabled')).toBe(false);
  });

  it('cannot be confirmed until it is ready or while its content checks', async () => {
    const onconfirm = vi.fn(() => Promise.resolve());
    const view = render(ConfirmDialog, { ...base, ready: false, onconfirm, onclose: vi.fn() });
    await tick();
    const confirm = screen.getByRole('button', { name: 'Freeze' });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    await view.rerender({ ready: true, checking: true });
    expect(confirm.hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('dialog').getAttribute('aria-busy')).toBe('true');
    await view.rerender({ ready: true, checking: false });
    expect(confirm.hasAttribute('disabled')).toBe(false);
  });

  it('closes on Cancel without running the action', async () => {
    const onconfirm = vi.fn(() => Promise.resolve());
    const onclose = vi.fn();
    render(ConfirmDialog, { ...base, onconfirm, onclose });
    await tick();
    await fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onclose).toHaveBeenCalledTimes(1);
    expect(onconfirm).not.toHaveBeenCalled();
  });
});
