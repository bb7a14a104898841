// "Share with the family" and withdrawing a shared note (decision 0034) over real sockets: the chair's copy
// reaches the family and nothing else of the professionals' document does; only the chair marks a note shared
// or withdrawn, and a withdrawn note stays as the family saw it.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap, shareWithFamily, updateNote, withdrawNote } from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import type { JoinResponse } from '@mapboard/protocol'
import { connectClient, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { NOTES, startConference } from './permissions/conference.ts'
import type { Conference } from './permissions/conference.ts'
import { bytesContain as contains } from './support/download.ts'
import { HostileClient } from './support/hostileClient.ts'

let conference: Conference | undefined
const extra: TestClient[] = []

afterEach(async () => {
  for (const client of extra.splice(0)) client.destroy()
  await conference?.close()
  conference = undefined
})

function open(c: Conference, who: JoinResponse, audience: 'shared' | 'professionals'): TestClient {
  const room = audience === 'shared' ? c.map.id : roomNameOf(c.map.id, 'professionals')
  const client = connectClient(c.server, room, who)
  extra.push(client)
  return client
}

const chairOf = (c: Conference) => ({
  id: c.chair.participant.id,
  name: c.chair.participant.name,
  agency: c.chair.participant.agency,
})

const marker = (): string => `RESTRICTED-${randomBytes(6).toString('hex')}`

describe('[SHARE-1] the chair shares a professionals’ note with the family', () => {
  it('the family receives the copy and nothing else of the professionals’ document', async () => {
    const c = (conference = await startConference())
    const family = await HostileClient.connect(c.server, c.map.id, c.family.token, { answer: true })
    const familyTab = open(c, c.family, 'shared')
    const chairShared = open(c, c.chair, 'shared')
    const chairRestricted = open(c, c.chair, 'professionals')
    const pro = open(c, c.professional, 'professionals')
    await Promise.all([familyTab, chairShared, chairRestricted, pro].map((client) => client.synced))

    const [toShare, kept, keptSource] = [marker(), marker(), marker()]
    const sharedId = addNote(pro.doc, {
      zone: 'past-harm',
      text: `Police information now disclosable: ${toShare}`,
      kind: 'fact',
      source: 'Police records',
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    addNote(pro.doc, {
      zone: 'past-harm',
      text: `Not yet disclosable: ${kept}`,
      source: keptSource,
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => readMap(chairRestricted.doc).notes.length === 2)

    const copyId = shareWithFamily(chairShared.doc, chairRestricted.doc, sharedId, chairOf(c), { now: 1_000 })
    await waitFor(() => readMap(familyTab.doc).notes.some((note) => note.id === copyId))
    await waitFor(() => readMap(pro.doc).notes.find((note) => note.id === sharedId)?.sharing !== undefined)
    await family.sync()
    expect(chairShared.refusals).toEqual([])
    expect(chairRestricted.refusals).toEqual([])

    // The copy is an ordinary shared note of the chair's; the original says when, by whom and as which note.
    const copy = readMap(familyTab.doc).notes.find((note) => note.id === copyId)
    expect(copy).toMatchObject({
      text: `Police information now disclosable: ${toShare}`,
      kind: 'fact',
      source: 'Police records',
      authorId: c.chair.participant.id,
      author: 'Ann Chair',
    })
    expect(readMap(pro.doc).notes.find((note) => note.id === sharedId)?.sharing).toEqual({
      at: 1_000,
      by: 'Ann Chair',
      as: copyId,
    })

    // Every byte the family received: the copy's words, and none of the rest — not the other note, not the
    // original's id, not the sharing mark.
    const received = [...family.raw.messages, Y.encodeStateAsUpdate(familyTab.doc)]
    expect(received.some((bytes) => contains(bytes, toShare))).toBe(true)
    for (const secret of [kept, keptSource, sharedId, 'sharedAs', 'sharedAt']) {
      expect(
        received.some((bytes) => contains(bytes, secret)),
        secret,
      ).toBe(false)
    }

    // The shared document's whole stored history holds exactly the copy: one note with those words, the chair's.
    const stored = await c.server.app.store.load(c.map.id)
    const history = [stored.snapshot ?? new Uint8Array(), ...stored.updates]
    for (const secret of [kept, keptSource, sharedId]) {
      expect(
        history.some((bytes) => contains(bytes, secret)),
        secret,
      ).toBe(false)
    }
    const rebuilt = new Y.Doc({ gc: false })
    for (const bytes of history) if (bytes.length > 0) Y.applyUpdate(rebuilt, bytes)
    const withWords = readMap(rebuilt).notes.filter((note) => note.text.includes(toShare))
    expect(withWords.map((note) => [note.id, note.authorId])).toEqual([[copyId, c.chair.participant.id]])
    expect(readMap(rebuilt).notes.map((note) => note.id)).toEqual(
      expect.arrayContaining([NOTES.pro, NOTES.family, NOTES.locked, copyId]),
    )
    expect(readMap(rebuilt).notes).toHaveLength(4)
  })

  it('a professional’s client writing the sharing mark is refused, with the rule', async () => {
    const c = (conference = await startConference())
    const pro = open(c, c.professional, 'professionals')
    await pro.synced
    const id = addNote(pro.doc, {
      zone: 'past-harm',
      text: 'Mine, restricted',
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(
      async () => (await c.server.app.store.load(roomNameOf(c.map.id, 'professionals'))).lastSeq > 0,
    )
    pro.doc.transact(() => {
      const note = pro.doc.getMap('notes').get(id) as Y.Map<unknown>
      note.set('sharedAt', 1_000)
      note.set('sharedBy', 'Sam Okafor')
      note.set('sharedAs', 'Qx8mP0aZb1cD2eF3')
    })
    await waitFor(() => pro.refusals.length === 1)
    expect(pro.refusals[0]).toMatchObject({ rule: 'SHARE-1' })
    await waitFor(() => readMap(pro.doc).notes[0]?.sharing === undefined)

    // The mark written into the shared document instead is refused too.
    const shared = open(c, c.professional, 'shared')
    await shared.synced
    shared.doc.transact(() => {
      const note = shared.doc.getMap('notes').get(NOTES.pro) as Y.Map<unknown>
      note.set('sharedAt', 1_000)
      note.set('sharedBy', 'Sam Okafor')
      note.set('sharedAs', NOTES.pro)
    })
    await waitFor(() => shared.refusals.length === 1)
    expect(shared.refusals[0]).toMatchObject({ rule: 'SHARE-1' })
  })
})

describe('[WITHDRAW-1] the chair withdraws a shared note with a reason', () => {
  it('the family sees it withdrawn with the reason; the author can no longer change it', async () => {
    const c = (conference = await startConference())
    const familyTab = open(c, c.family, 'shared')
    const chair = open(c, c.chair, 'shared')
    const author = open(c, c.professional, 'shared')
    await Promise.all([familyTab.synced, chair.synced, author.synced])

    withdrawNote(chair.doc, NOTES.pro, chairOf(c), 'Recorded on the wrong child’s map', 2_000)
    await waitFor(
      () => readMap(familyTab.doc).notes.find((note) => note.id === NOTES.pro)?.withdrawal !== undefined,
    )
    expect(readMap(familyTab.doc).notes.find((note) => note.id === NOTES.pro)).toMatchObject({
      text: 'Bruise seen at nursery',
      withdrawal: { at: 2_000, by: 'Ann Chair', reason: 'Recorded on the wrong child’s map' },
    })
    expect(chair.refusals).toEqual([])

    await waitFor(
      () => readMap(author.doc).notes.find((note) => note.id === NOTES.pro)?.withdrawal !== undefined,
    )
    updateNote(author.doc, NOTES.pro, { text: 'Nothing was seen' })
    await waitFor(() => author.refusals.length === 1)
    expect(author.refusals[0]).toMatchObject({ rule: 'WITHDRAW-2' })
    await waitFor(
      () =>
        readMap(author.doc).notes.find((note) => note.id === NOTES.pro)?.text === 'Bruise seen at nursery',
    )
    expect(readMap(c.serverDoc()).notes.find((note) => note.id === NOTES.pro)?.text).toBe(
      'Bruise seen at nursery',
    )
  })

  it('a professional or a family member withdrawing is refused, with the rule', async () => {
    const c = (conference = await startConference())
    const pro = open(c, c.professional, 'shared')
    const family = open(c, c.family, 'shared')
    await Promise.all([pro.synced, family.synced])
    withdrawNote(pro.doc, NOTES.pro, { name: 'Sam Okafor' }, 'I was wrong', 2_000)
    withdrawNote(family.doc, NOTES.family, { name: 'Mum' }, 'Take it back', 2_000)
    await waitFor(() => pro.refusals.length === 1 && family.refusals.length === 1)
    expect(pro.refusals[0]).toMatchObject({ rule: 'WITHDRAW-1' })
    expect(family.refusals[0]).toMatchObject({ rule: 'WITHDRAW-1' })
    await waitFor(() => readMap(family.doc).notes.every((note) => note.withdrawal === undefined))
    expect(readMap(c.serverDoc()).notes.every((note) => note.withdrawal === undefined)).toBe(true)
  })
})
