import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { ThreadedSqliteMapStore } from '../../src/storage/sqliteThread/ThreadedSqliteMapStore.ts'
import { SqliteMapStore } from '../../src/storage/SqliteMapStore.ts'
import { mapStoreContract } from './mapStoreContract.ts'

type SqliteError = InstanceType<typeof Database.SqliteError>

mapStoreContract('ThreadedSqliteMapStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mapboard-threaded-'))
  const path = join(dir, 'maps.sqlite')
  const harness = {
    store: await ThreadedSqliteMapStore.open(path),
    async reopen() {
      await harness.store.close()
      harness.store = await ThreadedSqliteMapStore.open(path)
      return harness.store
    },
    async dispose() {
      await harness.store.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return harness
})

const dirs: string[] = []
const stores: ThreadedSqliteMapStore[] = []

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mapboard-threaded-'))
  dirs.push(dir)
  return dir
}

async function open(path: string): Promise<ThreadedSqliteMapStore> {
  const store = await ThreadedSqliteMapStore.open(path)
  stores.push(store)
  return store
}

/** What the in-thread store throws for the same call, to compare with. */
async function inlineError(
  path: string,
  call: (store: SqliteMapStore) => Promise<unknown>,
): Promise<unknown> {
  const store = new SqliteMapStore(path)
  try {
    return await call(store).then(
      () => undefined,
      (error: unknown) => error,
    )
  } finally {
    await store.close()
  }
}

it('errors come back as the class, message and code the in-thread store throws', async () => {
  const dir = await tempDir()
  const path = join(dir, 'maps.sqlite')
  const store = await open(path)
  await store.createMap({ id: 'm', title: 't', createdAt: 1 }, new Uint8Array([0, 0]))

  // A constraint the database enforces: SQLite's own error, with its code.
  const duplicate = await store
    .createMap({ id: 'm', title: 'again', createdAt: 2 }, new Uint8Array([0, 0]))
    .catch((error: unknown) => error)
  expect(duplicate).toBeInstanceOf(Database.SqliteError)
  expect((duplicate as SqliteError).code).toMatch(/^SQLITE_CONSTRAINT/)
  const inline = await inlineError(join(dir, 'inline.sqlite'), async (other) => {
    await other.createMap({ id: 'm', title: 't', createdAt: 1 }, new Uint8Array([0, 0]))
    await other.createMap({ id: 'm', title: 'again', createdAt: 2 }, new Uint8Array([0, 0]))
  })
  expect((duplicate as Error).message).toBe((inline as Error).message)
  expect((duplicate as SqliteError).code).toBe((inline as SqliteError).code)

  // The store's own checks: plain Errors with their messages.
  await expect(store.load('no-such-map')).rejects.toThrow(new Error('no map no-such-map'))
  await expect(store.compact('m', new Uint8Array([1]), 5)).rejects.toThrow(/not written/)
  // appendToMaps reports a failed map among the results, rebuilt as an Error; the other map is written.
  const results = await store.appendToMaps([
    { mapId: 'no-such-map', updates: [new Uint8Array([1])] },
    { mapId: 'm', updates: [new Uint8Array([2])] },
  ])
  expect(results[0]).toMatchObject({ ok: false })
  expect(results[0]?.ok === false && results[0].error).toBeInstanceOf(Error)
  expect(results[0]?.ok === false && (results[0].error as Error).message).toBe('no map no-such-map')
  expect(results[1]).toEqual({ ok: true, lastSeq: 1 })
})

it('a database that will not open rejects the open with why', async () => {
  const dir = await tempDir()
  const path = join(dir, 'newer.sqlite')
  const newer = new Database(path)
  newer.pragma('user_version = 9999')
  newer.close()
  await expect(ThreadedSqliteMapStore.open(path)).rejects.toThrow(/written by a newer Mapboard/)

  const garbage = join(dir, 'garbage.sqlite')
  await writeFile(garbage, 'not a database, not at all'.repeat(100))
  const refused = await ThreadedSqliteMapStore.open(garbage).catch((error: unknown) => error)
  expect(refused).toBeInstanceOf(Database.SqliteError)
  expect((refused as SqliteError).code).toBe('SQLITE_NOTADB')
})

it('appends sent while a commit is in flight share the next transaction, each with its own sequence numbers', async () => {
  const dir = await tempDir()
  const store = await open(join(dir, 'maps.sqlite'))
  const ids = Array.from({ length: 20 }, (_, index) => `m${index}`)
  for (const id of ids) await store.createMap({ id, title: id, createdAt: 1 }, new Uint8Array([0, 0]))
  // Each call its own turn's group commit, as AppendBatcher sends them (its queue entries, callbacks and all); all
  // sent before the thread answers one.
  const queued = { resolve: () => undefined, reject: () => undefined }
  const answers = await Promise.all(
    ids.flatMap((id) => [
      store.appendToMaps([{ mapId: id, updates: [new Uint8Array([1]), new Uint8Array([2])], ...queued }]),
      store.appendToMaps([{ mapId: id, updates: [new Uint8Array([3])], ...queued }]),
    ]),
  )
  expect(answers).toEqual(ids.flatMap(() => [[{ ok: true, lastSeq: 2 }], [{ ok: true, lastSeq: 3 }]]))
  for (const id of ids) {
    const stored = await store.load(id)
    expect(stored.updates.map((update) => [...update])).toEqual([[1], [2], [3]])
  }
})

it('a window on a larger buffer is stored as its own bytes only', async () => {
  const dir = await tempDir()
  const store = await open(join(dir, 'maps.sqlite'))
  await store.createMap({ id: 'm', title: 't', createdAt: 1 }, new Uint8Array([0, 0]))
  const frame = new Uint8Array(64 * 1024).fill(7)
  frame.set([1, 2, 3], 100)
  await store.appendUpdates('m', [frame.subarray(100, 103)])
  const stored = await store.load('m')
  expect(stored.updates.map((update) => [...update])).toEqual([[1, 2, 3]])
  expect(stored.updates[0]?.buffer.byteLength).toBe(3)
})

it('after close, calls fail with a clear error and nothing is written', async () => {
  const dir = await tempDir()
  const path = join(dir, 'maps.sqlite')
  const store = await ThreadedSqliteMapStore.open(path)
  await store.createMap({ id: 'm', title: 't', createdAt: 1 }, new Uint8Array([0, 0]))
  const before = store.appendUpdates('m', [new Uint8Array([1])])
  await store.close()
  expect(await before).toBe(1)
  await expect(store.appendUpdates('m', [new Uint8Array([2])])).rejects.toThrow(/closed/)
  const reader = new SqliteMapStore(path)
  expect((await reader.load('m')).lastSeq).toBe(1)
  await reader.close()
})
