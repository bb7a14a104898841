// The audit trail as CSV (RFC 4180): a header row, one row per entry, CRLF line ends. A field with a comma, quote
// or line break is quoted with its quotes doubled. A field a spreadsheet would run as a formula (starting with
// = + - @, a tab or a carriage return) gets a leading apostrophe: the text of a note must never run on the
// officer's machine.
import type { AuditRecord } from '../storage/AuditStore.ts'

const HEADER = [
  'seq',
  'at',
  'time',
  'participant_id',
  'name',
  'role',
  'agency',
  'action',
  'target',
  'section',
  'summary',
  'audience',
  'hash',
]

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe
}

export function auditCsv(entries: readonly AuditRecord[]): string {
  const rows = entries.map((entry) => [
    String(entry.seq),
    String(entry.at),
    new Date(entry.at).toISOString(),
    entry.actor?.participantId ?? '',
    entry.actor?.name ?? '',
    entry.actor?.role ?? 'server',
    entry.actor?.agency ?? '',
    entry.action,
    entry.target,
    entry.section ?? '',
    entry.summary,
    entry.audience,
    entry.hash,
  ])
  return [HEADER, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}
