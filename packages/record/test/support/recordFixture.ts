// What the record tests build on: a review conference on Monday 7 December 2026 at 10:00 (London), the facts the
// server would give about it, items received at given times, and a PDF's text as pdftotext reads it (whole or by
// page).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as Y from 'yjs'
import { addNote, fromLondonTime, initMap, setSchedule, stampReceivedAt } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import type { RecordFacts } from '../../src/index.ts'

export const HOUR = 3_600_000
/** Monday 7 December 2026, 10:00 GMT: a review, so reports were due on Wednesday 2 December at 10:00. */
export const START = fromLondonTime(2026, 12, 7, 10, 0)

export function recordFacts(extra: Partial<RecordFacts> = {}): RecordFacts {
  return {
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
    ...extra,
  }
}

/** The review conference's map, scheduled, with no items yet. */
export function reviewConference(): Y.Doc {
  const doc = new Y.Doc()
  initMap(doc, { title: 'Review conference for Ella', createdAt: START - 30 * 24 * HOUR })
  setSchedule(doc, { startsAt: START, type: 'review' })
  return doc
}

/** A school's fact, as the server would have stamped it on receipt. */
export function addReceivedNote(
  doc: Y.Doc,
  text: string,
  receivedAt: number,
  options: { zone?: ZoneId; id?: string } = {},
): string {
  const noteId = addNote(doc, {
    zone: options.zone ?? 'past-harm',
    text,
    kind: 'fact',
    source: 'school records',
    author: 'Ms Patel',
    agency: 'School',
    ...(options.id === undefined ? {} : { id: options.id }),
  })
  stampReceivedAt(doc, new Map([[noteId, receivedAt]]))
  return noteId
}

/** A PDF's text as pdftotext reads it, each page ending with a form feed. */
function pdftotext(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapboard-record-'))
  try {
    const file = join(dir, 'record.pdf')
    writeFileSync(file, pdf)
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const flat = (text: string): string => text.replace(/\s+/g, ' ')

/** A PDF's text, with runs of white space made one space. */
export function pdfText(pdf: Uint8Array): string {
  return flat(pdftotext(pdf))
}

/** A PDF's text page by page, each with runs of white space made one space. */
export function pdfPages(pdf: Uint8Array): string[] {
  return pdftotext(pdf).split('\f').slice(0, -1).map(flat)
}
