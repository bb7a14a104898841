// SCHEDULE-1 (when the conference is) and SERVER-2 (a note's receivedAt is the server's): the refused case beside
// the allowed one for each.
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { addNote, deleteNote, readConference, setSchedule, stampReceivedAt } from '../../src/index.ts'
import { Server, by, chair, family, pro, refusedBy } from './judge.ts'

const schedule = { startsAt: Date.UTC(2026, 11, 10, 10), type: 'review' } as const
const noteMap = (doc: Y.Doc, id: string): Y.Map<unknown> => doc.getMap('notes').get(id) as Y.Map<unknown>

/** A server whose 'pro-note' the server has stamped, and whose 'legacy-note' is from before it stamped notes. */
function scene(): Server {
  const server = new Server()
  server.note(pro, 'past-harm', 'pro-note')
  server.note(pro, 'past-harm', 'legacy-note')
  stampReceivedAt(server.doc, new Map([['pro-note', 5000]]))
  return server
}

describe('[SCHEDULE-1] only the chair sets when the conference is', () => {
  test.each([pro, family])('[SCHEDULE-1] a $role setting the schedule is refused', (actor) => {
    const server = scene()
    expect(server.judge(actor, (doc) => setSchedule(doc, schedule))).toEqual({
      allowed: false,
      rule: 'SCHEDULE-1',
      message: 'Only the chair can set when the conference is.',
    })
    expect(readConference(server.doc).schedule).toBe(null)
  })

  test('[SCHEDULE-1] the chair sets it; a schedule no command could write is refused (SHAPE-3)', () => {
    const server = scene()
    expect(server.judge(chair, (doc) => setSchedule(doc, schedule))).toEqual({ allowed: true })
    expect(readConference(server.doc).schedule).toEqual(schedule)
    const meta = (doc: Y.Doc) => doc.getMap('meta')
    expect(
      refusedBy(server.judge(chair, (doc) => meta(doc).set('schedule', { ...schedule, type: 'annual' }))),
    ).toBe('SHAPE-3')
    expect(
      refusedBy(server.judge(chair, (doc) => meta(doc).set('schedule', { ...schedule, extra: 1 }))),
    ).toBe('SHAPE-3')
    expect(
      refusedBy(server.judge(chair, (doc) => meta(doc).set('schedule', { startsAt: -1, type: 'initial' }))),
    ).toBe('SHAPE-3')
    expect(readConference(server.doc).schedule).toEqual(schedule)
  })
})

describe('[SERVER-2] receivedAt is written by the server only', () => {
  test('[SERVER-2] a note added without receivedAt is accepted; with one, refused — even from the chair', () => {
    const server = scene()
    const add = (actor: typeof pro, id: string) => (doc: Y.Doc) => {
      addNote(doc, { zone: 'past-harm', text: 'Seen at school', id, ...by(actor) })
    }
    expect(server.judge(pro, add(pro, 'fresh'))).toEqual({ allowed: true })
    for (const actor of [pro, chair]) {
      const verdict = server.judge(actor, (doc) =>
        doc.transact(() => {
          add(actor, `forged-${actor.role}`)(doc)
          noteMap(doc, `forged-${actor.role}`).set('receivedAt', 1)
        }),
      )
      expect(verdict).toEqual({
        allowed: false,
        rule: 'SERVER-2',
        message: 'Only the server records when a note was received.',
      })
    }
  })

  test('[SERVER-2] changing or deleting the receivedAt of an existing note is refused, the chair’s too', () => {
    const server = scene()
    for (const actor of [pro, chair]) {
      expect(refusedBy(server.judge(actor, (doc) => noteMap(doc, 'pro-note').set('receivedAt', 1)))).toBe(
        'SERVER-2',
      )
      expect(refusedBy(server.judge(actor, (doc) => noteMap(doc, 'pro-note').delete('receivedAt')))).toBe(
        'SERVER-2',
      )
      // A note from before the server stamped notes cannot be given one by hand either.
      expect(refusedBy(server.judge(actor, (doc) => noteMap(doc, 'legacy-note').set('receivedAt', 1)))).toBe(
        'SERVER-2',
      )
    }
    expect(noteMap(server.doc, 'pro-note').get('receivedAt')).toBe(5000)
    expect(noteMap(server.doc, 'legacy-note').has('receivedAt')).toBe(false)
    // Editing the note's other fields is not touching it.
    expect(server.judge(pro, (doc) => noteMap(doc, 'pro-note').set('text', 'Bruise seen at school'))).toEqual(
      {
        allowed: true,
      },
    )
  })

  test('[SERVER-2] undoing a delete brings receivedAt back as it was (allowed); with another value, refused', () => {
    const server = scene()
    const replica = server.replica()
    const undo = new Y.UndoManager(replica.getMap('notes'), { captureTimeout: 0 })
    const sent = Y.encodeStateVector(replica)
    deleteNote(replica, 'pro-note')
    expect(server.judgeUpdate(pro, Y.encodeStateAsUpdate(replica, sent))).toEqual({ allowed: true })
    const afterDelete = Y.encodeStateVector(replica)
    undo.undo()
    expect(noteMap(replica, 'pro-note').get('receivedAt')).toBe(5000)
    expect(server.judgeUpdate(pro, Y.encodeStateAsUpdate(replica, afterDelete))).toEqual({ allowed: true })
    expect(noteMap(server.doc, 'pro-note').get('receivedAt')).toBe(5000)

    // Deleted again, then "restored" by hand with an earlier time: refused.
    expect(server.judge(pro, (doc) => deleteNote(doc, 'pro-note'))).toEqual({ allowed: true })
    const forged = server.judge(pro, (doc) =>
      doc.transact(() => {
        addNote(doc, { zone: 'past-harm', text: 'pro-note', id: 'pro-note', createdAt: 2, ...by(pro) })
        noteMap(doc, 'pro-note').set('receivedAt', 1)
      }),
    )
    expect(refusedBy(forged)).toBe('SERVER-2')
  })
})
