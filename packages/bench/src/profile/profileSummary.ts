// Self time of a V8 CPU profile (.cpuprofile, as `node --cpu-prof` or the inspector's Profiler writes it) per
// function and per category of work: where a Mapboard instance spends its CPU.
import type { SourceLocator } from './sourceLocator.ts'

export interface CpuProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
  children?: number[]
}

export interface CpuProfile {
  nodes: CpuProfileNode[]
  startTime: number
  endTime: number
  samples?: number[]
  /** µs before each sample. */
  timeDeltas?: number[]
}

export const CATEGORIES = [
  'relay/Redis',
  'gate',
  'encoding (Yjs, lib0)',
  'storage',
  'ws and sockets',
  'rooms and server (other)',
  'http (fastify)',
  'garbage collection',
  'V8 and native (program)',
  'Node internals (other)',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]

/** Server modules that decide whether an update is allowed (the update gate and what it calls). */
const GATE_MODULES = [
  'UpdateGate',
  'permissionRules',
  'checkUpdate',
  'scanUpdate',
  'pendingContent',
  'lateWrites',
  'WriterIntake',
  'NoteReceipts',
  'placeItems',
  'serverOrigin',
  'ClientIdOwners',
  'RefusalWindow',
]
/** Server modules that read and write the wire format. */
const ENCODING_MODULES = ['syncMessages', 'SyncAnswer', 'JoinerCache', 'IntakeReply']

const moduleName = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]s$/, '')

/** The category of a frame's self time, from its source file (or URL) and function name. */
export function categorize(file: string, functionName: string): Category {
  if (functionName === '(garbage collector)') return 'garbage collection'
  if (functionName === '(program)' || (file === '' && functionName.startsWith('('))) {
    return 'V8 and native (program)'
  }
  const has = (...parts: string[]) => parts.some((part) => file.includes(part))
  if (
    has(
      '/ioredis/',
      '/@ioredis/',
      '/redis-parser/',
      '/denque/',
      '/cluster-key-slot/',
      'apps/server/src/cluster/',
    )
  ) {
    return 'relay/Redis'
  }
  if (has('/pg/', '/pg-protocol/', '/pg-pool/', '/pg-types/', '/postgres-', '/pgpass/', '/better-sqlite3/')) {
    return 'storage'
  }
  if (has('apps/server/src/storage/')) return 'storage'
  if (has('/yjs/', '/lib0/', '/y-protocols/')) return 'encoding (Yjs, lib0)'
  if (has('packages/map-model/')) return 'gate'
  if (has('apps/server/src/rooms/')) {
    const name = moduleName(file)
    if (GATE_MODULES.includes(name)) return 'gate'
    if (ENCODING_MODULES.includes(name)) return 'encoding (Yjs, lib0)'
    return 'rooms and server (other)'
  }
  if (
    has(
      '/ws/lib/',
      '/@fastify/websocket/',
      'node:net',
      'node:internal/stream_base_commons',
      'node:internal/streams/',
    )
  ) {
    return 'ws and sockets'
  }
  if (has('apps/server/src/', 'packages/protocol/')) return 'rooms and server (other)'
  if (has('/fastify/', '/@fastify/', '/avvio/', '/pino/', '/find-my-way/', '/light-my-request/')) {
    return 'http (fastify)'
  }
  if (file.startsWith('node:')) return 'Node internals (other)'
  return 'other'
}

export interface FunctionSelfTime {
  functionName: string
  /** Source file (relative to the repository, or a package path in node_modules) and 1-based line. */
  where: string
  category: Category
  selfMs: number
}

export interface ProfileSummary {
  /** Sampled time the process was busy (idle excluded), ms. */
  busyMs: number
  /** Profile length, ms. */
  wallMs: number
  byCategory: Array<{ category: Category; selfMs: number; share: number }>
  /** Functions by self time, most first (at most `top`). */
  top: FunctionSelfTime[]
}

/** `…/node_modules/.pnpm/yjs@13.6.33/node_modules/yjs/dist/yjs.mjs` → `yjs/dist/yjs.mjs`. */
export function shortPath(path: string): string {
  const at = path.lastIndexOf('node_modules/')
  return at === -1 ? path : path.slice(at + 'node_modules/'.length)
}

/** Code of our own or of a package, as opposed to Node's internals and native frames (which have no URL). */
const isCode = (source: string) => source !== '' && !source.startsWith('node:')
/**
 * The bench's probe in the server process (the profiler's start and stop, IPC answers). Not the rest of the bench's
 * code there: storeTiming.ts wraps the store, and what runs under it is the store's work.
 */
const isInstrumentation = (source: string) => source.endsWith('packages/bench/src/servers/probe.ts')

/**
 * Self time per function and per category; `locate` maps built code back to its source file. Native frames and
 * Node's internals count for the nearest caller in code of our own or of a package (a socket write under ws is
 * ws's, under pg storage's, under ioredis the relay's). Time under the bench's probe (the profiler's own start and
 * stop) is left out.
 */
export function summarizeProfile(profile: CpuProfile, locate: SourceLocator, top = 15): ProfileSummary {
  const selfUs = new Map<number, number>()
  const { samples, timeDeltas } = profile
  if (samples !== undefined && timeDeltas !== undefined && samples.length === timeDeltas.length) {
    // timeDeltas[i] is the time up to sample i: it is that sample's node's.
    for (let i = 0; i < samples.length; i++) {
      const node = samples[i] as number
      selfUs.set(node, (selfUs.get(node) ?? 0) + Math.max(0, timeDeltas[i] as number))
    }
  } else {
    const totalHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0)
    const perHit = totalHits === 0 ? 0 : (profile.endTime - profile.startTime) / totalHits
    for (const node of profile.nodes) selfUs.set(node.id, (node.hitCount ?? 0) * perHit)
  }

  const parents = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const sources = new Map<number, string>()
  const sourceOf = (node: CpuProfileNode): string => {
    let source = sources.get(node.id)
    if (source === undefined) {
      const { url, lineNumber, columnNumber } = node.callFrame
      source = url === '' ? '' : (locate(url, lineNumber, columnNumber) ?? url)
      sources.set(node.id, source)
    }
    return source
  }
  /** The nearest frame, from this one up, in code (not native, not Node's internals); and whether the probe is above. */
  const attributed = new Map<number, { source: string; instrumentation: boolean }>()
  const attribution = (id: number): { source: string; instrumentation: boolean } => {
    const known = attributed.get(id)
    if (known !== undefined) return known
    // Walk up iteratively (stacks can be deep), then fill in on the way back.
    const chain: number[] = []
    let at: number | undefined = id
    let found: { source: string; instrumentation: boolean } | undefined
    while (at !== undefined) {
      const cached = attributed.get(at)
      if (cached !== undefined) {
        found = cached
        break
      }
      chain.push(at)
      at = parents.get(at)
    }
    let result = found ?? { source: '', instrumentation: false }
    for (const nodeId of chain.reverse()) {
      const node = byId.get(nodeId)
      const source = node === undefined ? '' : sourceOf(node)
      result = {
        source: isCode(source) ? source : result.source,
        instrumentation: result.instrumentation || isInstrumentation(source),
      }
      attributed.set(nodeId, result)
    }
    return attributed.get(id) ?? result
  }

  const byCategory = new Map<Category, number>()
  const byFunction = new Map<string, FunctionSelfTime>()
  let busyUs = 0
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0
    const { functionName, url, lineNumber } = node.callFrame
    if (us === 0 || functionName === '(idle)') continue
    const owner = attribution(node.id)
    if (owner.instrumentation) continue
    busyUs += us
    const source = sourceOf(node)
    const special = functionName.startsWith('(') && source === ''
    const category = categorize(
      special || isCode(source) || owner.source === '' ? source : owner.source,
      functionName,
    )
    byCategory.set(category, (byCategory.get(category) ?? 0) + us)
    const name = functionName === '' ? '(anonymous)' : functionName
    const own =
      source === '' ? '(native)' : `${shortPath(source)}${url === source ? `:${lineNumber + 1}` : ''}`
    const where = special
      ? ''
      : isCode(source) || owner.source === ''
        ? own
        : `${own} under ${shortPath(owner.source)}`
    const key = `${name}\u0000${where}`
    const entry = byFunction.get(key) ?? { functionName: name, where, category, selfMs: 0 }
    entry.selfMs += us / 1000
    byFunction.set(key, entry)
  }
  return {
    busyMs: busyUs / 1000,
    wallMs: (profile.endTime - profile.startTime) / 1000,
    byCategory: CATEGORIES.filter((category) => byCategory.has(category))
      .map((category) => {
        const us = byCategory.get(category) ?? 0
        return { category, selfMs: us / 1000, share: busyUs === 0 ? 0 : us / busyUs }
      })
      .sort((a, b) => b.selfMs - a.selfMs),
    top: [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
  }
}
