import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import QueryProbe from './QueryProbe.svelte';

/** Answers the test settles by hand, one per question asked, in the order asked. */
function answers() {
  const asked: { input: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const answer = (input: string) =>
    input === 'nothing'
      ? null
      : new Promise<string>((resolve, reject) => asked.push({ input, resolve, reject }));
  return { asked, answer };
}

const text = (id: string) => screen.getByTestId(id).textContent;
async function settle() {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await tick();
}

describe('query: one answer per question, the newest', () => {
  it('shows the answer to the current question once it arrives', async () => {
    const { asked, answer } = answers();
    render(QueryProbe, { input: 'repo-a', answer });
    await settle();
    expect(text('state')).toBe('loading not ready');
    expect(asked.map((a) => a.input)).toEqual(['repo-a']);
    asked[0]!.resolve('plan of repo-a');
    await settle();
    expect(text('value')).toBe('plan of repo-a');
    expect(text('state')).toBe('idle ready');
  });

  it('drops a late answer for the previous input, and clears the old answer at once', async () => {
    const { asked, answer } = answers();
    const view = render(QueryProbe, { input: 'repo-a', answer });
    await settle();
    asked[0]!.resolve('plan of repo-a');
    await settle();
    await view.rerender({ input: 'repo-b' });
    await settle();
    // Nothing about repo-a is shown for repo-b, not even while repo-b's answer is on its way.
    expect(text('value')).toBe('(none)');
    expect(text('state')).toBe('loading not ready');

    await view.rerender({ input: 'repo-c' });
    await settle();
    asked[2]!.resolve('plan of repo-c');
    await settle();
    asked[1]!.resolve('plan of repo-b, late');
    await settle();
    expect(text('value')).toBe('plan of repo-c');
  });

  it('drops a late failure for the previous input too', async () => {
    const { asked, answer } = answers();
    const view = render(QueryProbe, { input: 'repo-a', answer });
    await settle();
    await view.rerender({ input: 'repo-b' });
    await settle();
    asked[1]!.resolve('plan of repo-b');
    asked[0]!.reject(new Error('repo-a is gone'));
    await settle();
    expect(text('value')).toBe('plan of repo-b');
    expect(text('error')).toBe('(no error)');
  });

  it('keeps the answer on screen during a refresh of the same question, then shows the newest', async () => {
    const { asked, answer } = answers();
    render(QueryProbe, { input: 'repo-a', answer });
    await settle();
    asked[0]!.resolve('first read');
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await settle();
    expect(text('value')).toBe('first read');
    expect(text('state')).toBe('loading ready');
    asked[2]!.resolve('third read');
    await settle();
    asked[1]!.resolve('second read, late');
    await settle();
    expect(text('value')).toBe('third read');
    expect(text('state')).toBe('idle ready');
  });

  it('reports a failure of the current question in words, with no answer shown', async () => {
    const { asked, answer } = answers();
    render(QueryProbe, { input: 'repo-a', answer });
    await settle();
    asked[0]!.resolve('first read');
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await settle();
    asked[1]!.reject(new Error('.release-desk.yml line 3: trains.branch must contain {major} and {minor}'));
    await settle();
    expect(text('value')).toBe('(none)');
    expect(text('error')).toBe('.release-desk.yml line 3: trains.branch must contain {major} and {minor}');
    expect(text('state')).toBe('idle ready');
  });

  it('keeps an answer set by hand over one still on its way', async () => {
    const { asked, answer } = answers();
    render(QueryProbe, { input: 'repo-a', answer, keyed: false });
    await settle();
    await fireEvent.click(screen.getByRole('button', { name: 'Set' }));
    asked[0]!.resolve('older read');
    await settle();
    expect(text('value')).toBe('set by hand');
  });

  it('asks nothing when there is nothing to ask', async () => {
    const { asked, answer } = answers();
    render(QueryProbe, { input: 'nothing', answer });
    await settle();
    expect(asked).toEqual([]);
    expect(text('state')).toBe('idle not ready');
  });
});
