import type { AuditQuery, AuditRecord } from '../../../shared/domain/audit.js';
import { call } from '../../lib/api-client.js';

const EXPORT_PAGE = 1000;

/** Every event the filters match, across all pages, newest first. */
export async function allMatching(query: AuditQuery): Promise<AuditRecord[]> {
  const events: AuditRecord[] = [];
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await call('audit.list', { ...query, offset, limit: EXPORT_PAGE, facets: false });
    events.push(...page.events);
    if (events.length >= page.total || page.events.length === 0) return events;
  }
}

// The local chain's columns first (as exports before the ledger had them), then where the event lives and who signed it.
const COLUMNS = [
  'seq',
  'at',
  'actor',
  'action',
  'repo',
  'subject',
  'details',
  'prevHash',
  'hash',
  'source',
  'commit',
  'signature',
  'signer',
  'imported',
] as const;

/**
 * RFC 4180 quoting; a cell a spreadsheet would run as a formula (=, +, -, @) gets a leading
 * apostrophe, since audit text comes from commit messages and comments anyone can write.
 */
function cell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(events: AuditRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const event of events) lines.push(COLUMNS.map((column) => cell(event[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function auditJson(events: AuditRecord[]): string {
  return `${JSON.stringify(events, null, 2)}\n`;
}

/** Hands the text to the browser (or Electron) as a download. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
