import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { faultBenches } from './fault-fixture.js';

const newBench = faultBenches();

describe.skipIf(process.platform === 'win32')(
  'whole-history changelog killed while it keeps sections',
  () => {
    it('leaves none of them kept, and the next run keeps them and writes the same changelog', () => {
      const b = newBench();
      // Long enough for its history to be kept (64 commits), with three releases.
      for (let release = 1; release <= 3; release++) {
        for (let i = 0; i < 25; i++)
          b.repo.commit(i % 2 ? `feat: change ${release}.${i}` : `fix: bug ${release}.${i}`);
        b.repo.tag(`v${release}.0.0`);
      }
      b.repo.commit('fix: unreleased');
      const args = ['changelog', '--all'];
      const first = b.ok(args).stdout;
      const sections = (): number => {
        const db = new Database(path.join(b.dataDir, 'commit-cache.sqlite'), { readonly: true });
        try {
          return db.prepare('SELECT count(*) FROM sections').pluck().get() as number;
        } finally {
          db.close();
        }
      };
      // The first read keeps no sections; the next one does, and is killed in the middle of it.
      expect(sections()).toBe(0);
      b.kill(args, 'changelog:sections');
      expect(sections()).toBe(0);
      expect(b.ok(args).stdout).toBe(first);
      expect(sections()).toBe(3);
      expect(b.ok(args).stdout).toBe(first);
    });
  },
);
