// `pnpm backup <file>`: a consistent copy of the server's SQLite database (in MAPBOARD_DATA_DIR), safe to take
// while the server runs. The signing secret is not in it: see the README, "Backups".
import { join, resolve } from 'node:path'
import { dataDirFromEnv } from '../config.ts'
import { DATABASE_FILE_NAME } from '../plugins/storage.ts'
import { backupDatabase } from '../storage/sqlite/backupDatabase.ts'
import { refuseOnPostgres, runCommand } from './runCommand.ts'

refuseOnPostgres('backup', process.env)

await runCommand('backup <file>', async ([file], cwd) => {
  const source = join(dataDirFromEnv(process.env, cwd), DATABASE_FILE_NAME)
  const destination = resolve(cwd, file)
  const summary = await backupDatabase(source, destination)
  return `Backed up ${summary.maps} ${summary.maps === 1 ? 'map' : 'maps'} from ${source} to ${destination}`
})
