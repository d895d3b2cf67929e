import { rmSync } from 'node:fs';
import { closeCore, createCore } from '../../src-main/core/context.js';
import type { Core, CoreOptions } from '../../src-main/core/context.js';
import { openDatabase } from '../../src-main/core/store/database.js';
import { tempDir } from './git-fixture.js';

/** A Core on a real SQLite file in a temp data dir. */
export function testCore(
  options: CoreOptions = {},
): Core & { dataDir: string; dispose: () => Promise<void> } {
  const dataDir = tempDir('release-desk-data-');
  const core = createCore(openDatabase(dataDir), options);
  return {
    ...core,
    dataDir,
    async dispose() {
      await closeCore(core);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
