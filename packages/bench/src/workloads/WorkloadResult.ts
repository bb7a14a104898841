import type { EventLoopDelay, MemorySample, StoreTiming } from '../ipc.ts'
import type { LatencySummary } from '../stats/percentiles.ts'

export const WORKLOAD_IDS = [
  'idle-200x3',
  'join-storm',
  'room-1x30',
  'rooms-50x5',
  'revert-heavy',
  'update-5mb',
] as const
export type WorkloadId = (typeof WORKLOAD_IDS)[number]

/** What the server process did during a measured window. */
export interface ServerWindow {
  cpuSeconds: number
  /** Of cpuSeconds, the kernel's share (socket syscalls, fsync). */
  cpuSystemSeconds: number
  eventLoop: EventLoopDelay
  rssBytes: number
  /** Mapboard: wall time of its store's appendUpdates (the SQLite commit, fsync included) in the window. */
  store?: StoreTiming
  /** Several processes serving as one (a cluster): each one's window, in the order they were started. */
  instances?: ServerWindow[]
}

export interface EditLoadResult {
  workload: 'room-1x30' | 'rooms-50x5' | 'revert-heavy'
  rooms: number
  clientsPerRoom: number
  writersPerRoom: number
  editsPerSecond: number
  windowMs: number
  /** Visible edits meant to be sent in the window. */
  sent: number
  /** sent × observers in the room. */
  expected: number
  delivered: number
  latency: LatencySummary
  /** Time from connecting to synced, while the rooms were filled. */
  sync: LatencySummary
  server: ServerWindow
  /** Server CPU per delivered (edit, observer) pair, µs. */
  cpuPerDeliveryUs: number
  /** The load generator's own health: if these are high, latency figures include its lag. */
  loadGenerator: { eventLoopP99: number; latenessP99: number }
  /** Close events the clients saw during the run. */
  disconnects: number
  /** revert-heavy only: edits aimed at the locked section. */
  reverts?: { sent: number; reverted: number; latency: LatencySummary; leaked: number }
}

export interface IdleRoomsResult {
  workload: 'idle-200x3'
  rooms: number
  clients: number
  notesPerRoom: number
  /** From the first connection to every client synced with every room's notes. */
  fillMs: number
  baseline: MemorySample
  loaded: MemorySample
  unloaded: MemorySample
  /** (loaded − baseline) / rooms, bytes: heap used + external after a full GC, and RSS. */
  perMap: { heap: number; rss: number }
  /** (after the clients left and the rooms' grace ran out − baseline) / rooms. */
  perMapAfterUnload: { heap: number; rss: number }
  /** While the rooms sat idle with their clients connected. */
  idle: ServerWindow & { seconds: number }
}

export interface JoinStormResult {
  workload: 'join-storm'
  notes: number
  clients: number
  /** Size of the map's state (Y.encodeStateAsUpdate), bytes. */
  stateBytes: number
  /** What applying that state costs one client in the load generator, ms (30 of these run one after another). */
  clientApplyMs: number
  /** Per client, from the storm's start until the frame with the map had arrived (before the client applied it). */
  received: LatencySummary
  /** Per client, from the storm's start to synced with every note (after applying it; clients take turns). */
  synced: LatencySummary
  failed: number
  server: ServerWindow
}

export interface LargeUpdateResult {
  workload: 'update-5mb'
  bytes: number
  /** delivered: every observer got it; refused: the server closed the writer's connection; lost: neither. */
  outcome: 'delivered' | 'refused' | 'lost'
  expected: number
  delivered: number
  latency: LatencySummary
  /** Close codes the writer saw. */
  writerCloseCodes: number[]
  /** Observers still connected afterwards. */
  observersConnected: number
  server: ServerWindow
}

export type WorkloadResult = EditLoadResult | IdleRoomsResult | JoinStormResult | LargeUpdateResult
