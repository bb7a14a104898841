// `node --import tsx src/floodCost.ts`: what one flooding socket costs everyone else. Mapboard (SQLite, checks on)
// runs in its own process pinned to CPU 1; this process, on CPU 0, keeps 20 rooms editing normally (a writer adds a
// note every 200 ms, an observer times its arrival) and polls /healthz every 50 ms — first alone, then while one
// more participant sends 10,000 valid edits of their own note a second for 5 s. The two runs' p99s are compared
// (the ratio, measured minutes apart on the same machine) and written to the "Flood" section of
// docs/benchmarks.md. Goals (issue "No participant can break a map or stall the server"): other rooms' p99 ≤ 1.5×
// without the flood, /healthz never slower than 100 ms.
//
//   --quick      3 s windows instead of 5 s        --no-write   print only
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import WebSocket from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { readMap } from '@mapboard/map-model'
import { MessageType } from '@mapboard/protocol'
import { connectBenchClient } from './load/BenchClient.ts'
import type { BenchClient } from './load/BenchClient.ts'
import { createMapboardRoom } from './load/MapboardAccess.ts'
import type { MapboardRoom } from './load/MapboardAccess.ts'
import { rewriteNote, writeNote } from './load/noteWriting.ts'
import type { Seat } from './load/Seat.ts'
import type { Target } from './load/Target.ts'
import { httpUrl, seatPort } from './load/Target.ts'
import { ChildGroup } from './orchestrator/ChildGroup.ts'
import { ServerProcess } from './orchestrator/ServerProcess.ts'
import { loadAverage, machineInfo } from './report/environment.ts'
import { writeSection } from './report/replaceSection.ts'
import { serverKind } from './servers/serverKinds.ts'
import { summarize } from './stats/percentiles.ts'
import type { LatencySummary } from './stats/percentiles.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
})
const WINDOW_MS = values.quick ? 3000 : 5000
const ROOMS = 20
const EDIT_INTERVAL_MS = 200
const FLOOD_PER_SECOND = 10_000
const HEALTH_INTERVAL_MS = 50
const GOAL_P99_RATIO = 1.5
const GOAL_HEALTHZ_MS = 100
const DOC = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url))

interface WindowResult {
  edits: LatencySummary
  healthz: LatencySummary
  /** Edits sent in the window that never arrived at their observer. */
  lost: number
}

interface FloodResult {
  sent: number
  applied: number
  closeCode: number | null
  closedAfterMs: number | null
}

interface QuietRoom {
  writer: BenchClient
  observer: BenchClient
  seat: Seat
}

async function quietRooms(target: Target): Promise<QuietRoom[]> {
  const rooms: QuietRoom[] = []
  for (let i = 0; i < ROOMS; i++) {
    const room = await createMapboardRoom(httpUrl(target), `Quiet ${i}`, ['professional', 'family'])
    const [seat, watcher] = room.seats as [Seat, Seat]
    const writer = connectBenchClient(target, room.mapId, { token: seat.token ?? '', timeoutMs: 30_000 })
    const observer = connectBenchClient(target, room.mapId, { token: watcher.token ?? '', timeoutMs: 30_000 })
    await Promise.all([writer.synced, observer.synced])
    rooms.push({ writer, observer, seat })
  }
  return rooms
}

/** Normal editing in every quiet room, and /healthz, for WINDOW_MS. */
async function measureWindow(
  target: Target,
  rooms: readonly QuietRoom[],
  label: string,
): Promise<WindowResult> {
  const latencies: number[] = []
  const healthz: number[] = []
  let sent = 0
  const timers: NodeJS.Timeout[] = []
  for (const [r, room] of rooms.entries()) {
    const notes = room.observer.doc.getMap('notes')
    const sentAt = new Map<string, number>()
    notes.observe(() => {
      for (const note of readMap(room.observer.doc).notes) {
        const at = sentAt.get(note.text)
        if (at === undefined) continue
        latencies.push(performance.now() - at)
        sentAt.delete(note.text)
      }
    })
    // Rooms start their edits spread over one interval, as people do.
    const start = setTimeout(
      () => {
        timers.push(
          setInterval(() => {
            const text = `${label} ${r} ${sent++}`
            sentAt.set(text, performance.now())
            writeNote(room.writer.doc, room.seat, 'existing-strengths', text)
          }, EDIT_INTERVAL_MS),
        )
      },
      (r * EDIT_INTERVAL_MS) / rooms.length,
    )
    timers.push(start)
  }
  let polling = true
  const poll = (async () => {
    while (polling) {
      const began = performance.now()
      await fetch(`${httpUrl(target)}/healthz`).then((response) => response.arrayBuffer())
      healthz.push(performance.now() - began)
      await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS))
    }
  })()
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
  for (const timer of timers) clearInterval(timer)
  polling = false
  await poll
  // Late arrivals still count, for up to 5 s.
  const deadline = performance.now() + 5000
  while (latencies.length < sent && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { edits: summarize(latencies), healthz: summarize(healthz), lost: sent - latencies.length }
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A participant of its own map, with `count` valid edits of its own note made in advance. */
async function floodFrames(
  target: Target,
  count: number,
): Promise<{ room: MapboardRoom; frames: Uint8Array[] }> {
  const room = await createMapboardRoom(httpUrl(target), 'Flood', ['professional'])
  const [seat] = room.seats as [Seat]
  const doc = new Y.Doc()
  const frames: Uint8Array[] = []
  let before = Y.encodeStateVector(doc)
  const id = writeNote(doc, seat, 'past-harm', 'flood 0')
  frames.push(updateFrame(Y.encodeStateAsUpdate(doc, before)))
  for (let i = 1; i < count; i++) {
    before = Y.encodeStateVector(doc)
    rewriteNote(doc, id, `flood ${i}`)
    frames.push(updateFrame(Y.encodeStateAsUpdate(doc, before)))
  }
  return { room, frames }
}

/** Sends the frames at FLOOD_PER_SECOND from the moment the socket opens, never waiting for the server. */
function startFlood(target: Target, room: MapboardRoom, frames: readonly Uint8Array[]): Promise<FloodResult> {
  const token = room.seats[0]?.token ?? ''
  const socket = new WebSocket(
    `ws://127.0.0.1:${seatPort(target.ports, 0)}/sync/${room.mapId}?token=${encodeURIComponent(token)}`,
  )
  return new Promise((resolve) => {
    let sent = 0
    let opened = 0
    let timer: NodeJS.Timeout | undefined
    socket.on('error', () => {})
    socket.on('open', () => {
      opened = performance.now()
      const perTick = FLOOD_PER_SECOND / 100
      timer = setInterval(() => {
        for (let i = 0; i < perTick && sent < frames.length; i++) {
          const frame = frames[sent++]
          if (frame !== undefined && socket.readyState === WebSocket.OPEN) socket.send(frame)
        }
        if (sent >= frames.length) clearInterval(timer)
      }, 10)
    })
    socket.on('close', (code) => {
      clearInterval(timer)
      resolve({ sent, applied: 0, closeCode: code, closedAfterMs: performance.now() - opened })
    })
    // Still open once everything was sent and a little more: the server never closed it.
    setTimeout(
      () => {
        if (socket.readyState !== WebSocket.OPEN) return
        clearInterval(timer)
        socket.terminate()
        resolve({ sent, applied: 0, closeCode: null, closedAfterMs: null })
      },
      (frames.length / FLOOD_PER_SECOND) * 1000 + 10_000,
    )
  })
}

/** How many of the flood's edits the server applied: the highest edit number a fresh client reads. */
async function appliedFloodEdits(target: Target, room: MapboardRoom): Promise<number> {
  const client = connectBenchClient(target, room.mapId, {
    token: room.seats[0]?.token ?? '',
    timeoutMs: 30_000,
  })
  try {
    await client.synced
    const texts = readMap(client.doc).notes.map((note) => Number(/^flood (\d+)$/.exec(note.text)?.[1] ?? 0))
    return Math.max(0, ...texts)
  } finally {
    client.destroy()
  }
}

const ms = (value: number): string => `${value.toFixed(1)} ms`

function report(
  quiet: WindowResult,
  flooded: WindowResult,
  flood: FloodResult,
  environment: string,
  load: string,
): string {
  const ratio = flooded.edits.p99 / quiet.edits.p99
  const verdict = (met: boolean) => (met ? 'met' : '**missed**')
  const row = (name: string, w: WindowResult) =>
    `| ${name} | ${w.edits.count} | ${ms(w.edits.p50)} | ${ms(w.edits.p99)} | ${ms(w.edits.max)} | ${w.lost} | ${ms(w.healthz.p99)} | ${ms(w.healthz.max)} |`
  return [
    '## Flood: one socket at 10,000 valid edits a second',
    '',
    `${environment}; load average ${load}. \`pnpm bench\` (src/floodCost.ts), ${WINDOW_MS / 1000} s windows. Mapboard`,
    'with SQLite and the checks on, in its own process on CPU 1; 20 rooms each with a writer adding a note every',
    '200 ms and an observer timing it, /healthz polled every 50 ms. The flood: one more participant, in a map of',
    'its own, sending valid edits of its own note at 10,000 a second.',
    '',
    '| window | edits | p50 | p99 | max | lost | /healthz p99 | /healthz max |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('without the flood', quiet),
    row('with the flood', flooded),
    '',
    `- Other rooms' p99 with the flood: **${ratio.toFixed(2)}×** without it (goal ≤ ${GOAL_P99_RATIO}×: ${verdict(ratio <= GOAL_P99_RATIO)}).`,
    `- /healthz slowest during the flood: **${ms(flooded.healthz.max)}** (goal ≤ ${GOAL_HEALTHZ_MS} ms: ${verdict(flooded.healthz.max <= GOAL_HEALTHZ_MS)}).`,
    `- The flooding socket: ${flood.sent} edits sent, ${flood.applied} applied, closed with ${flood.closeCode ?? 'nothing'}` +
      (flood.closedAfterMs === null
        ? ' (never closed).'
        : ` after ${(flood.closedAfterMs / 1000).toFixed(1)} s.`),
  ].join('\n')
}

const group = new ChildGroup()
const stopAll = () => {
  void group.stopAll().then(() => process.exit(1))
}
process.once('SIGINT', stopAll)
process.once('SIGTERM', stopAll)

try {
  const kind = serverKind('mapboard')
  const server = await ServerProcess.start(kind, group, { cpu: 1, unloadGraceMs: 30_000 })
  const target: Target = {
    serverId: kind.id,
    family: kind.family,
    protocol: kind.protocol,
    ports: [server.port],
  }
  const rooms = await quietRooms(target)
  const { room: floodRoom, frames } = await floodFrames(target, (FLOOD_PER_SECOND * WINDOW_MS) / 1000)

  const quiet = await measureWindow(target, rooms, 'quiet')
  const flooding = startFlood(target, floodRoom, frames)
  const flooded = await measureWindow(target, rooms, 'flooded')
  const flood = await flooding
  flood.applied = await appliedFloodEdits(target, floodRoom)

  for (const room of rooms) {
    room.writer.destroy()
    room.observer.destroy()
  }
  await server.stop()
  const machine = machineInfo()
  const environment = `${new Date().toISOString().slice(0, 10)}, ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`
  const body = report(quiet, flooded, flood, environment, loadAverage().toFixed(2))
  process.stdout.write(`${body}\n`)
  if (!values['no-write']) await writeSection(DOC, 'flood', body)
} finally {
  await group.stopAll()
}
