import { spawn, spawnSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { availableParallelism } from 'node:os'

export interface SpawnOptions {
  /** CPU to pin the process to (taskset), when the machine has taskset and more than one CPU. */
  cpu: number
  env?: NodeJS.ProcessEnv
  cwd: string
}

/** Whether processes can be pinned to CPUs here. */
export function canPin(): boolean {
  if (process.platform !== 'linux' || availableParallelism() < 2) return false
  return spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0
}

/** Pins the current process to one CPU (no-op where taskset is missing). */
export function pinSelf(cpu: number): boolean {
  if (!canPin()) return false
  return spawnSync('taskset', ['-pc', String(cpu), String(process.pid)], { stdio: 'ignore' }).status === 0
}

/**
 * Every process the bench starts, so that all of them can be stopped when the bench ends — normally, on an error,
 * or on Ctrl-C. `taskset` execs its command, so the pid it gets is the node process itself.
 */
export class ChildGroup {
  readonly #children = new Set<ChildProcess>()
  readonly #pin = canPin()

  get pinning(): boolean {
    return this.#pin
  }

  /** Starts `node <nodeArgs>` with an IPC channel, stdout and stderr piped. */
  spawnNode(nodeArgs: string[], options: SpawnOptions): ChildProcess {
    const [command, args] = this.#pin
      ? ['taskset', ['-c', String(options.cpu), process.execPath, ...nodeArgs]]
      : [process.execPath, nodeArgs]
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    })
    this.#children.add(child)
    child.once('exit', () => this.#children.delete(child))
    return child
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
  async stop(child: ChildProcess, graceMs = 5000): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#children].map((child) => this.stop(child)))
  }

  /** Last resort, synchronous (for process 'exit'): kills whatever is left. */
  killAll(): void {
    for (const child of this.#children) child.kill('SIGKILL')
  }
}
