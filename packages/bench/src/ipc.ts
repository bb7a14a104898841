// Messages between the bench's processes: the orchestrator (main.ts), each server under test (through probe.ts)
// and the load generator. All travel over Node's IPC channel (`process.send`), as JSON.

/** What `monitorEventLoopDelay` saw, in milliseconds. */
export interface EventLoopDelay {
  mean: number
  p50: number
  p99: number
  max: number
}

export interface MemorySample {
  rss: number
  heapUsed: number
  external: number
  arrayBuffers: number
}

/** Server process → orchestrator, once it accepts connections. */
export interface ListeningMessage {
  type: 'listening'
  port: number
}

/** Orchestrator → server process (probe.ts). `gc` collects garbage first (servers run with --expose-gc). */
export interface ProbeRequest {
  type: 'probe'
  id: number
  gc: boolean
  /** Start a new event-loop-delay window after reading this one. */
  resetEventLoop: boolean
  /** Start a CPU profile, or stop it and write it to this path (`pnpm bench --profile <dir>`). */
  profile?: { action: 'start' } | { action: 'stop'; path: string }
  /** Write a heap snapshot to this path after reading (`pnpm bench --heap-snapshot <dir>`). */
  heapSnapshot?: string
}

/** Wall time of the store's appendUpdates (Mapboard only), ms. */
export interface StoreTiming {
  count: number
  p50: number
  p99: number
  max: number
}

export interface ProbeReply {
  type: 'probe-reply'
  id: number
  eventLoop: EventLoopDelay
  memory: MemorySample
  store?: StoreTiming
}

/** A reading of the server process, taken by the orchestrator when the load generator asks. */
export interface ServerSample {
  /** performance.timeOrigin + performance.now() of the orchestrator, ms. */
  at: number
  /** utime + stime of the server process, from /proc/<pid>/stat. */
  cpuSeconds: number
  /** The stime part: kernel work (sockets, fsync). */
  cpuSystemSeconds: number
  /** Since the previous sample that reset the window. */
  eventLoop: EventLoopDelay
  memory: MemorySample
  /** Since the previous sample that reset the window. */
  store?: StoreTiming
  /** Several processes serving as one (a cluster): each one's own reading; the fields above combine them. */
  instances?: ServerSample[]
}

/** Load generator → orchestrator. */
export interface SampleRequest {
  type: 'sample'
  id: number
  gc: boolean
  resetEventLoop: boolean
  /** Bracket a measured window: the orchestrator profiles the server over it when asked to. */
  window?: 'start' | 'end'
  /** A state worth a heap snapshot (named so), when the orchestrator was asked for them. */
  snapshot?: string
}

export interface SampleReply {
  type: 'sample-reply'
  id: number
  sample: ServerSample
}

export function isMessage<T extends { type: string }>(value: unknown, type: T['type']): value is T {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type
}
