import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ActionResult from '../../../../src-renderer/components/ActionResult.svelte';

describe('ActionResult', () => {
  it('says what was done, with the steps folded and a way to dismiss it', async () => {
    const ondismiss = vi.fn();
    render(ActionResult, {
      outcome: {
        lines: ['Released v1.1.0 at 3f2c1a9, not pushed.'],
        steps: ['Add the 1.1.0 notes to CHANGELOG.md', 'Create the annotated tag v1.1.0'],
      },
      ondismiss,
      dismissLabel: 'Dismiss the release result',
    });
    expect(screen.getByRole('status').textContent).toBe('Released v1.1.0 at 3f2c1a9, not pushed.');
    expect(screen.getByText('What was done').closest('details')?.open).toBe(false);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Add the 1.1.0 notes to CHANGELOG.md',
      'Create the annotated tag v1.1.0',
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.querySelector('.result')?.classList.contains('stopped')).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss the release result' }));
    expect(ondismiss).toHaveBeenCalledTimes(1);
  });

  it('shows a stopped cherry-pick as an alert with its files, and not as a success', () => {
    render(ActionResult, {
      outcome: {
        lines: ['Nothing was picked onto release/1.4.'],
        conflict: {
          sha: 'abcdef1234567890',
          message: 'conflict in 2 files',
          files: ['src/a.ts', 'src/b.ts'],
        },
      },
      ondismiss: vi.fn(),
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('abcdef1 did not apply: conflict in 2 files');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['src/a.ts', 'src/b.ts']);
    // The banner is marked stopped, so its first line is not drawn in the success colour.
    expect(document.querySelector('.result')?.classList.contains('stopped')).toBe(true);
  });

  it('renders a shipped changelog as Markdown, raw HTML shown as text', () => {
    render(ActionResult, {
      outcome: {
        lines: ['Shipped v1.4.0.'],
        changelog: '## 1.4.0\n\n* **api:** export <img src=x onerror=alert(1)>',
      },
      ondismiss: vi.fn(),
    });
    const notes = screen.getByText('Changelog').closest('details')!;
    expect(notes.querySelector('h2')?.textContent).toBe('1.4.0');
    expect(notes.querySelector('img')).toBeNull();
    expect(notes.querySelector('[onerror]')).toBeNull();
    // Raw HTML in a commit message is shown as the text it is.
    expect(notes.textContent).toContain('export <img src=x onerror=alert(1)>');
  });
});
