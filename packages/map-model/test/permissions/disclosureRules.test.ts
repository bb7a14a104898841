// SHARE-1, WITHDRAW-1, WITHDRAW-2: marking a note shared with the family or withdrawn is the chair's, in one
// document each; a withdrawn note is then the chair's alone. Hostile cases beside the allowed ones.
import { describe, expect, test } from 'vitest'
import type * as Y from 'yjs'
import { addNote, deleteNote, moveNote, readMap, updateNote, withdrawNote } from '../../src/index.ts'
import { Server, by, chair, family, pro, refusedBy } from './judge.ts'

const asChair = { id: chair.participantId, name: chair.name, agency: chair.agency }

function noteMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getMap('notes').get(id) as Y.Map<unknown>
}

/** Writes the three sharing fields as a hand-made update would. */
const markShared =
  (id: string, fields: { sharedAt?: unknown; sharedBy?: unknown; sharedAs?: unknown }) => (doc: Y.Doc) => {
    doc.transact(() => {
      for (const [field, value] of Object.entries(fields)) noteMap(doc, id).set(field, value)
    })
  }

const marked = { sharedAt: 1_000, sharedBy: chair.name, sharedAs: 'Qx8mP0aZb1cD2eF3' }

describe('[SHARE-1] only the chair marks a professionals’ note shared, once', () => {
  const restricted = (): Server => {
    const server = new Server('professionals')
    server.note(pro, 'past-harm', 'p-pro-note', 'Police report')
    return server
  }

  test('[SHARE-1] the chair marking it with their own name and a shared id is allowed', () => {
    const server = restricted()
    expect(server.judge(chair, markShared('p-pro-note', marked))).toEqual({ allowed: true })
    expect(readMap(server.doc).notes[0]?.sharing).toEqual({ at: 1_000, by: chair.name, as: marked.sharedAs })
  })

  test('[SHARE-1] a professional writing sharedAt on their own note is refused', () => {
    const server = restricted()
    const verdict = server.judge(pro, markShared('p-pro-note', { ...marked, sharedBy: pro.name }))
    expect(verdict).toMatchObject({ allowed: false, rule: 'SHARE-1' })
    expect(server.judge(pro, markShared('p-pro-note', { sharedAt: 5 }))).toMatchObject({ rule: 'SHARE-1' })
    expect(readMap(server.doc).notes[0]?.sharing).toBeUndefined()
  })

  test('[SHARE-1] a forged sharedAs (a professionals’ id), half a mark or another name is refused, even from the chair', () => {
    const server = restricted()
    expect(refusedBy(server.judge(chair, markShared('p-pro-note', { ...marked, sharedAs: 'p-other' })))).toBe(
      'SHARE-1',
    )
    expect(refusedBy(server.judge(chair, markShared('p-pro-note', { sharedAt: 1_000 })))).toBe('SHARE-1')
    expect(refusedBy(server.judge(chair, markShared('p-pro-note', { ...marked, sharedBy: 'Someone' })))).toBe(
      'SHARE-1',
    )
    // What the fields hold is SHAPE-1's.
    expect(refusedBy(server.judge(chair, markShared('p-pro-note', { ...marked, sharedAt: 'soon' })))).toBe(
      'SHAPE-1',
    )
  })

  test('[SHARE-1] once marked, nobody changes or removes the mark; the chair may still edit the note', () => {
    const server = restricted()
    server.judge(chair, markShared('p-pro-note', marked))
    expect(refusedBy(server.judge(chair, markShared('p-pro-note', { ...marked, sharedAt: 2_000 })))).toBe(
      'SHARE-1',
    )
    const unmark = (doc: Y.Doc) => {
      doc.transact(() => {
        for (const field of ['sharedAt', 'sharedBy', 'sharedAs']) noteMap(doc, 'p-pro-note').delete(field)
      })
    }
    expect(refusedBy(server.judge(chair, unmark))).toBe('SHARE-1')
    expect(
      server.judge(pro, (doc) => updateNote(doc, 'p-pro-note', { text: 'Police report, corrected' })),
    ).toEqual({ allowed: true })
    expect(readMap(server.doc).notes[0]?.sharing?.at).toBe(1_000)
  })

  test('[SHARE-1] a sharing mark in the shared document is refused, even from the chair', () => {
    const server = new Server('shared')
    server.note(chair, 'past-harm', 'SharedNote', 'Seen')
    expect(refusedBy(server.judge(chair, markShared('SharedNote', marked)))).toBe('SHARE-1')
  })

  test('[SHARE-1] a professional’s new note carrying a mark is refused; the same note without one is not', () => {
    const server = restricted()
    const add = (extra: boolean) => (doc: Y.Doc) => {
      const id = addNote(doc, { zone: 'past-harm', text: 'New', audience: 'professionals', ...by(pro) })
      if (extra) markShared(id, { ...marked, sharedBy: pro.name })(doc)
    }
    expect(refusedBy(server.judge(pro, add(true)))).toBe('SHARE-1')
    expect(server.judge(pro, add(false))).toEqual({ allowed: true })
  })
})

describe('[WITHDRAW-1] only the chair withdraws a shared note, with a reason', () => {
  const withNote = (): Server => {
    const server = new Server('shared')
    server.note(pro, 'past-harm', 'ProNote', 'Dad hit the child')
    server.note(family, 'existing-strengths', 'FamNote', 'We walk to school')
    return server
  }

  test('[WITHDRAW-1] the chair withdrawing with a reason is allowed', () => {
    const server = withNote()
    expect(server.judge(chair, (doc) => withdrawNote(doc, 'ProNote', asChair, 'Wrong family', 9))).toEqual({
      allowed: true,
    })
    expect(readMap(server.doc).notes[0]?.withdrawal).toEqual({
      at: 9,
      by: chair.name,
      reason: 'Wrong family',
    })
  })

  test('[WITHDRAW-1] a family member withdrawing, even their own note, is refused', () => {
    const server = withNote()
    const verdict = server.judge(family, (doc) =>
      withdrawNote(doc, 'FamNote', { name: family.name }, 'I changed my mind', 9),
    )
    expect(verdict).toMatchObject({ allowed: false, rule: 'WITHDRAW-1' })
    expect(refusedBy(server.judge(pro, (doc) => withdrawNote(doc, 'ProNote', pro, 'Mine', 9)))).toBe(
      'WITHDRAW-1',
    )
    expect(readMap(server.doc).notes.every((note) => note.withdrawal === undefined)).toBe(true)
  })

  test('[WITHDRAW-1] without a reason, with another name or half written, it is refused from the chair too', () => {
    const server = withNote()
    const write = (fields: Record<string, unknown>) => (doc: Y.Doc) => {
      doc.transact(() => {
        for (const [field, value] of Object.entries(fields)) noteMap(doc, 'ProNote').set(field, value)
      })
    }
    const whole = { withdrawnAt: 9, withdrawnBy: chair.name, withdrawnReason: 'Wrong family' }
    expect(refusedBy(server.judge(chair, write({ withdrawnAt: 9 })))).toBe('WITHDRAW-1')
    expect(refusedBy(server.judge(chair, write({ ...whole, withdrawnBy: 'Someone' })))).toBe('WITHDRAW-1')
    expect(refusedBy(server.judge(chair, write({ ...whole, withdrawnReason: '' })))).toBe('SHAPE-1')
    expect(refusedBy(server.judge(chair, write({ ...whole, withdrawnReason: 'x'.repeat(501) })))).toBe(
      'SHAPE-1',
    )
    expect(server.judge(chair, write(whole))).toEqual({ allowed: true })
  })

  test('[WITHDRAW-1] writing withdrawnAt in the professionals’ document is refused, even from the chair', () => {
    const server = new Server('professionals')
    server.note(pro, 'past-harm', 'p-pro-note')
    const write = (doc: Y.Doc) => {
      doc.transact(() => {
        const note = noteMap(doc, 'p-pro-note')
        note.set('withdrawnAt', 9)
        note.set('withdrawnBy', chair.name)
        note.set('withdrawnReason', 'Not for the family')
      })
    }
    expect(refusedBy(server.judge(chair, write))).toBe('WITHDRAW-1')
  })

  test('[WITHDRAW-1] only the chair takes a withdrawal back', () => {
    const server = withNote()
    server.judge(chair, (doc) => withdrawNote(doc, 'FamNote', asChair, 'Said in error', 9))
    const takeBack = (doc: Y.Doc) => {
      doc.transact(() => {
        for (const field of ['withdrawnAt', 'withdrawnBy', 'withdrawnReason'])
          noteMap(doc, 'FamNote').delete(field)
      })
    }
    expect(refusedBy(server.judge(family, takeBack))).toBe('WITHDRAW-1')
    expect(refusedBy(server.judge(pro, takeBack))).toBe('WITHDRAW-1')
    expect(server.judge(chair, takeBack)).toEqual({ allowed: true })
    expect(readMap(server.doc).notes.find((note) => note.id === 'FamNote')?.withdrawal).toBeUndefined()
  })
})

describe('[WITHDRAW-2] a withdrawn note is the chair’s alone to change', () => {
  const withdrawn = (): Server => {
    const server = new Server('shared')
    server.note(pro, 'past-harm', 'ProNote', 'Dad hit the child')
    server.judge(chair, (doc) => withdrawNote(doc, 'ProNote', asChair, 'Wrong family', 9))
    return server
  }

  test('[WITHDRAW-2] its author editing its text, moving or deleting it is refused', () => {
    const server = withdrawn()
    expect(
      server.judge(pro, (doc) => updateNote(doc, 'ProNote', { text: 'Nothing happened' })),
    ).toMatchObject({
      allowed: false,
      rule: 'WITHDRAW-2',
    })
    expect(refusedBy(server.judge(pro, (doc) => moveNote(doc, 'ProNote', { zone: 'future-danger' })))).toBe(
      'WITHDRAW-2',
    )
    expect(refusedBy(server.judge(pro, (doc) => deleteNote(doc, 'ProNote')))).toBe('WITHDRAW-2')
    expect(readMap(server.doc).notes[0]?.text).toBe('Dad hit the child')
  })

  test('[WITHDRAW-2] the chair may still edit it; the author may edit a note that is not withdrawn', () => {
    const server = withdrawn()
    expect(server.judge(chair, (doc) => updateNote(doc, 'ProNote', { kind: 'allegation' }))).toEqual({
      allowed: true,
    })
    server.note(pro, 'past-harm', 'Other', 'Other note')
    expect(server.judge(pro, (doc) => updateNote(doc, 'Other', { text: 'Changed' }))).toEqual({
      allowed: true,
    })
  })
})
