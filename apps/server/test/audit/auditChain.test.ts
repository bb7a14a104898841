// The hash chain on its own: verification finds a changed, a removed, a reordered and a missing last entry.
import { expect, it } from 'vitest'
import { chainDrafts, verifyAudit } from '../../src/storage/auditChain.ts'
import type { AuditDraft, AuditRecord } from '../../src/storage/AuditStore.ts'
import { auditCsv, csvField } from '../../src/audit/auditCsv.ts'

const draft = (summary: string): AuditDraft => ({
  at: 1_700_000_000_000,
  actor: null,
  action: 'note.added',
  target: 'n',
  section: null,
  summary,
  audience: 'shared',
})

const trail = (): AuditRecord[] => chainDrafts(null, ['a', 'b', 'c', 'd'].map(draft))
const headOf = (entries: AuditRecord[]) => {
  const last = entries[entries.length - 1]!
  return { seq: last.seq, hash: last.hash }
}

it('[AUDIT-1] an untouched chain verifies', () => {
  const entries = trail()
  expect(verifyAudit({ entries, head: headOf(entries) })).toEqual({ ok: true, entries: 4 })
  expect(verifyAudit({ entries: [], head: null })).toEqual({ ok: true, entries: 0 })
})

it('[AUDIT-1] a changed, removed, reordered or missing last entry is found, with the first bad seq', () => {
  const entries = trail()
  const head = headOf(entries)
  const edited = entries.map((entry) => (entry.seq === 2 ? { ...entry, summary: 'changed' } : entry))
  expect(verifyAudit({ entries: edited, head })).toEqual({ ok: false, entries: 4, firstBad: 2 })
  const removed = entries.filter((entry) => entry.seq !== 3)
  expect(verifyAudit({ entries: removed, head })).toEqual({ ok: false, entries: 3, firstBad: 3 })
  const [a, b, c, d] = entries as [AuditRecord, AuditRecord, AuditRecord, AuditRecord]
  const swapped = [a, { ...c, seq: 2 }, { ...b, seq: 3 }, d]
  expect(verifyAudit({ entries: swapped, head })).toEqual({ ok: false, entries: 4, firstBad: 2 })
  expect(verifyAudit({ entries: entries.slice(0, 3), head })).toEqual({
    ok: false,
    entries: 3,
    firstBad: 4,
  })
})

it('[AUDIT-2] CSV quotes commas, quotes and line breaks, and defuses formulas', () => {
  expect(csvField('plain')).toBe('plain')
  expect(csvField('a, b')).toBe('"a, b"')
  expect(csvField('say "hi"')).toBe('"say ""hi"""')
  expect(csvField('two\nlines')).toBe('"two\nlines"')
  expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`)
  const csv = auditCsv(trail())
  const lines = csv.split('\r\n')
  expect(lines[0]).toBe(
    'seq,at,time,participant_id,name,role,agency,action,target,section,summary,audience,hash',
  )
  expect(lines).toHaveLength(6)
  expect(lines[1]).toMatch(
    /^1,1700000000000,2023-11-14T22:13:20.000Z,,,server,,note.added,n,,a,shared,[0-9a-f]{64}$/,
  )
})
