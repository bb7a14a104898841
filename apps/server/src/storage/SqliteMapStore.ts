import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { isRole } from '@mapboard/protocol'
import type { LinkRecord, MapRecord, MapStore, StoredDocument } from './MapStore.ts'

const SCHEMA_VERSION = 1

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    snapshot BLOB,
    -- every update with seq <= snapshot_seq is contained in snapshot
    snapshot_seq INTEGER NOT NULL DEFAULT 0,
    last_seq INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE IF NOT EXISTS updates (
    map_id TEXT NOT NULL REFERENCES maps(id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (map_id, seq)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS links (
    id TEXT PRIMARY KEY,
    map_id TEXT NOT NULL REFERENCES maps(id),
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  ) STRICT;
  CREATE INDEX IF NOT EXISTS links_by_map ON links (map_id);
`

interface MapRow {
  id: string
  title: string
  created_at: number
}
interface LinkRow {
  id: string
  map_id: string
  role: string
  created_at: number
  expires_at: number
  revoked_at: number | null
}

/**
 * Map contents are sensitive: only the server's user may read the database. SQLite creates the -wal and -shm
 * files with the database file's mode, so the file exists with mode 0600 before SQLite first opens it.
 */
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  try {
    writeFileSync(path, '', { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error
  }
  chmodSync(path, 0o600)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600)
  }
}

/** better-sqlite3 hands out Buffers; callers get plain Uint8Arrays so every store returns the same type. */
function bytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

function toLink(row: LinkRow): LinkRecord {
  if (!isRole(row.role)) throw new Error(`link ${row.id} has an unknown role`)
  return {
    id: row.id,
    mapId: row.map_id,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}

/**
 * The default store: one SQLite file in WAL mode. `synchronous = FULL` makes every committed transaction survive
 * a power cut, not only a process crash — the server broadcasts an update only after its commit, so nobody may
 * see what a crash could lose. better-sqlite3 is synchronous; the async methods resolve once the commit is done.
 */
export class SqliteMapStore implements MapStore {
  readonly #db: Database.Database
  readonly #statements

  constructor(readonly path: string) {
    if (path !== ':memory:') createPrivateFile(path)
    const db = new Database(path)
    this.#db = db
    try {
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('foreign_keys = ON')
      db.pragma('busy_timeout = 5000')
      const version = db.pragma('user_version', { simple: true })
      if (typeof version === 'number' && version > SCHEMA_VERSION) {
        throw new Error(
          `${path} was written by a newer Mapboard (schema ${version}, this one knows ${SCHEMA_VERSION})`,
        )
      }
      db.exec(SCHEMA)
      db.pragma(`user_version = ${SCHEMA_VERSION}`)
    } catch (error) {
      db.close()
      throw error
    }

    this.#statements = {
      insertMap: db.prepare<[string, string, number, Uint8Array]>(
        'INSERT INTO maps (id, title, created_at, snapshot) VALUES (?, ?, ?, ?)',
      ),
      getMap: db.prepare<[string], MapRow>('SELECT id, title, created_at FROM maps WHERE id = ?'),
      getSeqs: db.prepare<[string], { last_seq: number; snapshot_seq: number }>(
        'SELECT last_seq, snapshot_seq FROM maps WHERE id = ?',
      ),
      setLastSeq: db.prepare<[number, string]>('UPDATE maps SET last_seq = ? WHERE id = ?'),
      insertUpdate: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO updates (map_id, seq, data) VALUES (?, ?, ?)',
      ),
      getSnapshot: db.prepare<[string], { snapshot: Buffer | null; last_seq: number }>(
        'SELECT snapshot, last_seq FROM maps WHERE id = ?',
      ),
      getTail: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM updates WHERE map_id = ? ORDER BY seq',
      ),
      setSnapshot: db.prepare<[Uint8Array, number, string]>(
        'UPDATE maps SET snapshot = ?, snapshot_seq = ? WHERE id = ?',
      ),
      deleteUpdatesThrough: db.prepare<[string, number]>('DELETE FROM updates WHERE map_id = ? AND seq <= ?'),
      insertLink: db.prepare<[string, string, string, number, number, number | null]>(
        'INSERT INTO links (id, map_id, role, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      getLink: db.prepare<[string], LinkRow>('SELECT * FROM links WHERE id = ?'),
      listLinks: db.prepare<[string], LinkRow>(
        'SELECT * FROM links WHERE map_id = ? ORDER BY created_at, id',
      ),
      revokeLink: db.prepare<[number, string]>(
        'UPDATE links SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?',
      ),
    }
  }

  readonly #createMap = (map: MapRecord, initialState: Uint8Array, links: readonly LinkRecord[]): void => {
    this.#db.transaction(() => {
      this.#statements.insertMap.run(map.id, map.title, map.createdAt, initialState)
      for (const link of links) this.#insertLink(link)
    })()
  }

  readonly #appendUpdates = (mapId: string, updates: readonly Uint8Array[]): number =>
    this.#db.transaction(() => {
      const seqs = this.#statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      let seq = seqs.last_seq
      for (const update of updates) this.#statements.insertUpdate.run(mapId, ++seq, update)
      this.#statements.setLastSeq.run(seq, mapId)
      return seq
    })()

  readonly #load = (mapId: string): StoredDocument =>
    this.#db.transaction(() => {
      const row = this.#statements.getSnapshot.get(mapId)
      if (row === undefined) throw new Error(`no map ${mapId}`)
      return {
        snapshot: row.snapshot === null ? null : bytes(row.snapshot),
        updates: this.#statements.getTail.all(mapId).map((update) => bytes(update.data)),
        lastSeq: row.last_seq,
      }
    })()

  readonly #compact = (mapId: string, snapshot: Uint8Array, throughSeq: number): void => {
    this.#db.transaction(() => {
      const seqs = this.#statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      if (throughSeq > seqs.last_seq)
        throw new Error(`cannot compact ${mapId} through ${throughSeq}: not written`)
      // An older snapshot must never replace a newer one (two compactions racing).
      if (throughSeq < seqs.snapshot_seq) return
      this.#statements.setSnapshot.run(snapshot, throughSeq, mapId)
      this.#statements.deleteUpdatesThrough.run(mapId, throughSeq)
    })()
  }

  #insertLink(link: LinkRecord): void {
    this.#statements.insertLink.run(
      link.id,
      link.mapId,
      link.role,
      link.createdAt,
      link.expiresAt,
      link.revokedAt,
    )
  }

  async createMap(
    map: MapRecord,
    initialState: Uint8Array,
    links: readonly LinkRecord[] = [],
  ): Promise<void> {
    this.#createMap(map, initialState, links)
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    const row = this.#statements.getMap.get(id)
    return row === undefined ? undefined : { id: row.id, title: row.title, createdAt: row.created_at }
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[]): Promise<number> {
    return this.#appendUpdates(mapId, updates)
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return this.#appendUpdates(mapId, [update])
  }

  async load(mapId: string): Promise<StoredDocument> {
    return this.#load(mapId)
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.#compact(mapId, snapshot, throughSeq)
  }

  async createLink(link: LinkRecord): Promise<void> {
    this.#insertLink(link)
  }

  async getLink(id: string): Promise<LinkRecord | undefined> {
    const row = this.#statements.getLink.get(id)
    return row === undefined ? undefined : toLink(row)
  }

  async listLinks(mapId: string): Promise<LinkRecord[]> {
    return this.#statements.listLinks.all(mapId).map(toLink)
  }

  async revokeLink(id: string, revokedAt: number): Promise<boolean> {
    return this.#statements.revokeLink.run(revokedAt, id).changes > 0
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}
