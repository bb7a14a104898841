import { DatabaseFileError } from '../storage/sqlite/checkDatabaseFile.ts'
import { DatabaseInUseError } from '../storage/sqlite/restoreDatabase.ts'

/**
 * Runs a command-line tool that takes one file argument: relative paths are the user's (pnpm runs the script
 * inside apps/server but says where it was started, as for main.ts). Prints what was done; a refusal is one
 * plain line on stderr and exit code 1, a wrong invocation exit code 2.
 */
export async function runCommand(
  usage: string,
  run: (args: [string], cwd: string) => Promise<string>,
): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--')
  const [file] = args
  if (args.length !== 1 || file === undefined || file.startsWith('-')) {
    process.stderr.write(`usage: pnpm ${usage}\n`)
    process.exit(2)
  }
  try {
    process.stdout.write(`${await run([file], process.env.INIT_CWD ?? process.cwd())}\n`)
  } catch (error) {
    if (!(error instanceof DatabaseFileError || error instanceof DatabaseInUseError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
}

/**
 * `pnpm backup` and `pnpm restore` work on the SQLite file. A server on PostgreSQL (MAPBOARD_DATABASE_URL) is backed
 * up and restored with PostgreSQL's own tools, as the council backs up its other databases: the command says so
 * and exits 1 instead of copying a SQLite file the server does not use.
 */
export function refuseOnPostgres(command: 'backup' | 'restore', env: NodeJS.ProcessEnv): void {
  if ((env.MAPBOARD_DATABASE_URL ?? '').trim() === '') return
  const tool = command === 'backup' ? 'pg_dump' : 'pg_restore'
  process.stderr.write(
    `MAPBOARD_DATABASE_URL is set, so the maps are in PostgreSQL, not in a SQLite file: pnpm ${command} only ` +
      `works on the SQLite store. Use PostgreSQL's own tools instead (for example ${tool}; see the README, "Backups").\n`,
  )
  process.exit(1)
}
