import { describe, expect, it } from 'vitest'
import { encodeUnsavedRecord, parseUnsavedRecord } from './unsavedRecord.ts'
import type { UnsavedRecord } from './unsavedRecord.ts'

const record: UnsavedRecord = {
  client: 3_141_592_653,
  storedClock: 12,
  changes: [
    { clock: 20, deletes: [], names: ['note:abc'] },
    { clock: 20, deletes: [{ client: 99, clock: 4, len: 2 }], names: ['note:def', 'locks:past-harm'] },
  ],
}
const raw = (value: unknown): string => JSON.stringify(value)
const withChange = (change: unknown): string => raw({ version: 1, ...record, changes: [change] })

describe('unsaved records kept on the device', () => {
  it('read back what was written', () => {
    expect(parseUnsavedRecord(encodeUnsavedRecord(record))).toEqual(record)
  })

  it('drop garbled and hostile values whole', () => {
    const hostile: unknown[] = [
      undefined,
      null,
      42,
      { version: 1, ...record }, // an object, not the string this app writes
      'not json',
      raw(null),
      raw([]),
      raw({ ...record }), // no version
      raw({ version: 2, ...record }),
      raw({ version: 1, ...record, client: -1 }),
      raw({ version: 1, ...record, client: 1.5 }),
      raw({ version: 1, ...record, client: '7' }),
      raw({ version: 1, ...record, storedClock: 2 ** 60 }),
      raw({ version: 1, ...record, changes: {} }),
      raw({ version: 1, ...record, changes: Array.from({ length: 10_001 }, () => record.changes[0]) }),
      withChange(null),
      withChange({ clock: 1, deletes: [], names: [] }),
      withChange({ clock: 1, deletes: [], names: [''] }),
      withChange({ clock: 1, deletes: [], names: [7] }),
      withChange({ clock: 1, deletes: [], names: ['x'.repeat(201)] }),
      withChange({ clock: 1, deletes: {}, names: ['note:a'] }),
      withChange({ clock: 1, deletes: [{ client: 1, clock: 0, len: 0 }], names: ['note:a'] }),
      withChange({ clock: 1, deletes: [{ client: 1, clock: -3, len: 1 }], names: ['note:a'] }),
      withChange({ clock: 1, deletes: [null], names: ['note:a'] }),
      withChange({ clock: 'soon', deletes: [], names: ['note:a'] }),
      'x'.repeat(4_000_001),
    ]
    for (const value of hostile) expect(parseUnsavedRecord(value)).toBeNull()
  })
})
