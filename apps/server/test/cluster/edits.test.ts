// Two instances serve one map: whichever a client connects to, it sees everyone's edits and the rules hold as on
// one server (decision 0047).
import { afterEach, expect, it } from 'vitest'
import { addNote, readMap, setLock } from '@mapboard/map-model'
import { noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { describeWithRedis } from './support/cluster.ts'
import { startClusterConference } from './support/clusterConference.ts'
import type { ClusterConference } from './support/clusterConference.ts'

let conference: ClusterConference | undefined

afterEach(async () => {
  await conference?.close()
  conference = undefined
})

const texts = (client: TestClient): string[] => readMap(client.doc).notes.map((note) => note.text)

/** The chair on the first instance (so it is the authority), a professional on the second; both in sync. */
async function chairAndWorker(c: ClusterConference): Promise<[TestClient, TestClient]> {
  const chair = c.connect(c.first, c.chair)
  await chair.synced
  const worker = c.connect(c.second, c.professional)
  await worker.synced
  return [chair, worker]
}

describeWithRedis('two instances', () => {
  it('clients of one map on different instances see each other’s edits', async () => {
    const c = (conference = await startClusterConference())
    const [onFirst, onSecond] = await chairAndWorker(c)

    addNote(onFirst.doc, { zone: 'past-harm', text: 'Written on the first', ...noteAuthor(c.chair) })
    await waitFor(() => texts(onSecond).includes('Written on the first'), 5000, {
      message: 'the second instance’s client never saw the first’s edit',
    })
    addNote(onSecond.doc, { zone: 'past-harm', text: 'Written on the second', ...noteAuthor(c.professional) })
    await waitFor(() => texts(onFirst).includes('Written on the second'), 5000, {
      message: 'the first instance’s client never saw the second’s edit',
    })
    expect(texts(onFirst).sort()).toEqual(texts(onSecond).sort())
  }, 60_000)

  it('[LOCK-1] a lock set through one instance refuses an edit sent through the other', async () => {
    const c = (conference = await startClusterConference())
    const [chair, worker] = await chairAndWorker(c)

    setLock(chair.doc, 'future-danger', true)
    await waitFor(() => readMap(worker.doc).locks.includes('future-danger'), 5000, {
      message: 'the lock never reached the other instance’s client',
    })
    addNote(worker.doc, {
      zone: 'future-danger',
      text: 'Into a locked section',
      ...noteAuthor(c.professional),
    })
    await waitFor(() => worker.refusals.length > 0, 5000, { message: 'the edit was not refused' })
    await waitFor(() => !texts(worker).includes('Into a locked section'), 5000, {
      message: 'the refused note did not snap back on its author’s device',
    })
    // A later edit from the chair has reached both, so anything the refused one left would have too.
    addNote(chair.doc, { zone: 'past-harm', text: 'After the refusal', ...noteAuthor(c.chair) })
    await waitFor(() => texts(worker).includes('After the refusal'))
    expect(texts(chair)).not.toContain('Into a locked section')
    expect(texts(worker)).not.toContain('Into a locked section')
  }, 60_000)
})
