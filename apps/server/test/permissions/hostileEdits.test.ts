// A modified client sends, over a raw socket, y-protocols frames built from its own Y.Doc: edits the rules
// refuse. Each time the server's document and every other client stay as they were, the offender's own document
// snaps back once it applies what the server sends it, it is told why, and the server keeps serving. The rules that
// apply in both of a map's documents are tried in each room.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AUDIENCES, addNote, deleteNote, moveNote, readMap, setLock, updateNote } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import { ATTACKS } from '../support/attacks.ts'
import type { HostileClient } from '../support/hostileClient.ts'
import {
  NOTES,
  attackScene,
  expectBothRoomsCarryOn,
  expectEveryoneReads,
  expectStillServing,
  familyDevices,
  startConference,
} from './conference.ts'
import type { Conference, ConferenceRoom } from './conference.ts'

let conference: Conference
let before: MapSnapshot

beforeEach(async () => {
  conference = await startConference()
  before = readMap(conference.serverDoc())
})

afterEach(async () => {
  await conference.close()
})

const observerDocs = (room?: ConferenceRoom) =>
  (room?.observers ?? conference.observers).map((client) => client.doc)

/** The offender was refused under `rule`, and nobody — the offender included, once it has applied what the
 * server sent — reads anything but the map (the room's document, the shared one by default) as it was. */
async function expectRefused(
  offender: HostileClient,
  rule: string,
  message?: RegExp,
  room?: ConferenceRoom,
): Promise<void> {
  await waitFor(() => offender.refusals.length > 0, 5000, {
    message: `no refusal (${rule}) reached the offender`,
  })
  expect(offender.refusals.map((refusal) => refusal.rule)).toEqual([rule])
  if (message !== undefined) expect(offender.refusals[0]?.message).toMatch(message)
  await expectEveryoneReads(conference, [...observerDocs(room), offender.doc], before, room)
  expect(offender.open).toBe(true)
  await expectStillServing(conference, room)
}

describe('a viewer', () => {
  it('[VIEW-1] a viewer’s SyncStep2 and Update are dropped; it is told once and stays connected', async () => {
    const viewer = await conference.hostile(conference.viewer)
    await viewer.edit(
      (doc) => addNote(doc, { zone: 'past-harm', text: 'from a viewer', ...noteAuthor(conference.viewer) }),
      'sync-step-2',
    )
    await viewer.edit((doc) => setLock(doc, 'future-danger', false))
    await viewer.sync() // both frames handled
    expect(viewer.refusals).toEqual([
      { rule: 'VIEW-1', message: 'Viewers can follow the map but not change it.' },
    ])
    await expectEveryoneReads(conference, observerDocs(), before)
    // Dropped, not applied and reverted: the server never saw the viewer's client id.
    expect(conference.serverDoc().store.clients.has(viewer.doc.clientID)).toBe(false)
    expect(viewer.open).toBe(true)
    await expectStillServing(conference)
  })
})

describe('refused edits are reverted', () => {
  it('[OWN-2] a family member editing a professional’s note', async () => {
    const family = await conference.hostile(conference.family)
    await ATTACKS.othersNoteEdited.send(family, attackScene(conference, await conference.room('shared')), '')
    expect(readMap(family.doc).notes.find((n) => n.id === NOTES.pro)?.text).toMatch(/^It was an accident/)
    await expectRefused(family, 'OWN-2', /your own notes/)
    expect(readMap(family.doc).notes.find((n) => n.id === NOTES.pro)?.text).toBe('Bruise seen at nursery')
  })

  it('[OWN-1] forging author fields: a professional signing a note with the family’s name', async () => {
    const pro = await conference.hostile(conference.professional)
    await pro.edit(
      (doc) =>
        addNote(doc, {
          zone: 'existing-strengths',
          text: 'We agree with everything',
          ...noteAuthor(conference.family),
        }),
      'sync-step-2',
    )
    await expectRefused(pro, 'OWN-1')
  })
})

describe.each(AUDIENCES)('refused edits are reverted, in the %s room', (audience) => {
  let room: ConferenceRoom

  beforeEach(async () => {
    room = await conference.room(audience)
    before = readMap(room.serverDoc())
  })

  it('[OWN-2] a professional deleting another professional’s note', async () => {
    const police = await room.hostile(conference.police)
    await ATTACKS.othersNoteDeleted.send(police, attackScene(conference, room), '')
    await expectRefused(police, 'OWN-2', undefined, room)
  })

  it('[LOCK-1] a professional adding to a locked section', async () => {
    const pro = await room.hostile(conference.professional)
    await ATTACKS.lockedSectionAdd.send(pro, attackScene(conference, room), '')
    await expectRefused(pro, 'LOCK-1', /^Future danger is locked by the chair\.$/, room)
  })

  it('[LOCK-3] moving one’s own note out of a locked section', async () => {
    const pro = await room.hostile(conference.professional)
    await ATTACKS.lockedSectionMove.send(pro, attackScene(conference, room), '')
    await expectRefused(pro, 'LOCK-3', undefined, room)
    expect(readMap(pro.doc).notes.find((n) => n.id === room.notes.locked)?.zone).toBe('future-danger')
  })

  it('[LOCK-4] deleting one’s own note in a locked section', async () => {
    const pro = await room.hostile(conference.professional)
    await ATTACKS.lockedSectionDelete.send(pro, attackScene(conference, room), '')
    expect(readMap(pro.doc).notes.some((n) => n.id === room.notes.locked)).toBe(false)
    await expectRefused(pro, 'LOCK-4', undefined, room)
    expect(readMap(pro.doc).notes.some((n) => n.id === room.notes.locked)).toBe(true)
  })

  it('[CHAIR-1] a professional writing to the locks map', async () => {
    const pro = await room.hostile(conference.professional)
    await ATTACKS.locksWrittenByAProfessional.send(pro, attackScene(conference, room), '')
    await expectRefused(pro, 'CHAIR-1', undefined, room)
    expect(readMap(pro.doc).locks).toEqual(['future-danger'])
  })

  it('[OWN-1] forging author fields: a professional signing a note with a colleague’s name', async () => {
    const pro = await room.hostile(conference.professional)
    await ATTACKS.forgedAuthor.send(pro, attackScene(conference, room), '')
    await expectRefused(pro, 'OWN-1', undefined, room)
  })

  it('[OWN-1] forging author fields: the chair rewriting who wrote a note', async () => {
    const chair = await room.hostile(conference.chair)
    await chair.edit((doc) =>
      (doc.getMap('notes').get(room.notes.pro) as Y.Map<unknown>).set('author', 'Someone else'),
    )
    await expectRefused(chair, 'OWN-1', undefined, room)
  })

  it('[SHAPE-2] a nested map under a note is refused before it is applied: the sender is closed with 4400', async () => {
    const devices = await familyDevices(conference)
    const pro = await room.hostile(conference.professional)
    // A nested map where text belongs. It cannot be applied and reverted like other refused edits (a revert of a
    // deeply nested map overflows the stack), so the pre-check refuses it and nothing of it is applied.
    await pro.edit((doc) =>
      (doc.getMap('notes').get(room.notes.pro) as Y.Map<unknown>).set('text', new Y.Map()),
    )
    expect(await pro.closeCode()).toBe(CloseCode.BadMessage)
    expect(pro.refusals).toEqual([])
    expect(room.serverDoc().store.clients.has(pro.doc.clientID)).toBe(false)
    await expectEveryoneReads(conference, observerDocs(room), before, room)
    await expectStillServing(conference, room)
    await expectBothRoomsCarryOn(conference, room, devices)
  })

  it('the same edits from the chair are accepted and reach everyone (so the refusals above are the rules’)', async () => {
    const chair = await room.hostile(conference.chair)
    const notesBefore = readMap(room.serverDoc()).notes.length
    await chair.edit((doc) => {
      updateNote(doc, room.notes.pro, { text: 'Seen at nursery on 3 March' })
      moveNote(doc, room.notes.locked, { zone: 'past-harm' })
      addNote(doc, {
        zone: 'future-danger',
        text: 'Agreed danger statement',
        audience,
        ...noteAuthor(conference.chair),
      })
    })
    const server = room.serverDoc()
    await waitFor(() => readMap(server).notes.length === notesBefore + 1)
    const after = readMap(server)
    expect(after.notes.find((n) => n.id === room.notes.locked)?.zone).toBe('past-harm')
    await expectEveryoneReads(conference, [...observerDocs(room), chair.doc], after, room)
    expect(chair.refusals).toEqual([])
  })
})

describe('edits crossing a revert', () => {
  // Yjs cannot undelete: a revert writes the old values back as new items. An edit made before its author heard
  // of the revert refers to the replaced items, and Yjs would drop it silently; the server passes it on.
  /** A copy of `doc` as it is now, to make an edit later as if the revert had not reached it yet. */
  function stale(doc: Y.Doc): Y.Doc {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    return copy
  }
  function editOn(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
    const before = Y.encodeStateVector(doc)
    edit(doc)
    return Y.encodeStateAsUpdate(doc, before)
  }

  it.each([
    ['deletes', (doc: Y.Doc) => deleteNote(doc, NOTES.pro)],
    ['overwrites', (doc: Y.Doc) => updateNote(doc, NOTES.pro, { text: 'It was an accident' })],
    ['replaces', (doc: Y.Doc) => doc.getMap('notes').set(NOTES.pro, new Y.Map())],
  ])(
    'a family member %s a professional’s note (refused) as its author edits it: the edit is kept',
    async (_name, attack) => {
      const pro = await conference.hostile(conference.professional)
      const behind = stale(pro.doc)
      const family = await conference.hostile(conference.family)
      await family.edit(attack)
      await waitFor(() => family.refusals.length > 0)
      // The author's edit, made before the revert reached it, arrives after. (Its own doc holds it too, as a
      // client's would: the server sends nobody back their own update.)
      const edit = editOn(behind, (doc) =>
        updateNote(doc, NOTES.pro, { text: 'Bruise seen at nursery on 3 March' }),
      )
      await pro.send(edit)
      Y.applyUpdate(pro.doc, edit)
      const server = conference.serverDoc()
      await waitFor(
        () =>
          readMap(server).notes.find((n) => n.id === NOTES.pro)?.text === 'Bruise seen at nursery on 3 March',
        5000,
        {
          message: 'the author’s edit was lost',
        },
      )
      expect(pro.refusals).toEqual([])
      const after = readMap(server)
      expect(after.notes.map((n) => n.id).sort()).toEqual(before.notes.map((n) => n.id).sort())
      await expectEveryoneReads(conference, [...observerDocs(), pro.doc, family.doc], after)
    },
  )

  it('the chair unlocks as a professional’s unlock is refused: the section ends unlocked', async () => {
    const chair = await conference.hostile(conference.chair)
    const behind = stale(chair.doc)
    const pro = await conference.hostile(conference.professional)
    await pro.edit((doc) => setLock(doc, 'future-danger', false))
    await waitFor(() => pro.refusals.length > 0)
    expect(readMap(conference.serverDoc()).locks).toEqual(['future-danger'])
    const unlock = editOn(behind, (doc) => setLock(doc, 'future-danger', false))
    await chair.send(unlock)
    Y.applyUpdate(chair.doc, unlock)
    await waitFor(() => readMap(conference.serverDoc()).locks.length === 0, 5000, {
      message: 'the unlock was lost',
    })
    await expectEveryoneReads(
      conference,
      [...observerDocs(), chair.doc, pro.doc],
      readMap(conference.serverDoc()),
    )
  })

  it('a late edit is still judged: the family’s own late edit of someone else’s note stays refused', async () => {
    const family = await conference.hostile(conference.family)
    const behind = stale(family.doc)
    const police = await conference.hostile(conference.police)
    await police.edit((doc) => deleteNote(doc, NOTES.pro))
    await waitFor(() => police.refusals.length > 0)
    const late = editOn(behind, (doc) => updateNote(doc, NOTES.pro, { text: 'Never happened' }))
    await family.send(late)
    Y.applyUpdate(family.doc, late)
    await waitFor(() => family.refusals.length > 0)
    expect(family.refusals.map((r) => r.rule)).toEqual(['OWN-2'])
    await expectEveryoneReads(conference, [...observerDocs(), family.doc, police.doc], before)
  })
})

describe.each(AUDIENCES)('a connection that keeps being refused, in the %s room', (audience) => {
  it('is closed with 4429 past 50 refusals in a minute, and nothing it sent stays; both rooms carry on', async () => {
    const room = await conference.room(audience)
    const roomBefore = readMap(room.serverDoc())
    const devices = await familyDevices(conference)
    const marker = `REFUSED-${randomBytes(6).toString('hex')}`
    const offender = await room.hostile(room.attacker)
    await ATTACKS.refusedOverAndOver.send(offender, attackScene(conference, room), marker)
    expect(await offender.closeCode()).toBe(CloseCode.TooManyRefusals)
    expect(offender.refusals).toHaveLength(50)
    await expectEveryoneReads(conference, observerDocs(room), roomBefore, room)
    await expectStillServing(conference, room)
    // The refused edits and their reverts went to the room's own clients only: the shared room's family devices
    // saw them only if it was their room.
    await expectBothRoomsCarryOn(conference, room, audience === 'shared' ? [] : devices, [marker])
  })
})
