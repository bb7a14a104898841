import { existsSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { checkDatabaseFile, DatabaseFileError } from './checkDatabaseFile.ts'
import type { DatabaseSummary } from './checkDatabaseFile.ts'
import { createPrivateFile } from './openDatabase.ts'
import { syncToDisk } from './syncToDisk.ts'

/** As many pages as SQLite's backup step takes at once (its largest page count). */
const EVERY_PAGE = 0x7fffffff

/**
 * Copies the database at `sourcePath` to a new file `destinationPath` with SQLite's online backup, safe while a
 * server has it open and writes to it. The pages are copied in one backup step, which is one read transaction:
 * the copy is the database as of one commit (every update stored before the backup began is in it, and no half
 * of a later one), and in WAL mode the server's writes carry on meanwhile. The copy is checked, made a single
 * file (rollback journal, no -wal beside it), readable by its owner only, and appears under its name only once
 * it is complete.
 */
export async function backupDatabase(sourcePath: string, destinationPath: string): Promise<DatabaseSummary> {
  if (!existsSync(sourcePath)) throw new DatabaseFileError(`there is no database at ${sourcePath}`)
  if (existsSync(destinationPath))
    throw new DatabaseFileError(`${destinationPath} already exists; name a new file for the backup`)
  const partial = `${destinationPath}.partial`
  createPrivateFile(partial)
  try {
    const source = new Database(sourcePath, { fileMustExist: true })
    try {
      source.pragma('busy_timeout = 5000')
      // better-sqlite3's first step copies nothing and learns the size; the callback makes the next one copy all.
      await source.backup(partial, { progress: () => EVERY_PAGE })
    } finally {
      source.close()
    }
    const copy = new Database(partial)
    try {
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    const summary = checkDatabaseFile(partial)
    syncToDisk(partial)
    renameSync(partial, destinationPath)
    syncToDisk(dirname(destinationPath))
    return summary
  } catch (error) {
    for (const path of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`])
      rmSync(path, { force: true })
    throw error
  }
}
