import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { SCHEMA, SCHEMA_VERSION } from './schema.ts'

/**
 * Map contents are sensitive: only the server's user may read the database. SQLite creates the -wal and -shm
 * files with the database file's mode, so the file exists with mode 0600 before SQLite first opens it.
 */
export function createPrivateFile(path: string): void {
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

/**
 * Opens the database file every SQLite store of one SqliteMapStore shares, with the schema in place. WAL mode;
 * `synchronous = FULL` makes every committed transaction survive a power cut, not only a process crash — the
 * server broadcasts an update only after its commit, so nobody may see what a crash could lose. Refuses a file a
 * newer Mapboard wrote.
 */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') createPrivateFile(path)
  const db = new Database(path)
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
  return db
}
