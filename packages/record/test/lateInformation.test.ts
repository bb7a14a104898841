// The record lists apart what was shared after the reports deadline and what was new at the conference, each with
// the time the server received it, read back from the PDF as text.
import { expect, it } from 'vitest'
import type * as Y from 'yjs'
import { fromLondonTime } from '@mapboard/map-model'
import { recordSnapshot, renderRecordPdf } from '../src/index.ts'
import {
  HOUR,
  START,
  addReceivedNote,
  pdfText as textOf,
  recordFacts,
  reviewConference,
} from './support/recordFixture.ts'

const facts = recordFacts()

function mapWithNotes(): Y.Doc {
  const doc = reviewConference()
  addReceivedNote(doc, 'Attendance is up to 96 percent', START - 10 * 24 * HOUR, {
    zone: 'existing-strengths',
  })
  addReceivedNote(doc, 'Two missed health visits in November', fromLondonTime(2026, 12, 4, 16, 5))
  addReceivedNote(doc, 'Mum says the new flat has a garden', START + 25 * 60_000, {
    zone: 'existing-strengths',
  })
  return doc
}

async function pdfText(doc: Y.Doc): Promise<string> {
  return textOf(await renderRecordPdf(recordSnapshot(doc, facts)))
}

it('lists the late and the new items apart, with the times the server received them', async () => {
  const doc = mapWithNotes()
  const snapshot = recordSnapshot(doc, facts)
  expect(snapshot.conferenceType).toBe('Review child protection conference')
  expect(snapshot.information.deadline).toBe(fromLondonTime(2026, 12, 2, 10, 0))
  expect(snapshot.information.late.map((note) => note.text)).toEqual(['Two missed health visits in November'])
  expect(snapshot.information.new.map((note) => note.text)).toEqual(['Mum says the new flat has a garden'])

  const text = await pdfText(doc)
  expect(text).toContain('Conference type: Review child protection conference')
  expect(text).toContain('When information was shared')
  expect(text).toContain('Conference started: 7 December 2026 at 10:00 GMT')
  expect(text).toContain('Reports were due: 2 December 2026 at 10:00 GMT')
  const late = text.indexOf('Shared late (1 item)')
  const fresh = text.indexOf('New at the conference (1 item)')
  expect(late).toBeGreaterThan(0)
  expect(fresh).toBeGreaterThan(late)
  const lateSection = text.slice(late, fresh)
  expect(lateSection).toContain('1. Two missed health visits in November')
  expect(lateSection).toContain('Received 4 December 2026 at 16:05 GMT · Past harm · Fact')
  expect(lateSection).not.toContain('Attendance is up to 96 percent')
  const freshSection = text.slice(fresh, fresh + 400)
  expect(freshSection).toContain('1. Mum says the new flat has a garden')
  expect(freshSection).toContain('Received 7 December 2026 at 10:25 GMT · Existing strengths')
})

it('a deployment’s own policy moves the deadline; without a schedule nothing is marked', async () => {
  const doc = mapWithNotes()
  const strict = recordSnapshot(doc, {
    ...facts,
    reportsPolicy: { initialHours: 24, reviewWorkingDays: 10, bankHolidays: [] },
  })
  expect(strict.information.late.map((note) => note.text)).toEqual([
    'Attendance is up to 96 percent',
    'Two missed health visits in November',
  ])

  const unscheduled = mapWithNotes()
  unscheduled.getMap('meta').delete('schedule')
  expect(recordSnapshot(unscheduled, facts).information).toEqual({ deadline: null, late: [], new: [] })
  const text = await pdfText(unscheduled)
  expect(text).toContain('The conference’s date and time were not set, so no item is marked as late or new.')
})
