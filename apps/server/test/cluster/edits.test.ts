// Two instances serve one map: whichever a client connects to, it sees everyone's edits (decision 0047).
import { afterEach, describe, expect, it } from 'vitest'
import { addNote, readMap } from '@mapboard/map-model'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { createMapOn } from '../support/serverProcess.ts'
import { redisAnswers, startCluster } from './support/cluster.ts'
import type { TestCluster } from './support/cluster.ts'

const redis = await redisAnswers()
if (!redis) console.warn('cluster tests skipped: no Redis at MAPBOARD_TEST_REDIS_URL or 127.0.0.1:6379')

let cluster: TestCluster | undefined
const clients: TestClient[] = []

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await cluster?.close()
  cluster = undefined
})

const texts = (client: TestClient): string[] => readMap(client.doc).notes.map((note) => note.text)

describe.skipIf(!redis)('two instances', () => {
  it('clients of one map on different instances see each other’s edits', async () => {
    const c = (cluster = await startCluster(2))
    const [first, second] = c.instances as [(typeof c.instances)[0], (typeof c.instances)[0]]
    const map = await createMapOn(first, 'Two instances')
    const chair = await joinAs(first, map.links.chair, { name: 'Ann Chair', agency: 'Reviewing' })
    const worker = await joinAs(second, map.links.professional, { name: 'Sam Worker', agency: 'Social care' })
    const onFirst = connectClient(first, map.id, chair)
    clients.push(onFirst)
    await onFirst.synced
    const onSecond = connectClient(second, map.id, worker)
    clients.push(onSecond)
    await onSecond.synced

    addNote(onFirst.doc, { zone: 'past-harm', text: 'Written on the first', ...noteAuthor(chair) })
    await waitFor(() => texts(onSecond).includes('Written on the first'), 5000, {
      message: 'the second instance’s client never saw the first’s edit',
    })
    addNote(onSecond.doc, { zone: 'past-harm', text: 'Written on the second', ...noteAuthor(worker) })
    await waitFor(() => texts(onFirst).includes('Written on the second'), 5000, {
      message: 'the first instance’s client never saw the second’s edit',
    })
    expect(texts(onFirst).sort()).toEqual(texts(onSecond).sort())
  }, 60_000)
})
