// The real server as its own process, started from the build (dist/main.js, as `pnpm start` runs it), for tests
// that kill it, starve it or run several. The projects that use it build the server first (serverBuild.ts).
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CreateMapResponse } from '@mapboard/protocol'

const here = dirname(fileURLToPath(import.meta.url))
const serverDir = join(here, '..', '..')
const heldEntry = join(here, 'heldServerEntry.js')

/** A fixed secret, so links made by one server process open on the next (and on one restored elsewhere). */
export const TEST_SECRET = 'a-test-secret-of-at-least-thirty-two-characters'

export interface ServerProcessOptions {
  /** MAPBOARD_DATA_DIR: each process of a cluster needs its own. */
  dataDir: string
  /** 0 (the default) for a free one; a restart passes the port it had, so clients reconnect to the same URL. */
  port?: number
  /** Added to (and overriding) the test's environment and the defaults above: HOST, PORT, MAPBOARD_SECRET… */
  env?: NodeJS.ProcessEnv
  /** How long it may take to print its URL (default 20 s). */
  startTimeoutMs?: number
}

export interface ServerProcess {
  readonly pid: number
  readonly port: number
  readonly url: string
  /** The y-websocket server URL, as connectClient takes it. */
  readonly wsUrl: string
  /** Resolves once the process has ended, with its exit code or signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Sends the signal and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<void>
  /** What it printed (stdout and stderr), for failure messages. */
  output(): string
}

/** A server process that has loaded its modules and runs dist/main.js when started. */
export interface HeldServerProcess {
  /** Resolves once its modules are loaded. */
  readonly loaded: Promise<void>
  /** Runs main.js and resolves once it prints the URL it listens on. */
  start(): Promise<ServerProcess>
  /** Ends it without starting it. */
  discard(): Promise<void>
}

/** Starts the built server with HOST 127.0.0.1 and resolves once it prints the URL it listens on. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  return spawnServerProcess(options).start()
}

/**
 * Starts one server process per options (loaded side by side, then started), e.g. a cluster of three sharing a
 * database: `startServerProcesses(dataDirs.map((dataDir) => ({ dataDir, env })))`. If one fails to start, the
 * others are ended and the first failure is thrown.
 */
export async function startServerProcesses(
  options: readonly ServerProcessOptions[],
): Promise<ServerProcess[]> {
  const held = options.map((each) => spawnServerProcess(each))
  const processes: ServerProcess[] = []
  const failures: unknown[] = []
  for (const result of await Promise.allSettled(held.map((each) => each.start()))) {
    if (result.status === 'fulfilled') processes.push(result.value)
    else failures.push(result.reason)
  }
  if (failures.length === 0) return processes
  await Promise.all(held.map((each) => each.discard()))
  throw failures[0]
}

/** Spawns a server process (test/support/heldServerEntry.js) that loads now and serves once started. */
export function spawnServerProcess(options: ServerProcessOptions): HeldServerProcess {
  if (!existsSync(join(serverDir, 'dist', 'main.js'))) {
    throw new Error('apps/server/dist/main.js is missing: run `pnpm --filter @mapboard/server build`')
  }
  const child = spawn(process.execPath, [heldEntry], {
    cwd: serverDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(options.port ?? 0),
      MAPBOARD_DATA_DIR: options.dataDir,
      MAPBOARD_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const chunks: string[] = []
  const output = () => chunks.join('')
  const printed = (pattern: RegExp): string | undefined => pattern.exec(output())?.[1]
  const watchers = new Set<() => void>()
  const collect = (chunk: Buffer) => {
    chunks.push(chunk.toString('utf8'))
    for (const watcher of watchers) watcher()
  }
  child.stdout.on('data', collect)
  child.stderr.on('data', collect)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const timeoutMs = options.startTimeoutMs ?? 20_000
  const waitToPrint = (pattern: RegExp, what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`the server did not ${what} within ${timeoutMs} ms:\n${output()}`))
      }, timeoutMs)
      const check = () => {
        const value = printed(pattern)
        if (value === undefined) return
        watchers.delete(check)
        clearTimeout(timer)
        resolve(value)
      }
      watchers.add(check)
      check()
      void exited.then(({ code, signal }) => {
        clearTimeout(timer)
        reject(new Error(`the server exited (${signal ?? code}) before it could ${what}:\n${output()}`))
      })
    })
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    await exited
  }
  const loaded = waitToPrint(/^(loaded)$/m, 'load').then(() => undefined)
  loaded.catch(() => {})
  return {
    loaded,
    discard: () => kill('SIGKILL'),
    async start() {
      await loaded
      child.stdin.end('start\n')
      const url = await waitToPrint(/Mapboard is running at (http:\/\/\S+)/, 'start')
      const port = Number(new URL(url).port)
      if (child.pid === undefined) throw new Error('the server process has no pid')
      return { pid: child.pid, port, url, wsUrl: `ws://127.0.0.1:${port}/sync`, exited, kill, output }
    },
  }
}

/** `POST /api/maps` on an open-creation (loopback) server, or with the server's MAPBOARD_ADMIN_TOKEN. */
export async function createMapOn(
  server: { url: string },
  title: string,
  adminToken?: string,
): Promise<CreateMapResponse> {
  const response = await fetch(`${server.url}/api/maps`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(adminToken === undefined ? {} : { authorization: `Bearer ${adminToken}` }),
    },
    body: JSON.stringify({ title }),
  })
  if (response.status !== 201) throw new Error(`POST /api/maps answered ${response.status}`)
  return (await response.json()) as CreateMapResponse
}

/**
 * Sets how large a file the process may write (RLIMIT_FSIZE, soft limit): beyond it the kernel refuses each write
 * with EFBIG (Node ignores SIGXFSZ), as a full disk refuses one with ENOSPC. `undefined` lifts the limit.
 */
export function limitFileSize(pid: number, bytes: number | undefined): void {
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes ?? 'unlimited'}:unlimited`])
}

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs one of the server's command-line tools (`src/cli/<name>.ts`) as `pnpm <name>` does, from `cwd`. */
export async function runServerCommand(
  name: 'backup' | 'restore',
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<CommandResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'cli', `${name}.ts`), ...args], {
    cwd: serverDir,
    env: { ...process.env, ...env, INIT_CWD: cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const code = await new Promise<number | null>((resolve) =>
    child.once('exit', (exitCode) => resolve(exitCode)),
  )
  return { code, stdout, stderr }
}
