import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { checkDatabaseFile, DatabaseFileError } from './checkDatabaseFile.ts'
import type { DatabaseSummary } from './checkDatabaseFile.ts'
import { createPrivateFile } from './openDatabase.ts'
import { syncToDisk } from './syncToDisk.ts'

export interface RestoreSummary extends DatabaseSummary {
  /** Where the database that was in place before is kept, if there was one. */
  keptAside: string | undefined
}

/** A server has the database open; restoring under it would leave it writing to a file nobody reads. */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError'
}

/**
 * Folds a database's WAL into its file and leaves it in rollback-journal mode, under an exclusive lock. A running
 * server holds a shared lock on its database for as long as it has it open (SQLite's WAL mode), so the lock is
 * refused exactly while one does; a server that crashed holds nothing, and its last commits are in the WAL.
 */
function closeOut(path: string): void {
  const db = new Database(path, { fileMustExist: true, timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    try {
      db.exec('BEGIN EXCLUSIVE; COMMIT')
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'SQLITE_BUSY')
        throw new DatabaseInUseError(
          `a Mapboard server has ${path} open; stop it before restoring (the backup would replace its database)`,
        )
      throw error
    }
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.pragma('journal_mode = DELETE')
  } finally {
    db.close()
  }
}

/**
 * Puts the backup at `backupPath` in place as the database `targetPath`, once it is checked (checkDatabaseFile).
 * A database already there is never deleted: it is closed out and kept beside, named after the time of the
 * restore. Refuses while a server has the database open. The backup is copied under a temporary name and renamed
 * into place, so a server started later sees either no database or the whole backup.
 */
export function restoreDatabase(backupPath: string, targetPath: string, now = new Date()): RestoreSummary {
  const summary = checkDatabaseFile(backupPath)
  let keptAside: string | undefined
  if (existsSync(targetPath)) {
    closeOut(targetPath)
    keptAside = `${targetPath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`
    renameSync(targetPath, keptAside)
  }
  // Without its database a -wal or -shm beside it is stale; SQLite would replay a stale WAL into the backup.
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (!existsSync(targetPath + suffix)) continue
    if (keptAside === undefined)
      throw new DatabaseFileError(
        `${targetPath + suffix} is left from a database that is gone; move it away first`,
      )
    renameSync(targetPath + suffix, keptAside + suffix)
  }
  const partial = `${targetPath}.partial`
  createPrivateFile(partial)
  try {
    copyFileSync(backupPath, partial)
    chmodSync(partial, 0o600)
    syncToDisk(partial)
    renameSync(partial, targetPath)
    syncToDisk(dirname(targetPath))
  } catch (error) {
    rmSync(partial, { force: true })
    throw error
  }
  return { ...summary, keptAside }
}
