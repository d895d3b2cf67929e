import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/core/audit/audit-log.js';
import { closeCore, createCore } from '../../../src-main/core/context.js';
import { refreshLocalLedger } from '../../../src-main/core/ledger/local-ledger.js';
import { readLedger } from '../../../src-main/core/ledger/read.js';
import { verifyLedger } from '../../../src-main/core/ledger/verify-ledger.js';
import { openDatabase } from '../../../src-main/core/store/database.js';
import { migrations } from '../../../src-main/core/store/migrations/index.js';
import { TestRepo, tempDir } from '../../support/git-fixture.js';

let dataDir = '';
let repo: TestRepo;
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
  repo.remove();
});

describe('a database from before the ledger', () => {
  it('has its audit events imported into the ledger once, marked imported and unsigned', async () => {
    dataDir = tempDir('release-desk-data-');
    repo = new TestRepo();
    repo.commit('feat: start');
    // The database as the previous version left it: no ledger tables, three events.
    const old = openDatabase(
      dataDir,
      migrations.filter((m) => m.name.split(':')[0] !== 'ledger'),
    );
    let minute = 0;
    const log = new AuditLog(old, () => new Date(Date.UTC(2026, 1, 1, 9, (minute += 1))));
    const written = [
      log.append({ actor: 'Ada <ada@example.com>', action: 'repository.opened', repo: repo.dir }),
      log.append({
        actor: 'Ada <ada@example.com>',
        action: 'approval.given',
        repo: repo.dir,
        subject: 'v1.0.0@production#1',
      }),
      log.append({ actor: 'Ada <ada@example.com>', action: 'elsewhere', repo: null }),
    ];
    old.close();

    for (let run = 0; run < 2; run += 1) {
      const core = createCore(openDatabase(dataDir));
      expect(await refreshLocalLedger(core, repo.dir)).toBeNull();
      const entries = await readLedger(repo.dir);
      expect(
        entries.map((e) => [e.event.action, e.event.imported, e.signature.status, e.event.local?.hash]),
      ).toEqual([
        ['repository.opened', true, 'N', written[0]!.hash],
        ['approval.given', true, 'N', written[1]!.hash],
      ]);
      expect(await verifyLedger(core, repo.dir)).toMatchObject({ ok: true, events: 2, problems: [] });
      await closeCore(core);
    }
    expect(repo.git('rev-list', '--count', 'refs/release-desk/ledger')).toBe('2');
  });
});
