// Retention (decision 0042): MAPBOARD_RETENTION_DAYS after the chair closed a map, its live data is erased as an
// administrator's erasure would, its records kept; on the server's own clock (a fake one here), at start and by the
// periodic sweep. A map still open, or closed more recently, is left alone.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { joinAs } from '@mapboard/test-kit'
import { startServer } from '@mapboard/server/testing'
import type { TestServer } from '@mapboard/server/testing'
import { api } from './support/api.ts'

const DAY = 24 * 60 * 60 * 1000
const START = 1_900_000_000_000
let clock = START
const now = (): number => clock

let server: TestServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
  clock = START
})

/** A map its chair has exported and closed now; resolves its id. */
async function exportedAndClosed(s: TestServer, title: string): Promise<string> {
  const map = await s.createMap(title)
  const chair = await joinAs(s, map.links.chair, { name: 'Ann Chair', agency: 'Reviewing' })
  const record = await fetch(`${s.url}/api/maps/${map.id}/export.pdf`, {
    headers: { authorization: `Bearer ${chair.token}` },
  })
  expect(record.status).toBe(200)
  expect((await api(s.url, 'POST', `/api/maps/${map.id}/close`, chair.token)).status).toBe(200)
  return map.id
}

describe('retention: MAPBOARD_RETENTION_DAYS', () => {
  it('erases a closed map’s live data once the days have passed, keeping its records; others stay', async () => {
    server = await startServer({ now, retentionDays: 30 })
    const s = server
    const old = await exportedAndClosed(s, `Old ${randomBytes(4).toString('hex')}`)
    clock += 10 * DAY
    const recent = await exportedAndClosed(s, 'Recent')
    const open = await s.createMap('Still open')

    clock = START + 30 * DAY - 1
    expect(await s.app.retention?.sweep()).toEqual([])
    clock = START + 30 * DAY
    expect(await s.app.retention?.sweep()).toEqual([old])

    expect(await s.app.store.getErasure(old)).toEqual({ mapId: old, erasedAt: START + 30 * DAY })
    expect(await s.app.store.getMap(old)).toBeUndefined()
    expect(await s.app.store.listExports(old)).toHaveLength(1)
    expect(await s.app.store.listParticipants(old)).toEqual([])
    expect((await fetch(`${s.url}/m/${old}`)).status).toBe(410)
    for (const id of [recent, open.id]) expect(await s.app.store.getMap(id)).toBeDefined()
    expect(await s.app.store.getClosure(recent)).toMatchObject({ closedAt: START + 10 * DAY })
  })

  it('sweeps when the server starts: a map whose time ran out while it was down is erased', async () => {
    server = await startServer({ now, retentionDays: 7 })
    const closed = await exportedAndClosed(server, 'Closed before the restart')
    const dataDir = server.dataDir
    // Stopped for longer than the retention period; kept data dir.
    await server.app.close()
    clock += 8 * DAY
    const restarted = await startServer({ now, retentionDays: 7, dataDir })
    try {
      await expect
        .poll(() => restarted.app.store.getErasure(closed))
        .toEqual({ mapId: closed, erasedAt: clock })
      expect(await restarted.app.store.listExports(closed)).toHaveLength(1)
    } finally {
      await restarted.close()
    }
  })

  it('is off by default: a map closed long ago stays', async () => {
    server = await startServer({ now })
    const closed = await exportedAndClosed(server, 'Kept')
    clock += 10_000 * DAY
    expect(server.app.retention).toBeNull()
    expect(await server.app.store.getMap(closed)).toBeDefined()
  })
})
