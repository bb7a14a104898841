// The AUD-* rules: what each of a map's two documents may hold, and that a note never crosses from the shared
// document into the professionals' one. Each refused case has its allowed case beside it.
import { describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import {
  PROFESSIONALS_NOTE_PREFIX,
  addNextStep,
  addNote,
  audienceOfNoteId,
  deleteNote,
  readMap,
  setLock,
  setStep,
  updateNote,
} from '../../src/index.ts'
import { createNoteId } from '../../src/noteId.ts'
import { Server, by, chair, family, pro, refusedBy } from './judge.ts'

const restricted = (): Server => {
  const server = new Server('professionals')
  server.note(pro, 'past-harm', 'p-pro-note')
  return server
}

describe('[AUD-1] only the chair and professionals write in the professionals’ document', () => {
  test('[AUD-1] a family member adding a note there is refused; a professional and the chair are not', () => {
    const server = restricted()
    const add = (actor: typeof pro) => (doc: Y.Doc) =>
      addNote(doc, { zone: 'future-danger', text: 'x', audience: 'professionals', ...by(actor) })
    expect(server.judge(family, add(family))).toMatchObject({ allowed: false, rule: 'AUD-1' })
    expect(refusedBy(server.judge(pro, add(pro)))).toBeUndefined()
    expect(refusedBy(server.judge(chair, add(chair)))).toBeUndefined()
  })

  test('[AUD-1] the same family note in the shared document is allowed', () => {
    const server = new Server('shared')
    const verdict = server.judge(family, (doc) =>
      addNote(doc, { zone: 'existing-strengths', text: 'We walk to school', ...by(family) }),
    )
    expect(verdict).toEqual({ allowed: true })
  })
})

describe('[AUD-2] the professionals’ document holds notes and locks only', () => {
  test('[AUD-2] agenda, next steps and meta written there are refused, even by the chair', () => {
    const server = restricted()
    expect(refusedBy(server.judge(chair, (doc) => setStep(doc, 'analysis')))).toBe('AUD-2')
    expect(
      refusedBy(
        server.judge(chair, (doc) =>
          addNextStep(doc, { what: 'Visit', who: 'Sam', agency: '', due: '2026-12-24' }, chair),
        ),
      ),
    ).toBe('AUD-2')
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('meta').set('title', 'Other')))).toBe('AUD-2')
  })

  test('[AUD-2] locks and notes are allowed there; the same agenda step is allowed in the shared document', () => {
    const server = restricted()
    expect(server.judge(chair, (doc) => setLock(doc, 'next-steps', true))).toEqual({ allowed: true })
    expect(server.judge(pro, (doc) => updateNote(doc, 'p-pro-note', { text: 'changed' }))).toEqual({
      allowed: true,
    })
    expect(new Server('shared').judge(chair, (doc) => setStep(doc, 'analysis'))).toEqual({ allowed: true })
  })
})

describe('[AUD-3] a note’s id says which document it belongs in', () => {
  test('[AUD-3] a shared note written into the professionals’ document (a "move") is refused', () => {
    const shared = new Server('shared')
    const id = shared.note(pro, 'past-harm', 'Qx8mP0aZb1cD2eF3', 'Seen by the family')
    const server = restricted()
    const copy = (doc: Y.Doc) =>
      addNote(doc, { zone: 'past-harm', text: 'Seen by the family', id, ...by(pro) })
    expect(server.judge(pro, copy)).toMatchObject({ allowed: false, rule: 'AUD-3' })
    expect(server.judge(chair, copy)).toMatchObject({ allowed: false, rule: 'AUD-3' })
    expect(readMap(server.doc).notes.map((note) => note.id)).toEqual(['p-pro-note'])
    // A new note of the professionals' own, with the same words, is theirs to write.
    const fresh = (doc: Y.Doc) =>
      addNote(doc, { zone: 'past-harm', text: 'Seen by the family', audience: 'professionals', ...by(pro) })
    expect(server.judge(pro, fresh)).toEqual({ allowed: true })
  })

  test('[AUD-3] a professionals’ note id in the shared document is refused; a shared id is not', () => {
    const server = new Server('shared')
    const leak = (doc: Y.Doc) => addNote(doc, { zone: 'past-harm', text: 'x', id: 'p-secret', ...by(pro) })
    expect(server.judge(pro, leak)).toMatchObject({ allowed: false, rule: 'AUD-3' })
    expect(server.judge(chair, leak)).toMatchObject({ allowed: false, rule: 'AUD-3' })
    expect(server.judge(pro, (doc) => addNote(doc, { zone: 'past-harm', text: 'x', ...by(pro) }))).toEqual({
      allowed: true,
    })
  })

  test('[AUD-3] deleting and restoring within the right document is judged by the usual rules', () => {
    const server = restricted()
    expect(server.judge(pro, (doc) => deleteNote(doc, 'p-pro-note'))).toEqual({ allowed: true })
  })

  test('fresh ids: professionals’ ones carry the prefix, shared ones never do', () => {
    for (let i = 0; i < 20_000; i++) expect(createNoteId().startsWith(PROFESSIONALS_NOTE_PREFIX)).toBe(false)
    expect(audienceOfNoteId(createNoteId('professionals'))).toBe('professionals')
    expect(audienceOfNoteId(createNoteId('shared'))).toBe('shared')
  })
})
