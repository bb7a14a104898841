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
