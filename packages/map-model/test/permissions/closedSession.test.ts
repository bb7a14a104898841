// The closed session: the chair starts and ends it (CLOSED-1); while it lasts nobody but the chair writes in the
// shared document (CLOSED-2); the record keeps when it was held and who was in it.
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import {
  addNote,
  currentClosedSession,
  endClosedSession,
  readConference,
  startClosedSession,
  writeAttendance,
} from '../../src/index.ts'
import { Server, by, chair, family, pro, refusedBy } from './judge.ts'

const recordedBy = (actor: typeof chair) => ({
  participantId: actor.participantId,
  name: actor.name,
  agency: actor.agency,
})

function present(doc: Y.Doc, actor: typeof chair): void {
  writeAttendance(doc, {
    participantId: actor.participantId,
    name: actor.name,
    role: actor.role,
    agency: actor.agency,
    joinedAt: 5,
    present: true,
    leftAt: null,
  })
}

describe('closed sessions', () => {
  test('starting records who is in it (the chair and professionals present); ending keeps it, with its times', () => {
    const doc = new Y.Doc()
    for (const actor of [chair, pro, family]) present(doc, actor)
    startClosedSession(doc, recordedBy(chair), 1_000)
    const lasting = currentClosedSession(readConference(doc).closedSessions)
    expect(lasting?.attendees.map((a) => a.name).sort()).toEqual([chair.name, pro.name].sort())
    expect(() => startClosedSession(doc, recordedBy(chair), 1_500)).toThrow('already under way')
    endClosedSession(doc, 2_000)
    const [held] = readConference(doc).closedSessions
    expect(held).toMatchObject({ startedAt: 1_000, endedAt: 2_000, startedBy: recordedBy(chair) })
    expect(currentClosedSession(readConference(doc).closedSessions)).toBeNull()
  })

  test('[CLOSED-1] only the chair starts or ends a closed session', () => {
    const server = new Server()
    const start = (doc: Y.Doc) => startClosedSession(doc, recordedBy(pro), 10)
    expect(server.judge(pro, start)).toMatchObject({ allowed: false, rule: 'CLOSED-1' })
    expect(server.judge(family, start)).toMatchObject({ allowed: false, rule: 'CLOSED-1' })
    expect(server.judge(chair, (doc) => startClosedSession(doc, recordedBy(chair), 10))).toEqual({
      allowed: true,
    })
    expect(refusedBy(server.judge(pro, (doc) => endClosedSession(doc, 20)))).toBe('CLOSED-1')
    expect(server.judge(chair, (doc) => endClosedSession(doc, 20))).toEqual({ allowed: true })
  })

  test('[CLOSED-2] while one lasts nobody but the chair writes in the shared document; after, as before', () => {
    const server = new Server()
    const add = (actor: typeof chair) => (doc: Y.Doc) =>
      addNote(doc, { zone: 'existing-strengths', text: 'During', ...by(actor) })
    server.judge(chair, (doc) => startClosedSession(doc, recordedBy(chair), 10))
    expect(server.judge(family, add(family))).toMatchObject({ allowed: false, rule: 'CLOSED-2' })
    expect(server.judge(pro, add(pro))).toMatchObject({ allowed: false, rule: 'CLOSED-2' })
    expect(server.judge(chair, add(chair))).toEqual({ allowed: true })
    // The professionals' own document is theirs to write meanwhile.
    const restricted = new Server('professionals')
    expect(
      restricted.judge(pro, (doc) =>
        addNote(doc, { zone: 'past-harm', text: 'Said privately', audience: 'professionals', ...by(pro) }),
      ),
    ).toEqual({ allowed: true })
    server.judge(chair, (doc) => endClosedSession(doc, 20))
    expect(server.judge(family, add(family))).toEqual({ allowed: true })
  })

  test('[SHAPE-3] a hand-made closed session that no command could write is refused', () => {
    const server = new Server()
    const bad = (value: unknown) => (doc: Y.Doc) => doc.getMap('meta').set('closedSessions', value)
    expect(refusedBy(server.judge(chair, bad('now')))).toBe('SHAPE-3')
    expect(
      refusedBy(
        server.judge(chair, bad([{ startedAt: 5, endedAt: 1, startedBy: recordedBy(chair), attendees: [] }])),
      ),
    ).toBe('SHAPE-3')
    expect(
      refusedBy(
        server.judge(
          chair,
          bad([
            {
              startedAt: 5,
              endedAt: null,
              startedBy: recordedBy(chair),
              attendees: [{ participantId: 'f', name: 'Mum', role: 'family', agency: '' }],
            },
          ]),
        ),
      ),
    ).toBe('SHAPE-3')
  })
})
