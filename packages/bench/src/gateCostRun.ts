// One side of the gate-cost benchmark: a Mapboard server (buildApp, SQLite as shipped) in this process, with or
// without its permission rules, a map with three writers and three observers on real y-websocket clients, and
// the seeded edits of gateCostPlan.ts played against it. Latency is from just before a writer's command to the
// moment an observer's document holds the edit (its state for the writer's client id reaches the edit's clock).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { addNote, moveNote, setLock, updateNote } from '@mapboard/map-model'
import { buildApp, permissionRules } from '@mapboard/server'
import type { MapboardApp, RulesFactory } from '@mapboard/server'
import { createMapboardRoom } from './load/MapboardAccess.ts'
import type { Seat } from './load/Seat.ts'
import { GATE_LOCKED, GATE_OBSERVERS, GATE_WRITER_ROLES } from './gateCostPlan.ts'
import type { GateEdit } from './gateCostPlan.ts'

export interface GateSide {
  readonly name: string
  /** Edit-to-observe latencies (ms), one per edit per observer, in the order they were seen. */
  readonly latencies: number[]
  /** With rules: time spent judging (inspect + index upkeep), ms in total, and how many transactions refused. */
  readonly rulesMs: number
  readonly refused: number
  /** Runs `edits` at one every `intervalMs`, and resolves when every observer has seen all of them. */
  play(edits: readonly GateEdit[], intervalMs: number): Promise<void>
  /** Note texts by zone as every client reads them now (the same on both sides when all went through). */
  texts(): string[]
  close(): Promise<void>
}

interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
  synced: Promise<void>
}

/** ws implements the browser WebSocket API y-websocket uses; its TypeScript class is declared separately. */
const BrowserWebSocket = WebSocket as unknown as typeof globalThis.WebSocket

function connect(port: number, mapId: string, token: string): Client {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/sync`, mapId, doc, {
    params: { token },
    WebSocketPolyfill: BrowserWebSocket,
    disableBc: true,
  })
  const synced = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('a client did not sync within 10 s')), 10_000)
    provider.on('sync', (state: boolean) => {
      if (!state) return
      clearTimeout(timer)
      resolve()
    })
  })
  return { doc, provider, synced }
}

export async function startGateSide(name: string, withRules: boolean): Promise<GateSide> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mapboard-gate-'))
  let rulesMs = 0
  let refused = 0
  // The server's own rules, timed: what the gate spends judging is the cost this benchmark is about.
  const timed: RulesFactory = (doc, audience) => {
    const rules = permissionRules(doc, audience)
    return {
      inspect(transaction, author) {
        const start = performance.now()
        const verdict = rules.inspect(transaction, author)
        rulesMs += performance.now() - start
        if (!verdict.allowed) refused++
        return verdict
      },
      observe(transaction) {
        const start = performance.now()
        rules.observe?.(transaction)
        rulesMs += performance.now() - start
      },
    }
  }
  const app: MapboardApp = buildApp({
    dataDir,
    secret: randomBytes(32).toString('base64url'),
    logger: false,
    rules: withRules ? timed : false,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  const room = await createMapboardRoom(`http://127.0.0.1:${port}`, `Gate cost (${name})`, [
    ...GATE_WRITER_ROLES,
    ...Array.from({ length: GATE_OBSERVERS }, () => 'viewer' as const),
  ])
  const writerSeats = room.seats.slice(0, GATE_WRITER_ROLES.length)
  const writers = writerSeats.map((seat) => connect(port, room.mapId, seat.token ?? ''))
  const observers = room.seats
    .slice(GATE_WRITER_ROLES.length)
    .map((seat) => connect(port, room.mapId, seat.token ?? ''))
  const everyone = [...writers, ...observers]
  await Promise.all(everyone.map((client) => client.synced))

  const [chair] = writers
  if (chair === undefined) throw new Error('no chair')
  for (const zone of GATE_LOCKED) setLock(chair.doc, zone, true)
  await until(() =>
    observers.every(
      (o) => Y.getState(o.doc.store, chair.doc.clientID) === Y.getState(chair.doc.store, chair.doc.clientID),
    ),
  )

  const latencies: number[] = []
  /** Per observer and writer: the edits not seen yet, oldest first (a writer's edits arrive in order). */
  const waiting = observers.map(() => writers.map(() => [] as Array<{ clock: number; t0: number }>))
  let outstanding = 0
  observers.forEach((observer, o) => {
    observer.doc.on('update', () => {
      const now = performance.now()
      writers.forEach((writer, w) => {
        const queue = waiting[o]?.[w]
        if (queue === undefined || queue.length === 0) return
        const state = Y.getState(observer.doc.store, writer.doc.clientID)
        while (queue.length > 0 && (queue[0]?.clock ?? Infinity) <= state) {
          const seen = queue.shift()
          if (seen !== undefined) latencies.push(now - seen.t0)
          outstanding--
        }
      })
    })
  })

  const ids = writers.map(() => [] as string[])
  const run = (edit: GateEdit): void => {
    const writer = writers[edit.writer]
    const seat = writerSeats[edit.writer]
    const own = ids[edit.writer]
    if (writer === undefined || seat === undefined || own === undefined) throw new Error('no such writer')
    const t0 = performance.now()
    apply(writer.doc, seat, own, edit)
    const clock = Y.getState(writer.doc.store, writer.doc.clientID)
    for (const queues of waiting) {
      queues[edit.writer]?.push({ clock, t0 })
      outstanding++
    }
  }

  return {
    name,
    latencies,
    get rulesMs() {
      return rulesMs
    },
    get refused() {
      return refused
    },
    async play(edits, intervalMs) {
      const start = performance.now()
      for (const [i, edit] of edits.entries()) {
        const due = start + i * intervalMs
        const wait = due - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        run(edit)
      }
      await until(() => outstanding === 0, 30_000)
    },
    texts() {
      const doc = observers[0]?.doc
      if (doc === undefined) return []
      const notes = doc.getMap('notes')
      return [...notes.values()]
        .map((note) =>
          note instanceof Y.Map ? `${String(note.get('zone'))}: ${String(note.get('text'))}` : '',
        )
        .sort()
    },
    async close() {
      for (const client of everyone) {
        client.provider.destroy()
        client.doc.destroy()
      }
      await app.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** One edit, on the writer's own notes only, so the rules accept every one of them. */
function apply(doc: Y.Doc, seat: Seat, own: string[], edit: GateEdit): void {
  const author = { author: seat.name, authorId: seat.participantId, agency: seat.agency }
  const target = own.length === 0 ? undefined : own[edit.pick % own.length]
  if (edit.kind === 'add' || target === undefined) {
    own.push(addNote(doc, { zone: edit.zone, text: edit.text, id: edit.id, createdAt: 1, ...author }))
  } else if (edit.kind === 'update') {
    updateNote(doc, target, { text: edit.text })
  } else {
    moveNote(doc, target, { zone: edit.zone, index: edit.pick % 5 })
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gate-cost: condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
