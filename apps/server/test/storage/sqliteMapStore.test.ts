import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { SqliteMapStore } from '../../src/storage/SqliteMapStore.ts'
import { mapStoreContract } from './mapStoreContract.ts'

mapStoreContract('SqliteMapStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mapboard-store-'))
  const path = join(dir, 'maps.sqlite')
  const harness = {
    store: new SqliteMapStore(path),
    async reopen() {
      await harness.store.close()
      harness.store = new SqliteMapStore(path)
      return harness.store
    },
    async dispose() {
      await harness.store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return harness
})

it('SqliteMapStore keeps its file private to the server user', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mapboard-store-'))
  try {
    const path = join(dir, 'data', 'maps.sqlite')
    const store = new SqliteMapStore(path)
    await store.createMap({ id: 'm', title: 't', createdAt: 1 }, new Uint8Array([0, 0]))
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect((await stat(file)).mode & 0o777, file).toBe(0o600)
    }
    expect((await stat(join(dir, 'data'))).mode & 0o777).toBe(0o700)
    await store.close()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

it('SqliteMapStore adds the family visits table to a database made before it existed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mapboard-store-'))
  try {
    const path = join(dir, 'maps.sqlite')
    const store = new SqliteMapStore(path)
    await store.createMap({ id: 'm', title: 't', createdAt: 1 }, new Uint8Array([0, 0]))
    await store.close()
    const older = new Database(path)
    older.exec('DROP TABLE family_visits')
    older.close()
    const reopened = new SqliteMapStore(path)
    await reopened.addFamilyVisit({ mapId: 'm', participantId: 'p-mum', visitedAt: 5 })
    expect(await reopened.listFamilyVisits('m')).toEqual([
      { mapId: 'm', participantId: 'p-mum', visitedAt: 5 },
    ])
    expect((await reopened.getMap('m'))?.title).toBe('t')
    await reopened.close()
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
