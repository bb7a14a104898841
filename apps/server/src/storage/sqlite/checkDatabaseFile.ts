import Database from 'better-sqlite3'
import { SCHEMA, SCHEMA_VERSION } from './schema.ts'

/** What a database file holds, as backup and restore report it. */
export interface DatabaseSummary {
  /** Maps (a map's professionals' document is not counted apart). */
  maps: number
  /** Stored updates not yet folded into a snapshot. */
  updates: number
  schemaVersion: number
}

/** A file that is not a sound Mapboard database this server can open; the message says why, in plain words. */
export class DatabaseFileError extends Error {
  override readonly name = 'DatabaseFileError'
}

interface SchemaObject {
  type: string
  name: string
  sql: string | null
}

/** The tables, indexes and triggers this version's schema makes, keyed by type and name. */
function expectedObjects(): Map<string, string | null> {
  const db = new Database(':memory:')
  try {
    db.exec(SCHEMA)
    return objectsOf(db)
  } finally {
    db.close()
  }
}

function objectsOf(db: Database.Database): Map<string, string | null> {
  const rows = db.prepare<[], SchemaObject>('SELECT type, name, sql FROM sqlite_master').all()
  return new Map(rows.map((row) => [`${row.type} ${row.name}`, row.sql]))
}

/**
 * Opens `path` read-only and checks that it is a whole Mapboard database: SQLite's integrity check passes, no
 * newer Mapboard wrote it, and it holds nothing but this schema's tables, indexes and triggers (an extra trigger
 * or view in a file handed to restore would run inside the server). An older backup may lack tables added since.
 */
export function checkDatabaseFile(path: string): DatabaseSummary {
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new DatabaseFileError(`${path} cannot be opened as a database: ${message(error)}`)
  }
  try {
    let integrity: unknown
    try {
      integrity = db.pragma('integrity_check', { simple: true })
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CORRUPT')
        throw new DatabaseFileError(`${path} is damaged: ${error.message}`)
      throw new DatabaseFileError(`${path} is not a SQLite database: ${message(error)}`)
    }
    if (integrity !== 'ok') throw new DatabaseFileError(`${path} is damaged: ${String(integrity)}`)
    const schemaVersion = Number(db.pragma('user_version', { simple: true }))
    if (schemaVersion > SCHEMA_VERSION)
      throw new DatabaseFileError(
        `${path} was written by a newer Mapboard (schema ${schemaVersion}, this one knows ${SCHEMA_VERSION})`,
      )
    const expected = expectedObjects()
    const found = objectsOf(db)
    if (schemaVersion < 1 || !found.has('table maps'))
      throw new DatabaseFileError(`${path} is not a Mapboard database`)
    for (const [key, sql] of found) {
      if (!expected.has(key)) throw new DatabaseFileError(`${path} holds ${key}, which Mapboard never makes`)
      if (expected.get(key) !== sql)
        throw new DatabaseFileError(`${path} defines ${key} differently from this Mapboard`)
    }
    const count = (sql: string): number => Number(db.prepare<[], { n: number }>(sql).get()?.n ?? 0)
    return {
      maps: count(`SELECT count(*) AS n FROM maps WHERE id NOT LIKE '%/%'`),
      updates: count('SELECT count(*) AS n FROM updates'),
      schemaVersion,
    }
  } finally {
    db.close()
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
