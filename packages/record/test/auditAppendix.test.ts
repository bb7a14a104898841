// The professionals' record's audit appendix (decision 0043), read back from the PDF as text: the trail as a table,
// the line that prints the chain's head, long summaries wrapped within their column without splitting a word,
// a row longer than a page carried over, and nothing of it in the shared record.
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote } from '@mapboard/map-model'
import { recordSnapshot, renderRecordPdf } from '../src/index.ts'
import type { RecordAuditEntry, RecordAuditTrail } from '../src/index.ts'
import { START, pdfPages, pdfText, recordFacts, reviewConference } from './support/recordFixture.ts'

const HEAD = '0123456789abcdef'.repeat(4)
const BANNER = 'Professionals only — not to be shared with the family'
/** A summary far longer than the trail ever writes: it wraps over more lines than a page holds. */
const LONG_WORDS = Array.from({ length: 700 }, (_, index) => `restricted${index}`)

const ENTRIES: RecordAuditEntry[] = [
  {
    seq: 1,
    at: START,
    actor: { name: 'Ann Chair', role: 'chair', agency: 'Independent reviewing' },
    action: 'participant.joined',
    summary: 'Joined the meeting',
  },
  {
    seq: 2,
    at: START + 61_000,
    actor: { name: 'Zoë Łukasz-Nowak', role: 'professional', agency: 'Social care' },
    action: 'note.edited',
    summary:
      '“Missed school twice” → “Missed school three times, according to the attendance officer who visited on Tuesday”',
  },
  { seq: 3, at: START + 62_000, actor: null, action: 'note.added', summary: LONG_WORDS.join(' ') },
  {
    seq: 4,
    at: START + 3_723_000,
    actor: { name: 'Mum', role: 'family', agency: '' },
    action: 'refused',
    summary: 'OWN-2: Only the author of an item may change it.',
  },
]

/** The trail of ENTRIES; `long`: with the entry too long for one page as seq 3. */
function trail(extra: Partial<RecordAuditTrail> = {}, long = false): RecordAuditTrail {
  const entries = long ? ENTRIES : ENTRIES.filter((entry) => entry.seq !== 3)
  return {
    entries,
    verification: { ok: true, entries: 4 },
    head: { seq: 4, hash: HEAD },
    ...extra,
  }
}

/** The professionals' record of the review conference, with one restricted note and the trail given. */
async function professionalsRecord(audit?: RecordAuditTrail): Promise<Uint8Array> {
  const restricted = new Y.Doc()
  addNote(restricted, { zone: 'past-harm', text: 'Police enquiry', author: 'PC Lee', agency: 'Police' })
  const snapshot = recordSnapshot(reviewConference(), recordFacts(), {
    doc: restricted,
    // Not 3: the footer's version must not pass for the seq carried over below.
    documentVersion: 12,
    documentSha256: 'b'.repeat(64),
    ...(audit === undefined ? {} : { audit }),
  })
  return renderRecordPdf(snapshot)
}

it("prints the trail as a table after the written record, with the chain's head and what it covers", async () => {
  const text = pdfText(await professionalsRecord(trail()))
  const appendix = text.indexOf('Appendix: audit trail')
  expect(appendix).toBeGreaterThan(text.indexOf('No decision has been recorded.'))
  expect(text.indexOf('About this record')).toBeGreaterThan(appendix)
  expect(text).toContain('Audit trail: 4 entries, chain head 0123456789abcdef…, verified')
  expect(text).toContain('This appendix lists the entries up to seq 4')
  expect(text).toContain(
    'The entry for this record itself (export.created) is written after the table was printed, so it is not listed.',
  )
  expect(text).toContain('Seq Time Who Action Summary')
  // Each row, cell by cell: seq, day and time to the second (UK time), who, the action, the summary.
  expect(text).toContain(
    '1 7 Dec 2026 10:00:00 GMT Ann Chair (Chair, Independent reviewing) participant.joined Joined the meeting',
  )
  expect(text).toContain(
    '2 7 Dec 2026 10:01:01 GMT Zoë Łukasz-Nowak (Professional, Social care) note.edited ' +
      '“Missed school twice” to “Missed school three times, according to the attendance officer who visited on Tuesday”',
  )
  expect(text).toContain(
    '4 7 Dec 2026 11:02:03 GMT Mum (Family) refused OWN-2: Only the author of an item may change it.',
  )
  // The integrity page keeps the head in full.
  expect(text.slice(text.indexOf('About this record'))).toContain(
    `Audit trail: 4 entries, chain head 0123456789abcdef…, verified. The head in full, the hash of entry 4: ${HEAD}`,
  )
})

it('wraps a long summary within its column and over pages without splitting a word', async () => {
  const pages = pdfPages(await professionalsRecord(trail({}, true)))
  const text = pages.join(' ')
  const words = new Set(text.split(' '))
  for (const word of LONG_WORDS) expect(words.has(word), word).toBe(true)
  for (const word of ENTRIES[1]?.summary.split(' ') ?? []) {
    if (word !== '→') expect(words.has(word), word).toBe(true)
  }
  const places = LONG_WORDS.map((word) => text.indexOf(` ${word} `))
  expect(places).toEqual([...places].sort((a, b) => a - b))
  // Carried over: every page it goes on to has the banner, the table's header and the row's seq again.
  const carried = pages.filter((page) => page.includes('restricted') && !page.includes('restricted0 '))
  expect(carried.length).toBeGreaterThanOrEqual(2)
  for (const page of carried) {
    expect(page).toContain(BANNER)
    for (const word of ['Seq', 'Time', 'Who', 'Action', 'Summary', '3']) {
      expect(page.split(' '), word).toContain(word)
    }
  }
  expect(pages.at(-1)).toContain('About this record')
})

it('a trail that does not verify says so, and from which entry; an empty one says it had none', async () => {
  const broken = pdfText(
    await professionalsRecord(trail({ verification: { ok: false, entries: 4, firstBad: 2 } })),
  )
  expect(broken).toContain(
    'Audit trail: 4 entries, chain head 0123456789abcdef…, NOT verified: entry 2 is not as written (changed, missing or out of place)',
  )
  const empty = pdfText(
    await professionalsRecord({ entries: [], verification: { ok: true, entries: 0 }, head: null }),
  )
  expect(empty).toContain('Audit trail: 0 entries, no chain head yet, verified')
  expect(empty).toContain('The trail had no entries when this record was made.')
})

it('the shared record, and a professionals’ record made without the trail, have no appendix', async () => {
  const shared = pdfText(await renderRecordPdf(recordSnapshot(reviewConference(), recordFacts())))
  const withoutTrail = pdfText(await professionalsRecord())
  for (const text of [shared, withoutTrail]) {
    expect(text).not.toContain('Appendix: audit trail')
    expect(text).not.toContain('Audit trail')
    expect(text).not.toContain('chain head')
  }
  expect(withoutTrail).toContain(BANNER)
})
