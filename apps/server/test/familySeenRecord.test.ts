// Whether the family saw each item before the conference (decision 0039), through the real server: the room
// records a family participant's opening of the map, the export reads the visits, the record prints them.
import { randomBytes } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap, setSchedule } from '@mapboard/map-model'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'
import { download } from './support/download.ts'
import { pdfText } from './support/pdfText.ts'

let conference: Conference | undefined
const extra: TestClient[] = []

afterEach(async () => {
  for (const client of extra.splice(0)) client.destroy()
  await conference?.close()
  conference = undefined
})

/** The "Seen" or "Not seen" line under an item in the record's list of items (after the map's picture). */
function seenLineOf(text: string, itemText: string): string {
  const at = text.indexOf(itemText, text.indexOf('Attendance'))
  expect(at, itemText).toBeGreaterThanOrEqual(0)
  const rest = text.slice(at)
  const line = /(Not seen|Seen) by the family before the conference[^.]*?(?=\s[A-Z]|$)/u.exec(rest)
  expect(line, `no seen line after ${itemText}`).not.toBeNull()
  return line?.[0] ?? ''
}

it('says an item was seen when a family member opened the map after it arrived, and not seen otherwise', async () => {
  const c = (conference = await startConference())
  const mapId = c.map.id
  const chair = c.observers[0]
  const police = c.observers[1]
  if (chair === undefined || police === undefined) throw new Error('no chair or police client')
  setSchedule(chair.doc, { startsAt: Date.now() + 3 * 24 * 3_600_000, type: 'review' })

  const seenText = `Seen-${randomBytes(5).toString('hex')} missed two school days`
  addNote(police.doc, { zone: 'past-harm', text: seenText, ...noteAuthor(c.police) })
  await waitFor(() => readMap(c.serverDoc()).notes.some((note) => note.text === seenText))

  // The family opens the map after the first item arrived, and leaves again.
  const mum = c.connect(c.family)
  extra.push(mum)
  await mum.synced
  await waitFor(() => readMap(mum.doc).notes.some((note) => note.text === seenText))
  mum.destroy()

  const unseenText = `Unseen-${randomBytes(5).toString('hex')} the dog bit a visitor`
  addNote(police.doc, { zone: 'past-harm', text: unseenText, ...noteAuthor(c.police) })
  await waitFor(() => readMap(c.serverDoc()).notes.some((note) => note.text === unseenText))

  const visits = await c.server.app.store.listFamilyVisits(mapId)
  expect(visits.map((visit) => visit.participantId)).toContain(c.family.participant.id)
  for (const visit of visits) expect(visit.participantId).toBe(c.family.participant.id)

  const pdf = await download(c.server, `/api/maps/${mapId}/export.pdf`, c.chair.token)
  expect(pdf.status, new TextDecoder().decode(pdf.bytes)).toBe(200)
  const text = pdfText(pdf.bytes)
  expect(seenLineOf(text, seenText)).toMatch(/^Seen by the family before the conference: /u)
  expect(seenLineOf(text, unseenText)).toBe('Not seen by the family before the conference')
  expect(text).toMatch(/Seen by the family before the conference: \d+ of \d+ items shared with them/u)
})
