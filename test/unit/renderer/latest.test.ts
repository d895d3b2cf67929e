import { describe, expect, it } from 'vitest';
import { latest } from '../../../src-renderer/lib/latest.js';

function settled(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

describe('latest', () => {
  it('hands on the value or the error of an answer that is still wanted', async () => {
    const seen: unknown[] = [];
    latest(
      Promise.resolve('v1.2.0'),
      (v) => seen.push(v),
      (e) => seen.push(['error', e]),
    );
    latest(
      Promise.reject(new Error('no repository')),
      (v) => seen.push(v),
      (e) => seen.push(['error', e]),
    );
    await settled();
    expect(seen).toEqual(['v1.2.0', ['error', new Error('no repository')]]);
  });

  it('drops an answer, value or error, that arrives after it was cancelled', async () => {
    const seen: unknown[] = [];
    const cancelValue = latest(
      Promise.resolve('old'),
      (v) => seen.push(v),
      (e) => seen.push(e),
    );
    const cancelError = latest(
      Promise.reject(new Error('old')),
      (v) => seen.push(v),
      (e) => seen.push(e),
    );
    cancelValue();
    cancelError();
    await settled();
    expect(seen).toEqual([]);
  });
});
