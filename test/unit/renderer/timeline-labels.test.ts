import { describe, expect, it } from 'vitest';
import { CHAR_WIDTH, placeLabels } from '../../../src-renderer/components/history/timeline-labels.js';

function extent(label: { tag: string; x: number; anchor: string }): [number, number] {
  const width = label.tag.length * CHAR_WIDTH;
  if (label.anchor === 'start') return [label.x, label.x + width];
  if (label.anchor === 'end') return [label.x - width, label.x];
  return [label.x - width / 2, label.x + width / 2];
}

describe('placeLabels', () => {
  it('never lets two labels touch on a dense history, and keeps majors and line starts first', () => {
    // 1,200 releases over 1,000 px, several lines shipping side by side.
    const candidates = Array.from({ length: 1200 }, (_, i) => {
      const major = 10 + Math.floor(i / 100);
      const minor = Math.floor((i % 100) / 25);
      const patch = i % 25;
      const version = i % 7 === 6 ? `${major}.${minor + 1}.0-next.${patch}` : `${major}.${minor}.${patch}`;
      return { tag: `v${version}`, version, x: 100 + (i / 1200) * 1000 };
    });
    const placed = placeLabels(candidates, 100, 1100);
    const spans = placed.map(extent).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i += 1) expect(spans[i]![0]).toBeGreaterThan(spans[i - 1]![1]);
    for (const span of spans) {
      expect(span[0]).toBeGreaterThanOrEqual(100);
      expect(span[1]).toBeLessThanOrEqual(1100);
    }
    const tags = placed.map((label) => label.tag);
    for (const major of ['v10.0.0', 'v11.0.0', 'v12.0.0', 'v14.0.0', 'v15.0.0'])
      expect(tags).toContain(major);
    expect(tags.filter((tag) => tag.includes('-next'))).toEqual([]);
  });

  it('labels every release of a short history', () => {
    const candidates = ['1.0.0', '1.1.0', '1.1.1', '2.0.0-rc.0'].map((version, i) => ({
      tag: `v${version}`,
      version,
      x: 150 + i * 200,
    }));
    expect(
      placeLabels(candidates, 100, 1000)
        .map((label) => label.tag)
        .sort(),
    ).toEqual(['v1.0.0', 'v1.1.0', 'v1.1.1', 'v2.0.0-rc.0']);
  });
});
