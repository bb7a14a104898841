// A modified client sends, over a raw socket, y-protocols frames built from its own Y.Doc: edits the rules
// refuse. Each time the server's document and every other client stay as they were, the offender's own document
// snaps back once it applies what the server sends it, it is told why, and the server keeps serving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, deleteNote, moveNote, readMap, setLock, updateNote } from '@mapboard/map-model'
import type { MapSnapshot } from '@mapboard/map-model'
import { CloseCode } from '@mapboard/protocol'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import type { HostileClient } from '../support/hostileClient.ts'
import { NOTES, expectEveryoneReads, expectStillServing, startConference } from './conference.ts'
import type { Conference } from './conference.ts'

let conference: Conference
let before: MapSnapshot

beforeEach(async () => {
  conference = await startConference()
  before = readMap(conference.serverDoc())
})

afterEach(async () => {
  await conference.close()
})

const observerDocs = () => conference.observers.map((client) => client.doc)

/** The offender was refused under `rule`, and nobody — the offender included, once it has applied what the
 * server sent — reads anything but the map as it was. */
async function expectRefused(offender: HostileClient, rule: string, message?: RegExp): Promise<void> {
  await waitFor(() => offender.refusals.length > 0, 5000, {
    message: `no refusal (${rule}) reached the offender`,
  })
  expect(offender.refusals.map((refusal) => refusal.rule)).toEqual([rule])
  if (message !== undefined) expect(offender.refusals[0]?.message).toMatch(message)
  await expectEveryoneReads(conference, [...observerDocs(), offender.doc], before)
  expect(offender.open).toBe(true)
  await expectStillServing(conference)
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
    await family.edit((doc) => updateNote(doc, NOTES.pro, { text: 'It was an accident' }))
    expect(readMap(family.doc).notes.find((n) => n.id === NOTES.pro)?.text).toBe('It was an accident')
    await expectRefused(family, 'OWN-2', /your own notes/)
    expect(readMap(family.doc).notes.find((n) => n.id === NOTES.pro)?.text).toBe('Bruise seen at nursery')
  })

  it('[OWN-2] a professional deleting another professional’s note', async () => {
    const police = await conference.hostile(conference.police)
    await police.edit((doc) => deleteNote(doc, NOTES.pro), 'sync-step-2')
    await expectRefused(police, 'OWN-2')
  })

  it('[LOCK-1] a professional adding to a locked section', async () => {
    const pro = await conference.hostile(conference.professional)
    await pro.edit((doc) =>
      addNote(doc, { zone: 'future-danger', text: 'One more worry', ...noteAuthor(conference.professional) }),
    )
    await expectRefused(pro, 'LOCK-1', /^Future danger is locked by the chair\.$/)
  })

  it('[LOCK-3] moving one’s own note out of a locked section', async () => {
    const pro = await conference.hostile(conference.professional)
    await pro.edit((doc) => moveNote(doc, NOTES.locked, { zone: 'past-harm' }))
    await expectRefused(pro, 'LOCK-3')
    expect(readMap(pro.doc).notes.find((n) => n.id === NOTES.locked)?.zone).toBe('future-danger')
  })

  it('[LOCK-4] deleting one’s own note in a locked section', async () => {
    const pro = await conference.hostile(conference.professional)
    await pro.edit((doc) => deleteNote(doc, NOTES.locked))
    expect(readMap(pro.doc).notes.some((n) => n.id === NOTES.locked)).toBe(false)
    await expectRefused(pro, 'LOCK-4')
    expect(readMap(pro.doc).notes.some((n) => n.id === NOTES.locked)).toBe(true)
  })

  it('[CHAIR-1] a professional writing to the locks map', async () => {
    const pro = await conference.hostile(conference.professional)
    await pro.edit((doc) => doc.getMap('locks').delete('future-danger'))
    await expectRefused(pro, 'CHAIR-1')
    expect(readMap(pro.doc).locks).toEqual(['future-danger'])
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

  it('[OWN-1] forging author fields: the chair rewriting who wrote a note', async () => {
    const chair = await conference.hostile(conference.chair)
    await chair.edit((doc) =>
      (doc.getMap('notes').get(NOTES.pro) as Y.Map<unknown>).set('author', 'Someone else'),
    )
    await expectRefused(chair, 'OWN-1')
  })

  it('[SHAPE-2] a nested map under a note is refused before it is applied: the sender is closed with 4400', async () => {
    const pro = await conference.hostile(conference.professional)
    // A nested map where text belongs. It cannot be applied and reverted like other refused edits (a revert of a
    // deeply nested map overflows the stack), so the pre-check refuses it and nothing of it is applied.
    await pro.edit((doc) => (doc.getMap('notes').get(NOTES.pro) as Y.Map<unknown>).set('text', new Y.Map()))
    expect(await pro.closeCode()).toBe(CloseCode.BadMessage)
    expect(pro.refusals).toEqual([])
    expect(conference.serverDoc().store.clients.has(pro.doc.clientID)).toBe(false)
    await expectEveryoneReads(conference, observerDocs(), before)
    await expectStillServing(conference)
  })

  it('the same edits from the chair are accepted and reach everyone (so the refusals above are the rules’)', async () => {
    const chair = await conference.hostile(conference.chair)
    await chair.edit((doc) => {
      updateNote(doc, NOTES.pro, { text: 'Bruise seen at nursery on 3 March' })
      moveNote(doc, NOTES.locked, { zone: 'past-harm' })
      addNote(doc, {
        zone: 'future-danger',
        text: 'Agreed danger statement',
        ...noteAuthor(conference.chair),
      })
    })
    const server = conference.serverDoc()
    await waitFor(() => readMap(server).notes.length === 4)
    const after = readMap(server)
    expect(after.notes.find((n) => n.id === NOTES.locked)?.zone).toBe('past-harm')
    await expectEveryoneReads(conference, [...observerDocs(), chair.doc], after)
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

describe('a connection that keeps being refused', () => {
  it('is closed with 4429 past 50 refusals in a minute, and nothing it sent stays', async () => {
    const family = await conference.hostile(conference.family)
    for (let i = 0; i < 51; i++) {
      if (!family.open) break
      await family.edit((doc) => updateNote(doc, NOTES.pro, { text: `attempt ${i}` }))
    }
    expect(await family.closeCode()).toBe(CloseCode.TooManyRefusals)
    expect(family.refusals).toHaveLength(50)
    await expectEveryoneReads(conference, observerDocs(), before)
    await expectStillServing(conference)
  })
})
