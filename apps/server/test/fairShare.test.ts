// One connection must never stall the server: a flood of valid edits is slowed to the connection's budget and,
// if it goes on, closed with 4429, while other maps and /healthz stay prompt (rooms/FrameBudget.ts, Connection.ts).
import { randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AUDIENCES, addNote, readMap, updateNote } from '@mapboard/map-model'
import type { Audience } from '@mapboard/map-model'
import { CloseCode, roomNameOf } from '@mapboard/protocol'
import type { CreateMapResponse } from '@mapboard/protocol'
import { connectClient, noteAuthor, tokenFromLink, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { DEFAULT_INTAKE_LIMITS } from '../src/rooms/FrameBudget.ts'
import { TOO_FAST_REASON } from '../src/rooms/Connection.ts'
import { awarenessFrame, updateFrame } from './support/frames.ts'
import { bytesContain } from './support/download.ts'
import { HostileClient } from './support/hostileClient.ts'

let server: TestServer
const clients: TestClient[] = []
const hostile: HostileClient[] = []

beforeEach(async () => {
  server = await startServer()
})

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const client of hostile.splice(0)) client.close()
  await server.close()
})

function connect(map: CreateMapResponse, role: keyof CreateMapResponse['links']): TestClient {
  const client = connectClient(server, map.id, tokenFromLink(map.links[role]))
  clients.push(client)
  return client
}

async function connectHostile(
  map: CreateMapResponse,
  role: keyof CreateMapResponse['links'] = 'professional',
  audience: Audience = 'shared',
): Promise<HostileClient> {
  const client = await HostileClient.connect(
    server,
    roomNameOf(map.id, audience),
    tokenFromLink(map.links[role]),
    { answer: role === 'family' || role === 'viewer' },
  )
  hostile.push(client)
  return client
}

/**
 * `count` valid edits of one note of the client's own, each its own update (made before the clock starts), in the
 * `audience` document; the note's source is `source`.
 */
function ownNoteEdits(
  client: HostileClient,
  map: CreateMapResponse,
  count: number,
  audience: Audience = 'shared',
  source = '',
): Uint8Array[] {
  const doc = client.doc
  const before = Y.encodeStateVector(doc)
  const id = addNote(doc, {
    zone: 'past-harm',
    text: 'edit 0',
    audience,
    source,
    ...noteAuthor(tokenFromLink(map.links.professional)),
  })
  const frames = [updateFrame(Y.encodeStateAsUpdate(doc, before))]
  for (let i = 1; i < count; i++) {
    const sv = Y.encodeStateVector(doc)
    updateNote(doc, id, { text: `edit ${i}` })
    frames.push(updateFrame(Y.encodeStateAsUpdate(doc, sv)))
  }
  return frames
}

/** The highest edit number of the flooder's note that the server has applied (in room `roomName`). */
function appliedEdits(roomName: string): number {
  const room = server.app.rooms.getLoaded(roomName)
  if (room === undefined) return 0
  const texts = room.read(readMap).notes.map((note) => Number(/^edit (\d+)$/.exec(note.text)?.[1] ?? 0))
  return Math.max(0, ...texts)
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

describe('fair share for every connection', () => {
  it('[RATE-1] a socket flooding valid edits at 10,000/s is slowed to its budget, then closed with 4429; another map and /healthz stay prompt', async () => {
    const [flooded, quiet] = await Promise.all([server.createMap('Flooded'), server.createMap('Quiet')])
    const flooder = await connectHostile(flooded)
    const frames = ownNoteEdits(flooder, flooded, 40_000)
    const alice = connect(quiet, 'professional')
    const bob = connect(quiet, 'chair')
    await Promise.all([alice.synced, bob.synced])

    // 100 frames every 10 ms for 4 s: 10,000 a second, written without waiting for the server.
    const started = performance.now()
    let sent = 0
    const flood = setInterval(() => {
      for (let i = 0; i < 100 && sent < frames.length; i++) {
        const frame = frames[sent++]
        if (frame !== undefined && flooder.open) flooder.raw.socket.send(frame)
      }
      if (sent >= frames.length || !flooder.open) clearInterval(flood)
    }, 10)

    const healthz: number[] = []
    const edits: number[] = []
    let appliedAtOneSecond = 0
    const oneSecond = setTimeout(() => {
      appliedAtOneSecond = appliedEdits(flooded.id)
    }, 1000)
    try {
      for (let round = 0; round < 12; round++) {
        healthz.push(await timed(() => fetch(`${server.url}/healthz`).then((r) => r.json())))
        const text = `quiet edit ${round}`
        edits.push(
          await timed(async () => {
            addNote(alice.doc, {
              zone: 'existing-strengths',
              text,
              ...noteAuthor(tokenFromLink(quiet.links.professional)),
            })
            await waitFor(() => readMap(bob.doc).notes.some((note) => note.text === text), 10_000)
          }),
        )
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      const closed = await flooder.raw.closed
      const closedAfter = performance.now() - started

      expect(closed.code).toBe(CloseCode.TooManyRefusals)
      expect(closed.reason).toBe(TOO_FAST_REASON)
      // Held back for maxThrottledMs (3 s) before closing, not cut off at the first burst, nor let run for the 4 s.
      expect(closedAfter).toBeGreaterThan(DEFAULT_INTAKE_LIMITS.maxThrottledMs)
      expect(closedAfter).toBeLessThan(DEFAULT_INTAKE_LIMITS.maxThrottledMs + 3000)
      // Slowed: in its first second, the burst and a second's worth of its budget at most — not 10,000 edits.
      const { documentFrameBurst, documentFramesPerSecond } = DEFAULT_INTAKE_LIMITS
      expect(appliedAtOneSecond).toBeGreaterThan(0)
      expect(appliedAtOneSecond).toBeLessThanOrEqual(documentFrameBurst + documentFramesPerSecond * 1.5)
      expect(appliedEdits(flooded.id)).toBeLessThan(sent / 10)
      // Before: /healthz took 13.7 s and an edit on another map 16 s during such a flood. Bounds with a wide margin
      // for a shared 2-core machine; the benchmark ("flood") measures the real figures.
      expect(Math.max(...healthz)).toBeLessThan(500)
      expect(Math.max(...edits)).toBeLessThan(1000)
    } finally {
      clearInterval(flood)
      clearTimeout(oneSecond)
    }
  })

  it('[RATE-2] an awareness flood is slowed and closed the same way, and the map keeps its document', async () => {
    const map = await server.createMap('Awareness flood')
    const flooder = await connectHostile(map)
    const watcher = connect(map, 'chair')
    await watcher.synced
    const clientId = flooder.doc.clientID
    let relayed = 0
    watcher.provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }) => {
      if ([...added, ...updated].includes(clientId)) relayed++
    })
    const started = performance.now()
    let clock = 0
    const flood = setInterval(() => {
      for (let i = 0; i < 100 && flooder.open; i++) {
        clock++
        flooder.raw.socket.send(awarenessFrame([{ clientId, clock, state: { cursor: { x: clock, y: 0 } } }]))
      }
      if (!flooder.open) clearInterval(flood)
    }, 10)
    try {
      const closed = await flooder.raw.closed
      expect(closed.code).toBe(CloseCode.TooManyRefusals)
      expect(closed.reason).toBe(TOO_FAST_REASON)
      const seconds = (performance.now() - started) / 1000
      // The others saw a slowed stream — the burst and the budget's rate — not every one of the flood's states.
      const { awarenessFrameBurst, awarenessFramesPerSecond } = DEFAULT_INTAKE_LIMITS
      expect(clock).toBeGreaterThan(awarenessFrameBurst * 10)
      expect(relayed).toBeGreaterThan(0)
      expect(relayed).toBeLessThanOrEqual(awarenessFrameBurst + awarenessFramesPerSecond * (seconds + 1))
      // The chair's stock client sent every one of those states back (y-websocket echoes awareness): echoes cost
      // bytes only, so the chair was not taken for a flooder.
      expect(watcher.closes).toEqual([])
    } finally {
      clearInterval(flood)
    }
    // The map goes on: the chair's edits still arrive for a new participant.
    addNote(watcher.doc, {
      zone: 'past-harm',
      text: 'still here',
      ...noteAuthor(tokenFromLink(map.links.chair)),
    })
    const late = connect(map, 'viewer')
    await waitFor(() => readMap(late.doc).notes.some((note) => note.text === 'still here'), 5000)
  })

  it('[RATE-3] a burst within the budget is all applied, in order, and the sender stays connected', async () => {
    const map = await server.createMap('Burst')
    const writer = await connectHostile(map)
    const frames = ownNoteEdits(writer, map, DEFAULT_INTAKE_LIMITS.documentFrameBurst - 10)
    for (const frame of frames) writer.raw.socket.send(frame)
    await waitFor(() => appliedEdits(map.id) === frames.length - 1, 5000)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(writer.open).toBe(true)
  })

  it('[RATE-4] a burst over the budget is held back, not dropped: every edit lands, and the sender stays connected', async () => {
    const map = await server.createMap('Over budget')
    const writer = await connectHostile(map)
    // Twice the burst at once: the second half waits for the budget (about 3 s at 100 a second would close it, so
    // half of that: 150 frames over the burst take ~1.5 s).
    const extra = Math.floor(
      (DEFAULT_INTAKE_LIMITS.documentFramesPerSecond * DEFAULT_INTAKE_LIMITS.maxThrottledMs) / 2000,
    )
    const frames = ownNoteEdits(writer, map, DEFAULT_INTAKE_LIMITS.documentFrameBurst + extra)
    const started = performance.now()
    for (const frame of frames) writer.raw.socket.send(frame)
    await waitFor(() => appliedEdits(map.id) === frames.length - 1, 10_000)
    const took = performance.now() - started
    // Slowed to the budget: the frames past the burst came at about documentFramesPerSecond.
    expect(took).toBeGreaterThan((extra / DEFAULT_INTAKE_LIMITS.documentFramesPerSecond) * 1000 * 0.8)
    expect(writer.open).toBe(true)
  })
})

describe.each(AUDIENCES)('a flood on the %s room of a map', (audience) => {
  it('[RATE-1] is closed with 4429; both rooms of the map carry on, and nothing of it reaches the other audience', async () => {
    const map = await server.createMap('Flooded room')
    const other: Audience = audience === 'shared' ? 'professionals' : 'shared'
    const watchers = (['shared', 'professionals'] as const).flatMap((room) =>
      (['chair', 'professional'] as const).map((role) =>
        connectClient(server, roomNameOf(map.id, room), tokenFromLink(map.links[role])),
      ),
    )
    clients.push(...watchers)
    await Promise.all(watchers.map((client) => client.synced))
    const [family, viewer] = [await connectHostile(map, 'family'), await connectHostile(map, 'viewer')]
    const marker = `FLOOD-${randomBytes(6).toString('hex')}`
    const flooder = await connectHostile(map, 'professional', audience)
    const frames = ownNoteEdits(flooder, map, 20_000, audience, marker)
    const flood = setInterval(() => {
      for (let i = 0; i < 100 && frames.length > 0 && flooder.open; i++) {
        const frame = frames.shift()
        if (frame !== undefined) flooder.raw.socket.send(frame)
      }
      if (frames.length === 0 || !flooder.open) clearInterval(flood)
    }, 10)
    try {
      const closed = await flooder.raw.closed
      expect(closed.code).toBe(CloseCode.TooManyRefusals)
      expect(closed.reason).toBe(TOO_FAST_REASON)
    } finally {
      clearInterval(flood)
    }
    expect(appliedEdits(roomNameOf(map.id, audience))).toBeGreaterThan(0)

    // Both rooms carry on: an edit travels between the watchers of each, none of whom was closed.
    for (const [i, room] of (['shared', 'professionals'] as const).entries()) {
      const [chair, professional] = watchers.slice(i * 2, i * 2 + 2) as [TestClient, TestClient]
      const text = `after the flood, ${room}`
      addNote(chair.doc, {
        zone: 'next-steps',
        text,
        audience: room,
        ...noteAuthor(tokenFromLink(map.links.chair)),
      })
      await waitFor(() => readMap(professional.doc).notes.some((note) => note.text === text), 5000)
    }
    expect(watchers.flatMap((client) => client.closes)).toEqual([])
    // The family's devices are still connected, and the other audience never saw a byte of the flood.
    for (const device of [family, viewer]) {
      expect(device.open).toBe(true)
      await device.sync()
      if (audience === 'professionals') {
        expect(device.raw.messages.some((frame) => bytesContain(frame, marker))).toBe(false)
      }
    }
    const otherRoom = server.app.rooms.getLoaded(roomNameOf(map.id, other))
    expect(otherRoom?.read((doc) => bytesContain(Y.encodeStateAsUpdate(doc), marker))).toBe(false)
    const otherIndex = other === 'shared' ? 0 : 2
    for (const watcher of watchers.slice(otherIndex, otherIndex + 2)) {
      expect(bytesContain(Y.encodeStateAsUpdate(watcher.doc), marker)).toBe(false)
    }
  })
})
