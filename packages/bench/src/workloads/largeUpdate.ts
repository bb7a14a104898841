// One client sends a single ~5 MB update (thousands of long notes in one transaction, as an import would); the
// others wait for all of it.
import { ZONE_IDS } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import { connectAll, destroyAll, until } from '../load/connectAll.ts'
import { writeNote } from '../load/noteWriting.ts'
import { planRooms } from '../load/rooms.ts'
import type { Sampler } from '../load/Sampler.ts'
import { serverWindow } from '../load/Sampler.ts'
import type { Target } from '../load/Target.ts'
import { summarize } from '../stats/percentiles.ts'
import type { LargeUpdateResult } from './WorkloadResult.ts'

export interface LargeUpdateSpec {
  bytes: number
  timeoutMs: number
}

/** 1,000 characters: the longest text a note may have. */
const LONG_TEXT =
  'The school reports that attendance fell in the spring term and recovered after the review. '
    .repeat(11)
    .slice(0, 1000)

export async function runLargeUpdate(
  target: Target,
  spec: LargeUpdateSpec,
  sampler: Sampler,
): Promise<LargeUpdateResult> {
  const [room] = await planRooms(
    target,
    1,
    ['professional', 'chair', 'family', 'viewer', 'professional'],
    'large update',
  )
  if (room === undefined) throw new Error('no room')
  const { clients } = await connectAll(target, [room], 5)
  const seated = clients[0] ?? []
  const [writer, ...observers] = seated
  if (writer === undefined) throw new Error('no writer')

  // Each note costs about its text plus ~100 bytes of keys and fields.
  const count = Math.ceil(spec.bytes / (LONG_TEXT.length + 100))
  const arrived = new Array<number>(observers.length).fill(Number.NaN)
  const start = await sampler.sample({ gc: false, resetEventLoop: true, window: 'start' })
  let sentAt = Number.NaN
  let bytes = 0
  const doc = writer.client.doc
  // Registered after the provider's own listener: by the time it runs, the provider has handed the update to ws.
  doc.once('update', (update: Uint8Array) => {
    sentAt = performance.now()
    bytes = update.length
  })
  doc.transact(() => {
    for (let i = 0; i < count; i++)
      writeNote(doc, writer.seat, ZONE_IDS[i % ZONE_IDS.length] as ZoneId, `${i} ${LONG_TEXT}`.slice(0, 1000))
  })
  const total = doc.getMap('notes').size
  await until(
    () => {
      for (const [i, { client }] of observers.entries()) {
        if (Number.isNaN(arrived[i]) && client.doc.getMap('notes').size >= total)
          arrived[i] = performance.now()
      }
      return arrived.every((t) => !Number.isNaN(t)) || writer.client.closeCodes.length > 0
    },
    spec.timeoutMs,
    5,
  )
  // A refusal may come after some observers got it; give the rest a moment either way.
  await until(() => arrived.every((t) => !Number.isNaN(t)), 1000, 20)
  const end = await sampler.sample({ gc: false, resetEventLoop: true, window: 'end' })

  const latencies = arrived.filter((t) => !Number.isNaN(t)).map((t) => t - sentAt)
  const writerCloseCodes = [...writer.client.closeCodes]
  const observersConnected = observers.filter(({ client }) => client.closeCodes.length === 0).length
  destroyAll(clients)
  return {
    workload: 'update-5mb',
    bytes,
    outcome:
      latencies.length === observers.length ? 'delivered' : writerCloseCodes.length > 0 ? 'refused' : 'lost',
    expected: observers.length,
    delivered: latencies.length,
    latency: summarize(latencies),
    writerCloseCodes,
    observersConnected,
    server: serverWindow(start, end),
  }
}
