// The family letter read back from the PDF as text: every section, plain words after jargon, large type, and
// nothing withdrawn.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addDangerStatement,
  addNextStep,
  addNote,
  initMap,
  recordDecision,
  setSafetyGoal,
  withdrawNote,
} from '@mapboard/map-model'
import { recordSnapshot, renderFamilyLetterPdf, withPlainWords } from '../src/index.ts'
import type { RecordFacts } from '../src/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'mapboard-letter-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const NOW = Date.UTC(2026, 11, 7, 13, 0)
const chair = { participantId: 'chair-1', name: 'Ann Chair', agency: 'Independent reviewing' }
const facts: RecordFacts = {
  mapId: 'map-1',
  fallbackTitle: 'Conference',
  fallbackDate: NOW,
  documentVersion: 3,
  documentSha256: 'b'.repeat(64),
  generatedBy: { ...chair, role: 'chair' },
  generatedAt: NOW,
}

function conference(): Y.Doc {
  const doc = new Y.Doc()
  initMap(doc, { title: 'Conference for Ella', createdAt: NOW - 3_600_000 })
  addNote(doc, {
    zone: 'past-harm',
    text: 'The LADO was told about the bruise',
    kind: 'fact',
    source: 'police',
  })
  addNote(doc, {
    zone: 'existing-strengths',
    text: 'Mum walks Ella to school every day',
    kind: 'observation',
  })
  const withdrawn = addNote(doc, {
    zone: 'past-harm',
    text: 'Withdrawn worry about the dog',
    kind: 'opinion',
  })
  withdrawNote(doc, withdrawn, { name: 'Ann Chair' }, 'Wrong family', NOW - 60_000)
  const danger = addDangerStatement(
    doc,
    { who: 'The school', worry: 'Ella comes in hungry', outcome: 'she will not grow well' },
    chair,
  )
  setSafetyGoal(
    doc,
    danger,
    { parents: 'give Ella breakfast', child: 'not be hungry', professionals: 'see it' },
    chair,
  )
  addNextStep(
    doc,
    { what: 'Visit the family at home', who: 'Sam Worker', agency: 'Social care', due: '2026-12-20' },
    chair,
  )
  recordDecision(
    doc,
    {
      outcome: 'cin-plan',
      category: null,
      reasons: 'Things are getting better at home',
      agencyViews: [],
      dissent: [{ name: 'Dr Rao', agency: 'GP', view: 'A stronger plan is needed' }],
    },
    NOW - 30_000,
  )
  return doc
}

async function letter(name: string, correctionsText?: string): Promise<{ text: string; file: string }> {
  const pdf = await renderFamilyLetterPdf(recordSnapshot(conference(), facts), { correctionsText })
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, pdf)
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  )
  return { text, file }
}

it('has every section, in plain words, with jargon followed by its plain wording', async () => {
  const { text } = await letter('letter')
  for (const heading of [
    'Who came',
    'What people are worried about',
    'What is going well',
    'The worries and the goals',
    'What was decided, and why',
    'The plan: who will do what, and by when',
    'If something is wrong, or you want to complain',
  ]) {
    expect(text).toContain(heading)
  }
  expect(text).toContain(withPlainWords('The LADO was told about the bruise'))
  expect(withPlainWords('The LADO was told')).not.toBe('The LADO was told')
  expect(text).toContain('Mum walks Ella to school every day')
  expect(text).toContain('Ella comes in hungry')
  expect(text).toContain('give Ella breakfast')
  expect(text).toContain('Things are getting better at home')
  expect(text).toContain('Dr Rao (GP) did not agree')
  expect(text).toContain('Visit the family at home')
  expect(text).toContain('Who: Sam Worker, Social care. By: 20 December 2026.')
  expect(text).toContain('tell your social worker or the conference chair')
  expect(text).not.toContain('Withdrawn worry about the dog')
})

it('says how to ask for a correction in the words the deployment gives', async () => {
  const { text } = await letter('custom', 'Write to Northshire Council, Freepost NC1.')
  expect(text).toContain('Write to Northshire Council, Freepost NC1.')
  expect(text).not.toContain('tell your social worker or the conference chair')
})

it('sets its body in large type (14 pt or more) with embedded fonts', async () => {
  const { file } = await letter('sizes')
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' })
  const heights = [...html.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
    word: m[3] ?? '',
    height: Number(m[2]) - Number(m[1]),
  }))
  const body = heights.find((entry) => entry.word === 'walks')
  expect(body).toBeDefined()
  // A word box is roughly the font size tall; 14 pt type gives boxes of about 14 pt or more.
  expect(body?.height ?? 0).toBeGreaterThanOrEqual(13.5)
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
  // pdffonts: name, type, encoding, then emb / sub / uni and the object id; every font is embedded.
  const rows = fonts
    .split('\n')
    .slice(2)
    .filter((row) => row.trim() !== '')
  expect(rows.length).toBeGreaterThan(0)
  for (const row of rows) expect(row).toMatch(/\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/)
})

it('refuses a professionals record', async () => {
  const snapshot = recordSnapshot(conference(), facts, {
    doc: new Y.Doc(),
    documentVersion: 1,
    documentSha256: 'c'.repeat(64),
  })
  await expect(renderFamilyLetterPdf(snapshot)).rejects.toThrow(/shared record only/)
})
