import { randomBytes } from 'node:crypto'
import type { ServerSample } from '../ipc.ts'
import type { ServerKind } from '../servers/serverKinds.ts'
import { leaseServices } from './benchServices.ts'
import type { ServiceLease } from './benchServices.ts'
import type { ChildGroup } from './ChildGroup.ts'
import { combineSamples } from './combineSamples.ts'
import { ServerProcess } from './ServerProcess.ts'
import type { ServerProcessOptions } from './ServerProcess.ts'

type SampleOptions = Parameters<ServerProcess['sample']>[0]

/** `x.cpuprofile` → `x-instance2.cpuprofile`: one profile per instance of a cluster. */
export function instanceProfilePath(path: string, instance: number): string {
  const dot = path.endsWith('.cpuprofile') ? path.length - '.cpuprofile'.length : path.length
  return `${path.slice(0, dot)}-instance${instance + 1}${path.slice(dot)}`
}

/**
 * The server under test as the bench drives it: one process, or a cluster of `kind.instances` processes on one
 * fresh PostgreSQL database and one Redis key prefix (benchServices.ts), sharing a signing secret so that a token
 * one of them issued opens a socket on any of them. They are started one after another (the first runs the
 * database's migrations), all pinned to the same CPU, so a cluster has the one core a single server has.
 */
export class ServerSet {
  readonly kind: ServerKind
  readonly instances: readonly ServerProcess[]
  readonly #lease: ServiceLease

  private constructor(kind: ServerKind, instances: ServerProcess[], lease: ServiceLease) {
    this.kind = kind
    this.instances = instances
    this.#lease = lease
  }

  static async start(kind: ServerKind, group: ChildGroup, options: ServerProcessOptions): Promise<ServerSet> {
    const lease = await leaseServices(kind.services)
    const env: Record<string, string> = { ...lease.env }
    if (kind.instances > 1) env.BENCH_SECRET = randomBytes(32).toString('base64url')
    const instances: ServerProcess[] = []
    try {
      for (let i = 0; i < kind.instances; i++) {
        const name = kind.instances > 1 ? `${kind.id} instance ${i + 1}` : kind.id
        instances.push(await ServerProcess.start(kind, group, { ...options, env, name }))
      }
      return new ServerSet(kind, instances, lease)
    } catch (error) {
      for (const instance of instances) await instance.stop()
      await lease.release()
      throw error
    }
  }

  /** Where clients connect, one port per instance. */
  get ports(): number[] {
    return this.instances.map((instance) => instance.port)
  }

  get alive(): boolean {
    return this.instances.every((instance) => instance.alive)
  }

  get output(): string {
    return this.instances
      .map((instance, i) => (this.instances.length > 1 ? `[instance ${i + 1}]\n` : '') + instance.output)
      .join('\n')
  }

  /** Reads every instance; CPU and memory summed, each instance's reading kept (combineSamples). */
  async sample(options: SampleOptions): Promise<ServerSample> {
    if (this.instances.length === 1) return (this.instances[0] as ServerProcess).sample(options)
    const samples = await Promise.all(
      this.instances.map((instance, i) => {
        const { profile } = options
        if (profile?.action !== 'stop') return instance.sample(options)
        return instance.sample({
          ...options,
          profile: { ...profile, path: instanceProfilePath(profile.path, i) },
        })
      }),
    )
    return combineSamples(samples)
  }

  async stop(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.stop()))
    await this.#lease.release()
  }
}
