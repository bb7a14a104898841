// Rooms of clients editing at a fixed rate; every other client in the room records when each edit arrives.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { ZONE_IDS, readMap, setLock } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import { summarize } from '../stats/percentiles.ts'
import { connectAll, destroyAll, sleep, until } from '../load/connectAll.ts'
import { EditLedger, observeEdits } from '../load/EditLedger.ts'
import type { Observations } from '../load/EditLedger.ts'
import { stampText } from '../load/editStamp.ts'
import { rewriteNote, writeNote } from '../load/noteWriting.ts'
import { runOpenLoop } from '../load/OpenLoop.ts'
import { seededRandom } from '../load/seededRandom.ts'
import type { ScheduledWriter } from '../load/OpenLoop.ts'
import { planRooms } from '../load/rooms.ts'
import type { Sampler } from '../load/Sampler.ts'
import { serverWindow } from '../load/Sampler.ts'
import { seatRoles } from '../load/Seat.ts'
import type { Target } from '../load/Target.ts'
import type { EditLoadResult } from './WorkloadResult.ts'

export interface EditLoadSpec {
  workload: EditLoadResult['workload']
  rooms: number
  clientsPerRoom: number
  writersPerRoom: number
  /** Per writer. */
  editsPerSecond: number
  warmupMs: number
  measureMs: number
  /** Longest wait, after the last edit, for the last deliveries. */
  drainMs: number
  /** Share of edits aimed at a section the chair has locked (revert-heavy); 0 otherwise. */
  lockedShare: number
}

/** The section the chair locks in revert-heavy. */
const LOCKED_ZONE: ZoneId = 'past-harm'
const OPEN_ZONES = ZONE_IDS.filter((zone) => zone !== LOCKED_ZONE)
/** A writer keeps editing its last few notes, and adds a new one every third edit. */
const OWN_NOTES = 4

export async function runEditLoad(
  target: Target,
  spec: EditLoadSpec,
  sampler: Sampler,
): Promise<EditLoadResult> {
  const roles = seatRoles(spec.clientsPerRoom, spec.writersPerRoom)
  const rooms = await planRooms(target, spec.rooms, roles, spec.workload)
  const { clients, sync } = await connectAll(target, rooms, 25)

  if (spec.lockedShare > 0) {
    for (const room of clients) {
      const chair = room.find(({ seat }) => seat.role === 'chair')
      if (chair === undefined) throw new Error('revert-heavy needs a chair in every room')
      setLock(chair.client.doc, LOCKED_ZONE, true)
    }
    const locked = await until(
      () =>
        clients.every((room) => room.every(({ client }) => readMap(client.doc).locks.includes(LOCKED_ZONE))),
      10_000,
    )
    if (!locked) throw new Error('the lock did not reach every client')
  }

  const ledger = new EditLedger()
  const seen: Observations = { latencies: [], leaked: 0 }
  const reverts = { sent: 0, latencies: [] as number[] }
  const random = seededRandom(0x5eed)
  const writers: ScheduledWriter[] = []
  const writerRooms: number[] = []
  const unobserve: Array<() => void> = []
  const periodMs = 1000 / spec.editsPerSecond

  for (const [r, room] of clients.entries()) {
    for (const { seat, client } of room) {
      const doc = client.doc
      if (seat.role !== 'professional') {
        unobserve.push(observeEdits(doc, undefined, ledger, seen))
        continue
      }
      const id = ledger.addWriter()
      writerRooms.push(r)
      unobserve.push(observeEdits(doc, id, ledger, seen))
      const own: string[] = []
      /** Notes this writer put in the locked section, until the server's revert removes them. */
      const pendingReverts = new Map<string, number>()
      if (spec.lockedShare > 0) {
        const notes = doc.getMap<unknown>('notes')
        notes.observe((event) => {
          const now = performance.now()
          for (const [key, change] of event.changes.keys) {
            const intended = pendingReverts.get(key)
            if (change.action !== 'delete' || intended === undefined) continue
            pendingReverts.delete(key)
            if (ledger.inWindow(intended)) reverts.latencies.push(now - intended)
          }
        })
      }
      let lockedSeq = 0
      writers.push({
        phaseMs: random() * periodMs,
        edit(intended) {
          if (spec.lockedShare > 0 && random() < spec.lockedShare) {
            const note = writeNote(doc, seat, LOCKED_ZONE, stampText(id, ++lockedSeq, intended, true))
            pendingReverts.set(note, intended)
            if (ledger.inWindow(intended)) reverts.sent++
            return
          }
          const seq = ledger.record(id, intended)
          const text = stampText(id, seq, intended)
          if (own.length < OWN_NOTES || seq % 3 === 0) {
            own.push(writeNote(doc, seat, OPEN_ZONES[(id + seq) % OPEN_ZONES.length] as ZoneId, text))
            if (own.length > OWN_NOTES) own.shift()
          } else {
            rewriteNote(doc, own[seq % own.length] as string, text)
          }
        },
      })
    }
  }

  // The load generator's own event-loop delay: how late a 10 ms timer fires beyond its 10 ms.
  const loadDelay = monitorEventLoopDelay({ resolution: 10 })
  const startMs = performance.now() + 100
  const windowStart = startMs + spec.warmupMs
  const windowEnd = windowStart + spec.measureMs
  ledger.setWindow(windowStart, windowEnd)
  const startSample = sleep(windowStart - performance.now()).then(() => {
    loadDelay.enable()
    return sampler.sample({ gc: false, resetEventLoop: true, window: 'start' })
  })
  const loop = await runOpenLoop(writers, periodMs, startMs, windowEnd)
  const endSample = await sampler.sample({ gc: false, resetEventLoop: true, window: 'end' })
  loadDelay.disable()

  const observersPerRoom = spec.clientsPerRoom - 1
  let sent = 0
  for (let w = 0; w < writers.length; w++) sent += ledger.editsInWindow(w)
  const expected = sent * observersPerRoom
  await until(() => seen.latencies.length >= expected, spec.drainMs, 50)

  for (const stop of unobserve) stop()
  const disconnects = clients.flat().reduce((sum, { client }) => sum + client.closeCodes.length, 0)
  destroyAll(clients)

  const server = serverWindow(await startSample, endSample)
  const delivered = seen.latencies.length
  const result: EditLoadResult = {
    workload: spec.workload,
    rooms: spec.rooms,
    clientsPerRoom: spec.clientsPerRoom,
    writersPerRoom: spec.writersPerRoom,
    editsPerSecond: spec.editsPerSecond,
    windowMs: spec.measureMs,
    sent,
    expected,
    delivered,
    latency: summarize(seen.latencies),
    sync,
    server,
    cpuPerDeliveryUs: delivered === 0 ? Number.NaN : (server.cpuSeconds * 1e6) / delivered,
    loadGenerator: {
      eventLoopP99: loadDelay.count === 0 ? 0 : Math.max(0, loadDelay.percentile(99) / 1e6 - 10),
      latenessP99: summarize(loop.lateness).p99,
    },
    disconnects,
  }
  if (spec.lockedShare > 0) {
    result.reverts = {
      sent: reverts.sent,
      reverted: reverts.latencies.length,
      latency: summarize(reverts.latencies),
      leaked: seen.leaked,
    }
  }
  // Let the server see the clients go before the next workload measures it.
  await sleep(300)
  return result
}
