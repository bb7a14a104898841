import { describe, expect, test } from 'vitest'
import { addNote, deleteNote, readMapClosure, setLock, updateNote, writeMapClosure } from '../../src/index.ts'
import { Server, by, chair, family, pro, refusedBy, viewer } from './judge.ts'

const CLOSURE = { closedAt: 1_800_000_000_000, closedBy: 'Ann Chair' }

/** A shared document with a note by pro, closed by the server. */
function closedScene(audience: 'shared' | 'professionals' = 'shared'): Server {
  const server = new Server(audience)
  server.note(pro, 'past-harm', audience === 'shared' ? 'pro-note' : 'p-pro-note')
  writeMapClosure(server.doc, CLOSURE)
  return server
}

describe('[READONLY-1] a closed map takes no change from anyone', () => {
  test('[READONLY-1] every role is refused adding, editing and deleting, the chair included', () => {
    const server = closedScene()
    for (const actor of [chair, pro, family]) {
      const add = server.judge(actor, (doc) =>
        addNote(doc, { zone: 'existing-strengths', text: 'after the close', ...by(actor) }),
      )
      expect(refusedBy(add), actor.role).toBe('READONLY-1')
    }
    expect(refusedBy(server.judge(pro, (doc) => updateNote(doc, 'pro-note', { text: 'changed' })))).toBe(
      'READONLY-1',
    )
    expect(refusedBy(server.judge(chair, (doc) => deleteNote(doc, 'pro-note')))).toBe('READONLY-1')
    expect(refusedBy(server.judge(chair, (doc) => setLock(doc, 'past-harm', true)))).toBe('READONLY-1')
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('meta').set('title', 'Renamed')))).toBe(
      'READONLY-1',
    )
    // A viewer is refused as ever.
    expect(refusedBy(server.judge(viewer, (doc) => doc.getMap('meta').set('title', 'x')))).toBe('VIEW-1')
    expect(server.doc.getMap('notes').size).toBe(1)
  })

  test("[READONLY-1] the professionals' document is closed the same way", () => {
    const server = closedScene('professionals')
    const add = server.judge(pro, (doc) =>
      addNote(doc, { id: 'p-late', zone: 'past-harm', text: 'late', ...by(pro) }),
    )
    expect(refusedBy(add)).toBe('READONLY-1')
  })

  test('[READONLY-1] once reopened, the same edits are allowed again', () => {
    const server = closedScene()
    writeMapClosure(server.doc, null)
    expect(readMapClosure(server.doc)).toBeNull()
    const add = server.judge(pro, (doc) =>
      addNote(doc, { zone: 'existing-strengths', text: 'after reopening', ...by(pro) }),
    )
    expect(add).toEqual({ allowed: true })
  })
})

describe('[READONLY-2] only the server closes or reopens the map', () => {
  test('[READONLY-2] the chair cannot reopen a closed map in the document, nor close an open one', () => {
    const server = closedScene()
    expect(refusedBy(server.judge(chair, (doc) => doc.getMap('meta').delete('closed')))).toBe('READONLY-2')
    expect(readMapClosure(server.doc)).toEqual(CLOSURE)
    const open = new Server()
    expect(refusedBy(open.judge(chair, (doc) => writeMapClosure(doc, CLOSURE)))).toBe('READONLY-2')
    expect(refusedBy(open.judge(pro, (doc) => writeMapClosure(doc, CLOSURE)))).toBe('READONLY-2')
    expect(readMapClosure(open.doc)).toBeNull()
  })
})
