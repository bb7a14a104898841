// `pnpm restore <file>`: puts a backup in place as the database in MAPBOARD_DATA_DIR. Stop the server first; it
// refuses while one has the database open, and keeps the database it replaces.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { dataDirFromEnv } from '../config.ts'
import { DATABASE_FILE_NAME } from '../plugins/storage.ts'
import { restoreDatabase } from '../storage/sqlite/restoreDatabase.ts'
import { SECRET_FILE_NAME } from '../tokens/loadSecret.ts'
import { refuseOnPostgres, runCommand } from './runCommand.ts'

refuseOnPostgres('restore', process.env)

await runCommand('restore <file>', async ([file], cwd) => {
  const dataDir = dataDirFromEnv(process.env, cwd)
  const target = join(dataDir, DATABASE_FILE_NAME)
  const summary = restoreDatabase(resolve(cwd, file), target)
  const lines = [`Restored ${summary.maps} ${summary.maps === 1 ? 'map' : 'maps'} into ${target}`]
  if (summary.keptAside !== undefined) lines.push(`The database it replaced is kept at ${summary.keptAside}`)
  // Links are signed: without the secret they were made with, every link in the backup is refused.
  if ((process.env.MAPBOARD_SECRET ?? '').trim() === '' && !existsSync(join(dataDir, SECRET_FILE_NAME)))
    lines.push(
      `There is no ${SECRET_FILE_NAME} in ${dataDir} and MAPBOARD_SECRET is not set: links made before the ` +
        `backup will open only once the secret they were signed with is back (copy the old ${SECRET_FILE_NAME} ` +
        'there, or set MAPBOARD_SECRET to the old value).',
    )
  return lines.join('\n')
})
