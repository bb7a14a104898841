// The record lists apart what was shared after the reports deadline and what was new at the conference, each with
// the time the server received it, read back from the PDF as text.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, fromLondonTime, initMap, setSchedule, stampReceivedAt } from '@mapboard/map-model'
import { recordSnapshot, renderRecordPdf } from '../src/index.ts'
import type { RecordFacts } from '../src/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'mapboard-record-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const HOUR = 3_600_000
// Monday 7 December 2026, 10:00 GMT: a review, so reports were due on Wednesday 2 December at 10:00.
const START = fromLondonTime(2026, 12, 7, 10, 0)

const facts: RecordFacts = {
  mapId: 'map-1',
  fallbackTitle: 'Review conference',
  fallbackDate: START,
  documentVersion: 7,
  documentSha256: 'a'.repeat(64),
  generatedBy: {
    participantId: 'chair-1',
    name: 'Ann Chair',
    role: 'chair',
    agency: 'Independent reviewing',
  },
  generatedAt: START + 3 * HOUR,
}

function mapWithNotes(): Y.Doc {
  const doc = new Y.Doc()
  initMap(doc, { title: 'Review conference for Ella', createdAt: START - 30 * 24 * HOUR })
  setSchedule(doc, { startsAt: START, type: 'review' })
  const note = (text: string, receivedAt: number, zone: 'past-harm' | 'existing-strengths' = 'past-harm') => {
    const id = addNote(doc, {
      zone,
      text,
      kind: 'fact',
      source: 'school records',
      author: 'Ms Patel',
      agency: 'School',
    })
    stampReceivedAt(doc, new Map([[id, receivedAt]]))
  }
  note('Attendance is up to 96 percent', START - 10 * 24 * HOUR, 'existing-strengths')
  note('Two missed health visits in November', fromLondonTime(2026, 12, 4, 16, 5))
  note('Mum says the new flat has a garden', START + 25 * 60_000, 'existing-strengths')
  return doc
}

async function pdfText(doc: Y.Doc, name: string): Promise<string> {
  const pdf = await renderRecordPdf(recordSnapshot(doc, facts))
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
}

it('lists the late and the new items apart, with the times the server received them', async () => {
  const doc = mapWithNotes()
  const snapshot = recordSnapshot(doc, facts)
  expect(snapshot.conferenceType).toBe('Review child protection conference')
  expect(snapshot.information.deadline).toBe(fromLondonTime(2026, 12, 2, 10, 0))
  expect(snapshot.information.late.map((note) => note.text)).toEqual(['Two missed health visits in November'])
  expect(snapshot.information.new.map((note) => note.text)).toEqual(['Mum says the new flat has a garden'])

  const text = await pdfText(doc, 'review')
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
  const text = await pdfText(unscheduled, 'unscheduled')
  expect(text).toContain('The conference’s date and time were not set, so no item is marked as late or new.')
})
