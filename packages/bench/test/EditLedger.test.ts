import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, updateNote } from '@mapboard/map-model'
import { EditLedger, observeEdits } from '../src/load/EditLedger.ts'
import type { Observations } from '../src/load/EditLedger.ts'
import { readStamp, stampText } from '../src/load/editStamp.ts'

/** Sends everything `from` has that `to` lacks, as one merged update (what a server's batch does). */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

it('reads back what a stamp says', () => {
  expect(readStamp(stampText(7, 42, 1234.5))).toEqual({ writer: 7, seq: 42, intendedMs: 1234.5 })
  expect(readStamp(stampText(7, 3, 99, true))).toEqual({ writer: 7, seq: -1, intendedMs: 99 })
  expect(readStamp('a note someone typed')).toBeUndefined()
})

it('records one latency per edit and observer, also for a text overwritten before it was seen', () => {
  const ledger = new EditLedger()
  const writer = ledger.addWriter()
  const now = performance.now()
  ledger.setWindow(now - 1000, now + 1000)
  const author = new Y.Doc()
  const reader = new Y.Doc()
  const seen: Observations = { latencies: [], leaked: 0 }
  observeEdits(reader, undefined, ledger, seen)
  // The author's own edits are not observations.
  observeEdits(author, writer, ledger, seen)

  const first = ledger.record(writer, now - 30)
  const id = addNote(author, { zone: 'next-steps', text: stampText(writer, first, now - 30) })
  sync(author, reader)
  expect(seen.latencies).toHaveLength(1)

  // Two edits of the same note reach the reader in one update: only the second text is visible.
  const second = ledger.record(writer, now - 20)
  updateNote(author, id, { text: stampText(writer, second, now - 20) })
  const third = ledger.record(writer, now - 10)
  updateNote(author, id, { text: stampText(writer, third, now - 10) })
  sync(author, reader)
  expect(seen.latencies).toHaveLength(3)
  expect(seen.latencies[1]).toBeGreaterThanOrEqual(20)
  expect(seen.latencies[2]).toBeGreaterThanOrEqual(10)

  // Outside the window: arrives, counts for nothing.
  const late = ledger.record(writer, now + 5000)
  addNote(author, { zone: 'next-steps', text: stampText(writer, late, now + 5000) })
  sync(author, reader)
  expect(seen.latencies).toHaveLength(3)
  expect(ledger.editsInWindow(writer)).toBe(3)

  // A note aimed at a locked section that reaches a reader is a leak.
  addNote(author, { zone: 'past-harm', text: stampText(writer, 1, now, true) })
  sync(author, reader)
  expect(seen.leaked).toBe(1)
})
