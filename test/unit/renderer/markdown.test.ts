// @vitest-environment jsdom
/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src-renderer/lib/markdown.js';

/** Parses the rendered HTML the way the page would, to look at what actually ends up in the DOM. */
function dom(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  return host;
}

describe('renderMarkdown', () => {
  it('renders a changelog section as markdown', () => {
    const host = dom(
      renderMarkdown(
        '## 1.1.0 (2026-01-05)\n\n### Features\n\n* **api:** add export ([abc1234](https://github.com/o/r/commit/abc1234))\n',
      ),
    );
    expect(host.querySelector('h2')?.textContent).toBe('1.1.0 (2026-01-05)');
    expect(host.querySelector('h3')?.textContent).toBe('Features');
    expect(host.querySelector('li strong')?.textContent).toBe('api:');
    const link = host.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://github.com/o/r/commit/abc1234');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it.each([
    ['an img with an onerror handler', '* fix: <img src=x onerror=alert(1)> in subject'],
    ['an inline script', '* feat: <script>alert(1)</script> now'],
    ['a block of raw HTML', '<div onclick="alert(1)"><img src=x onerror=alert(1)></div>'],
    ['an svg with onload', '* fix: <svg onload=alert(1)><circle/></svg>'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>'],
  ])('shows %s as text, never as markup', (_name, markdown) => {
    const host = dom(renderMarkdown(markdown));
    expect(host.querySelector('img, script, svg, iframe, div')).toBeNull();
    expect(host.innerHTML).not.toMatch(/<(img|script|svg|iframe)\b/i);
    expect(host.querySelector('[onerror], [onclick], [onload]')).toBeNull();
    // The text survives, so a reader sees exactly what the commit said.
    expect(host.textContent).toContain(markdown.match(/<(\w+)/)?.[0] ?? '');
  });

  it('drops links whose target is not http(s) or mailto', () => {
    const host = dom(renderMarkdown('[click](javascript:alert(1)) and [data](data:text/html,<b>x</b>)'));
    for (const link of host.querySelectorAll('a')) expect(link.getAttribute('href')).toBeNull();
    expect(host.innerHTML).not.toContain('javascript:');
  });

  it('does not load images from markdown image syntax', () => {
    const host = dom(renderMarkdown('![tracker](https://evil.example/pixel.png)'));
    expect(host.querySelector('img')).toBeNull();
  });
});
