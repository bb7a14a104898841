// The record says, for each item the family receives, whether a family member opened the map after it arrived and
// before the conference, and when; and how many they saw. Read back from the PDF as text.
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { fromLondonTime } from '@mapboard/map-model'
import type { FamilyVisit } from '@mapboard/map-model'
import { recordSnapshot, renderRecordPdf } from '../src/index.ts'
import type { RecordFacts, RecordSnapshot } from '../src/index.ts'
import {
  HOUR,
  START,
  addReceivedNote,
  pdfText as textOf,
  recordFacts,
  reviewConference,
} from './support/recordFixture.ts'

// The family opened the map on Saturday 5 December at 14:05, and again at the conference.
const VISITS: FamilyVisit[] = [
  { participantId: 'p-mum', visitedAt: fromLondonTime(2026, 12, 5, 14, 5) },
  { participantId: 'p-mum', visitedAt: START + 10 * 60_000 },
]

const facts = (familyVisits?: readonly FamilyVisit[]): RecordFacts =>
  recordFacts(familyVisits === undefined ? {} : { familyVisits })

function addReceived(doc: Y.Doc, text: string, receivedAt: number, id?: string): string {
  return addReceivedNote(doc, text, receivedAt, id === undefined ? {} : { id })
}

function conference(): Y.Doc {
  const doc = reviewConference()
  addReceived(doc, 'Attendance is up to 96 percent', START - 10 * 24 * HOUR)
  // After the family's visit on Saturday, before the conference: not seen.
  addReceived(doc, 'Two missed health visits on Sunday', fromLondonTime(2026, 12, 6, 9, 30))
  return doc
}

async function pdfText(snapshot: RecordSnapshot): Promise<string> {
  return textOf(await renderRecordPdf(snapshot))
}

/** The text from an item's entry in a list (its text, then its details) on; not its drawing on the map page. */
function itemText(text: string, item: string): string {
  const at = text.search(new RegExp(`${item} (Fact ·|Received )`))
  expect(at, item).toBeGreaterThan(0)
  return text.slice(at, at + 420)
}

it('says for each item whether the family saw it before the conference, and when, with a count', async () => {
  const snapshot = recordSnapshot(conference(), facts(VISITS))
  const text = await pdfText(snapshot)
  const seen = 'Seen by the family before the conference: 5 December 2026 at 14:05 GMT'
  const notSeen = 'Not seen by the family before the conference'
  const early = itemText(text, 'Attendance is up to 96 percent')
  expect(early).toContain(seen)
  const late = itemText(text, 'Two missed health visits on Sunday')
  expect(late).toContain(notSeen)
  expect(late.slice(0, late.indexOf(notSeen))).not.toContain('Seen by the family before')
  expect(text).toContain('Seen by the family before the conference: 1 of 2 items shared with them')
  // The late list says it too: this is where it matters.
  const lateList = text.slice(text.indexOf('Shared late (1 item)'))
  expect(itemText(lateList, 'Two missed health visits on Sunday')).toContain(notSeen)
})

it('a visit during the conference does not count, and without visits the record says nothing of them', async () => {
  const during = recordSnapshot(conference(), facts([{ participantId: 'p-mum', visitedAt: START + HOUR }]))
  const text = await pdfText(during)
  expect(text).toContain('Seen by the family before the conference: 0 of 2 items shared with them')
  expect(text).not.toContain('Seen by the family before the conference: 7 December')

  const unknown = recordSnapshot(conference(), facts())
  expect(unknown.familySeen).toBeNull()
  const silent = await pdfText(unknown)
  expect(silent).not.toContain('by the family before the conference')
})

it("the professionals' record says nothing of it for professionals-only items; the shared ones keep their line", async () => {
  const restricted = new Y.Doc()
  addReceived(restricted, 'Police information not yet disclosable', START - 5 * 24 * HOUR, 'p-police-1')
  const snapshot = recordSnapshot(conference(), facts(VISITS), {
    doc: restricted,
    documentVersion: 3,
    documentSha256: 'c'.repeat(64),
  })
  expect(snapshot.familySeen?.has('p-police-1')).toBe(false)
  const text = await pdfText(snapshot)
  const police = itemText(text, 'Police information not yet disclosable')
  // Its details end with the time it was added; the next line is another item's, not a line about the family.
  const afterDetails = police.slice(police.indexOf('GMT') + 3, police.indexOf('GMT') + 40)
  expect(afterDetails).not.toMatch(/seen by the family/i)
  expect(itemText(text, 'Attendance is up to 96 percent')).toContain(
    'Seen by the family before the conference: 5 December 2026 at 14:05 GMT',
  )
  expect(text).toContain('Seen by the family before the conference: 1 of 2 items shared with them')
})

it('without a schedule it says whether the family has opened the map since each item arrived', async () => {
  const doc = conference()
  doc.getMap('meta').delete('schedule')
  const text = await pdfText(recordSnapshot(doc, facts(VISITS)))
  expect(itemText(text, 'Attendance is up to 96 percent')).toContain(
    'Seen by the family: 5 December 2026 at 14:05 GMT',
  )
  expect(itemText(text, 'Two missed health visits on Sunday')).toContain(
    'Seen by the family: 7 December 2026 at 10:10 GMT',
  )
  expect(text).toContain('Seen by the family: 2 of 2 items shared with them')
})
