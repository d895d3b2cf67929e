import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTENT_SECURITY_POLICY as APP_CSP } from '../../../src-main/electron/security.js';
import { CONTENT_SECURITY_POLICY as BROWSER_CSP } from '../../../src-main/server/replies.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('the packaged app is hardened', () => {
  it('flips the Electron fuses that let the binary run something other than the app', () => {
    const config = parse(readFileSync('electron-builder.yml', 'utf8')) as { electronFuses?: unknown };
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('allows styles only from its own files, in the app and in browser mode alike', () => {
    for (const policy of [APP_CSP, BROWSER_CSP]) {
      expect(directives(policy).get('style-src')).toEqual(["'self'"]);
      expect(policy).not.toContain('unsafe-inline');
    }
  });
});
