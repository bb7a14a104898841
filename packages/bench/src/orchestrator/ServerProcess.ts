import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureServerBuild } from '@mapboard/server/build'
import { isMessage } from '../ipc.ts'
import type { ListeningMessage, ProbeReply, ProbeRequest, ServerSample } from '../ipc.ts'
import type { ServerKind } from '../servers/serverKinds.ts'
import { processCpu } from '../stats/processCpu.ts'
import type { ChildGroup } from './ChildGroup.ts'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const probeScript = join(benchDir, 'src', 'servers', 'probe.ts')

export interface ServerProcessOptions {
  cpu: number
  /** Mapboard: how long an empty room stays loaded. */
  unloadGraceMs: number
  startTimeoutMs?: number
  /** More environment for this process (the database, Redis and secret a cluster's instances share). */
  env?: Record<string, string>
  /** Told apart in messages and profile names when several processes serve as one (ServerSet). */
  name?: string
}

/** Keeps the last bytes a process wrote, for error messages. */
function tail(chunks: string[], chunk: Buffer): void {
  chunks.push(chunk.toString('utf8'))
  while (chunks.join('').length > 4000) chunks.shift()
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * One server under test, in its own process (pinned to its own CPU): started with the probe preloaded, asked for
 * its event-loop delay and memory over IPC, measured for CPU from /proc, and stopped.
 */
export class ServerProcess {
  readonly kind: ServerKind
  readonly port: number
  readonly #child: ChildProcess
  readonly #group: ChildGroup
  readonly #dataDir: string
  readonly #output: string[]
  #nextProbe = 1
  readonly #probes = new Map<number, (reply: ProbeReply) => void>()

  private constructor(
    kind: ServerKind,
    port: number,
    child: ChildProcess,
    group: ChildGroup,
    dataDir: string,
    output: string[],
  ) {
    this.kind = kind
    this.port = port
    this.#child = child
    this.#group = group
    this.#dataDir = dataDir
    this.#output = output
    child.on('message', (message: unknown) => {
      if (!isMessage<ProbeReply>(message, 'probe-reply')) return
      this.#probes.get(message.id)?.(message)
      this.#probes.delete(message.id)
    })
  }

  static async start(
    kind: ServerKind,
    group: ChildGroup,
    options: ServerProcessOptions,
  ): Promise<ServerProcess> {
    // Mapboard runs from its build (FROM_SERVER_BUILD): made first whenever a source is newer than it.
    if (kind.nodeArgs.length > 0) await ensureServerBuild()
    const dataDir = await mkdtemp(join(tmpdir(), `bench-${kind.id}-`))
    const fixedPort = kind.fixedPort ? await freePort() : undefined
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...kind.env,
      ...options.env,
      BENCH_DATA_DIR: dataDir,
      BENCH_UNLOAD_GRACE_MS: String(options.unloadGraceMs),
      NODE_ENV: 'production',
    }
    if (fixedPort !== undefined) {
      env.HOST = '127.0.0.1'
      env.PORT = String(fixedPort)
    }
    const nodeArgs = [
      '--expose-gc',
      ...kind.nodeArgs,
      '--import',
      'tsx',
      '--import',
      probeScript,
      kind.script,
    ]
    const child = group.spawnNode(nodeArgs, {
      cpu: options.cpu,
      cwd: benchDir,
      env,
    })
    const output: string[] = []
    const timeoutMs = options.startTimeoutMs ?? 30_000
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`did not listen within ${timeoutMs} ms`)), timeoutMs)
        const done = (port: number) => {
          clearTimeout(timer)
          resolve(port)
        }
        child.stdout?.on('data', (chunk: Buffer) => {
          tail(output, chunk)
          const match = /on port (\d+)/.exec(chunk.toString('utf8'))
          if (match?.[1] !== undefined && fixedPort !== undefined) done(Number(match[1]))
        })
        child.stderr?.on('data', (chunk: Buffer) => tail(output, chunk))
        child.on('message', (message: unknown) => {
          if (isMessage<ListeningMessage>(message, 'listening')) done(message.port)
        })
        child.once('exit', (code, signal) => {
          clearTimeout(timer)
          reject(new Error(`exited (${signal ?? code}) before listening`))
        })
      })
      return new ServerProcess(kind, port, child, group, dataDir, output)
    } catch (error) {
      await group.stop(child)
      await rm(dataDir, { recursive: true, force: true })
      const message = error instanceof Error ? error.message : String(error)
      throw new Error(`${options.name ?? kind.id}: ${message}\n${output.join('')}`)
    }
  }

  get pid(): number {
    const pid = this.#child.pid
    if (pid === undefined) throw new Error(`${this.kind.id} has no pid`)
    return pid
  }

  get alive(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null
  }

  /** What the process printed last (for reports of a crash). */
  get output(): string {
    return this.#output.join('')
  }

  async sample(options: {
    gc: boolean
    resetEventLoop: boolean
    profile?: ProbeRequest['profile']
    heapSnapshot?: string
  }): Promise<ServerSample> {
    const id = this.#nextProbe++
    // Read before probing: a requested garbage collection is the bench's work, not the server's.
    const at = performance.timeOrigin + performance.now()
    const cpu = processCpu(this.pid)
    const reply = await new Promise<ProbeReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#probes.delete(id)
        reject(new Error(`${this.kind.id} did not answer a probe`))
      }, 60_000)
      this.#probes.set(id, (answer) => {
        clearTimeout(timer)
        resolve(answer)
      })
      const request: ProbeRequest = {
        type: 'probe',
        id,
        gc: options.gc,
        resetEventLoop: options.resetEventLoop,
      }
      if (options.profile !== undefined) request.profile = options.profile
      if (options.heapSnapshot !== undefined) request.heapSnapshot = options.heapSnapshot
      this.#child.send(request)
    })
    const sample: ServerSample = {
      at,
      cpuSeconds: cpu.user + cpu.system,
      cpuSystemSeconds: cpu.system,
      eventLoop: reply.eventLoop,
      memory: reply.memory,
    }
    if (reply.store !== undefined) sample.store = reply.store
    return sample
  }

  async stop(): Promise<void> {
    await this.#group.stop(this.#child)
    await rm(this.#dataDir, { recursive: true, force: true })
  }
}
