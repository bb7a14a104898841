// The family's device on one instance, the professionals and the chair on the other: a relayed client gets what
// the authority decides for it alone, as a local one would — never a scaling answer before the reveal, never a
// byte of the professionals' document (architecture.md, "Audiences"; decision 0047).
import { randomBytes } from 'node:crypto'
import { afterEach, expect, it } from 'vitest'
import { addNote, readConference, readMap } from '@mapboard/map-model'
import { roomNameOf } from '@mapboard/protocol'
import { connectRawSocket, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { RawSocket } from '@mapboard/test-kit'
import { api } from '../support/api.ts'
import { syncStep1Frame } from '../support/frames.ts'
import { framesContain, receivedDoc } from '../support/receivedDoc.ts'
import { describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined
const raws: RawSocket[] = []

afterEach(async () => {
  for (const raw of raws.splice(0)) raw.socket.close()
  await conference?.close()
  conference = undefined
})

const marker = (what: string): string => `${what}-${randomBytes(6).toString('hex')}`

describeWithRedis('a family device on another instance than the authority', () => {
  it('never receives a scaling answer or a byte of the professionals’ document, and still gets the shared map', async () => {
    const c = (conference = await startClusterConference())
    const professionals = roomNameOf(c.map.id, 'professionals')
    // The chair's clients make the first instance the authority of both documents.
    const chair = c.connect(c.first, c.chair)
    const chairRestricted = c.connect(c.first, c.chair, { room: professionals })
    await Promise.all([chair.synced, chairRestricted.synced])

    // The family's device on the second instance is a bare socket: every byte it is sent is recorded.
    const family = connectRawSocket(c.second, c.map.id, c.family.token)
    raws.push(family)
    await family.send(syncStep1Frame())
    const refused = connectRawSocket(c.second, professionals, c.family.token)
    raws.push(refused)
    expect((await refused.upgrade).status).toBe(403)

    // A professional on the second instance too, writing in both documents through it.
    const worker = c.connect(c.second, c.professional)
    const workerRestricted = c.connect(c.second, c.professional, { room: professionals })
    await Promise.all([worker.synced, workerRestricted.synced])
    const restricted = marker('POLICE')
    addNote(workerRestricted.doc, {
      zone: 'past-harm',
      text: `Police information: ${restricted}`,
      audience: 'professionals',
      ...noteAuthor(c.professional),
    })
    await waitFor(
      () => readMap(chairRestricted.doc).notes.some((note) => note.text.includes(restricted)),
      5000,
      {
        message: 'the restricted note never reached the authority’s professionals',
      },
    )

    // A scaling round, opened and answered at the authority; the answers stay off every device until the reveal.
    const opened = await api(c.first.url, 'POST', `/api/maps/${c.map.id}/scaling`, c.chair.token, {
      subject: 'overall',
      chairScales: false,
    })
    expect(opened.status, JSON.stringify(opened.body)).toBe(201)
    const { roundId } = opened.body as { roundId: string }
    const reason = marker('REASON')
    const answered = await api(
      c.first.url,
      'PUT',
      `/api/maps/${c.map.id}/scaling/${roundId}/submission`,
      c.professional.token,
      { score: 3, reason },
    )
    expect(answered.status, JSON.stringify(answered.body)).toBe(200)

    addNote(worker.doc, { zone: 'past-harm', text: 'Shared worry', ...noteAuthor(c.professional) })
    // The family's relay is live: the count of answers and the shared note reach it through the second instance.
    await waitFor(
      () => {
        const doc = receivedDoc(family.messages)
        const round = readConference(doc).rounds.find((candidate) => candidate.id === roundId)
        const shared = readMap(doc).notes.some((note) => note.text === 'Shared worry')
        doc.destroy()
        return round?.count === 1 && shared
      },
      5000,
      { message: 'the shared map did not reach the family’s device on the other instance' },
    )
    expect(framesContain(family.messages, restricted)).toBe(false)
    expect(framesContain(family.messages, reason)).toBe(false)
  }, 60_000)
})
