import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/domain/audit.js';
import { auditCsv } from '../../../src-renderer/components/audit/audit-export.js';
import { auditQuery, NO_FILTERS } from '../../../src-renderer/components/audit/audit-filters.js';

function event(fields: Partial<AuditRecord>): AuditRecord {
  return {
    id: 'local-1',
    seq: 1,
    at: '2026-03-01T10:00:00.000Z',
    actor: 'Ada <ada@example.com>',
    action: 'release.created',
    repo: '/r',
    subject: 'v1.0.0',
    details: {},
    prevHash: '0'.repeat(64),
    hash: 'a'.repeat(64),
    source: 'local',
    decision: false,
    commit: null,
    imported: false,
    signature: null,
    signer: null,
    ...fields,
  };
}

describe('the audit CSV export', () => {
  it('quotes commas, quotes and line breaks, and writes details as JSON', () => {
    const csv = auditCsv([event({ subject: 'a, "b"\nc', details: { reason: 'x' } })]);
    const [header, row] = csv.split('\r\n');
    expect(header).toBe(
      'seq,at,actor,action,repo,subject,details,prevHash,hash,source,commit,signature,signer,imported',
    );
    expect(csv).toContain('"a, ""b""\nc"');
    expect(row).toContain('"{""reason"":""x""}"');
  });

  it('keeps a spreadsheet from running a cell as a formula', () => {
    const csv = auditCsv([event({ actor: '=HYPERLINK("http://x")', subject: '@sum', repo: null })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain(",'@sum,");
    expect(csv).toContain('release.created,,');
  });
});

describe('the audit filters as a query', () => {
  it('leaves out repository opens and blank fields, and scopes to the open repository', () => {
    expect(auditQuery(NO_FILTERS, '/r')).toEqual({ repo: '/r', excludeActions: ['repository.opened'] });
    expect(auditQuery({ ...NO_FILTERS, scope: 'machine', showOpens: true, search: '  ' }, '/r')).toEqual({});
    expect(auditQuery({ ...NO_FILTERS, action: 'repository.opened', release: ' v1.2.0 ' }, null)).toEqual({
      action: 'repository.opened',
      release: 'v1.2.0',
    });
  });
});
