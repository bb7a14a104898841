// `pnpm --filter @mapboard/bench bench:startup`: what running the server from its build costs and saves (decision
// 0046). The server as `pnpm start` runs it (`node dist/main.js`, built by esbuild) against the same server from
// its TypeScript sources through tsx (`node --import tsx src/main.ts`, how it ran before), in one run, each a
// process of its own on 127.0.0.1:
//
//   start-up         spawn → the first 200 from GET /healthz; median of --starts per way, the ways alternating
//   memory per map   RSS with --maps maps loaded (one idle y-websocket client each) minus the RSS of the same
//                    server before any was opened, divided by --maps; median of --rounds per way
//
// The maps are made beforehand by another server process on the same data directory, so the figure is what an
// open, idle map holds, not what creating it left behind. Writes the "Running from the build" section of
// docs/benchmarks.md (nothing else in that file changes).
//
//   --starts N (10)   --maps N (100)   --rounds N (3)   --quick (5 starts, 1 round)   --no-write (print only)
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { CreateMapResponse } from '@mapboard/protocol'
import { SERVER_DIST_DIR, ensureServerBuild } from '@mapboard/server/build'
import { connectBenchClient } from './load/BenchClient.ts'
import type { BenchClient } from './load/BenchClient.ts'
import { sleep } from './load/connectAll.ts'
import type { Target } from './load/Target.ts'
import { loadAverage, machineInfo } from './report/environment.ts'
import { writeSection } from './report/replaceSection.ts'
import { median } from './stats/percentiles.ts'

const { values } = parseArgs({
  options: {
    starts: { type: 'string' },
    maps: { type: 'string' },
    rounds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
})
const quick = values.quick
const starts = Number(values.starts ?? (quick ? 5 : 10))
const mapCount = Number(values.maps ?? 100)
const rounds = Number(values.rounds ?? (quick ? 1 : 3))
const DOC = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url))
const SERVER_DIR = dirname(SERVER_DIST_DIR)
/** Links made by the seeding server open on the measured one. */
const SECRET = 'a-benchmark-secret-of-at-least-thirty-two-characters'
/** Settling time before each RSS reading: what the server does right after a burst (GC, timers) passes. */
const SETTLE_MS = 2000
/**
 * Loaded into both ways alike (a data: URL, no file of ours): on SIGUSR2 the server collects garbage twice and
 * prints its memory, so a reading is not of whatever start-up (tsx's compiling above all) left to collect.
 */
const MEMORY_ON_SIGUSR2 = [
  '--expose-gc',
  '--import',
  'data:text/javascript,process.on("SIGUSR2",()=>{globalThis.gc();globalThis.gc();const m=process.memoryUsage();' +
    'process.stdout.write(`memory ${m.rss} ${m.heapUsed + m.external}\\n`)})',
]

interface Way {
  id: 'tsx' | 'build'
  label: string
  args: readonly string[]
}

const FROM_SOURCES: Way = {
  id: 'tsx',
  label: 'TypeScript sources through tsx (`node --import tsx src/main.ts`)',
  args: ['--import', 'tsx', 'src/main.ts'],
}
const FROM_BUILD: Way = {
  id: 'build',
  label: 'the build (`node dist/main.js`, what `pnpm start` runs)',
  args: [join('dist', 'main.js')],
}
const WAYS: readonly Way[] = [FROM_SOURCES, FROM_BUILD]

interface Memory {
  rss: number
  /** V8's heap in use plus memory held outside it (buffers): what the server's objects take. */
  heap: number
}

interface Running {
  child: ChildProcess
  url: string
  /** After a full garbage collection and SETTLE_MS. */
  memory(): Promise<Memory>
  /** ms from spawn to the first 200 from /healthz */
  readyMs: number
  stop(): Promise<void>
}

/** Starts the server one way on port 0 and resolves once /healthz answers 200. */
async function startServer(way: Way, dataDir: string): Promise<Running> {
  const began = performance.now()
  const child = spawn(process.execPath, [...MEMORY_ON_SIGUSR2, ...way.args], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      MAPBOARD_DATA_DIR: dataDir,
      MAPBOARD_SECRET: SECRET,
      // The maps are made from "many addresses" (X-Forwarded-For), or the per-address limit stops at 30.
      MAPBOARD_TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${way.id}: no URL within 60 s:\n${output}`)), 60_000)
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = /Mapboard is running at (http:\/\/\S+)/.exec(output)
      if (match?.[1] === undefined) return
      clearTimeout(timer)
      resolve(match[1])
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    void exited.then(() => reject(new Error(`${way.id}: exited before it listened:\n${output}`)))
  })
  for (;;) {
    const answer = await fetch(`${url}/healthz`).catch(() => undefined)
    if (answer?.status === 200) break
    await sleep(2)
  }
  const readyMs = performance.now() - began
  return {
    child,
    url,
    readyMs,
    async memory() {
      await sleep(SETTLE_MS)
      const printed = output.length
      child.kill('SIGUSR2')
      for (let waited = 0; ; waited += 10) {
        const match = /^memory (\d+) (\d+)$/m.exec(output.slice(printed))
        if (match !== null) return { rss: Number(match[1]), heap: Number(match[2]) }
        if (waited > 30_000) throw new Error(`${way.id}: no memory reading:\n${output}`)
        await sleep(10)
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

/** Makes `count` maps on a server of its own in `dataDir`; returns each map's id and family link token. */
async function seedMaps(dataDir: string, count: number): Promise<{ mapId: string; token: string }[]> {
  const seeder = await startServer(FROM_BUILD, dataDir)
  try {
    const maps: { mapId: string; token: string }[] = []
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${seeder.url}/api/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${i >> 8}.${i & 255}` },
        body: JSON.stringify({ title: `Idle map ${i + 1}` }),
      })
      if (response.status !== 201) throw new Error(`POST /api/maps answered ${response.status}`)
      const map = (await response.json()) as CreateMapResponse
      maps.push({ mapId: map.id, token: new URL(map.links.family).hash.slice(1) })
    }
    return maps
  } finally {
    await seeder.stop()
  }
}

interface MemoryRound {
  empty: Memory
  loaded: Memory
}

async function measureMemory(way: Way): Promise<MemoryRound> {
  const dataDir = await mkdtemp(join(tmpdir(), `bench-startup-${way.id}-`))
  const clients: BenchClient[] = []
  try {
    const maps = await seedMaps(dataDir, mapCount)
    const server = await startServer(way, dataDir)
    try {
      const empty = await server.memory()
      const target: Target = {
        serverId: 'mapboard',
        family: 'mapboard',
        protocol: 'y-websocket',
        ports: [Number(new URL(server.url).port)],
      }
      for (let start = 0; start < maps.length; start += 20) {
        const batch = maps
          .slice(start, start + 20)
          .map(({ mapId, token }) => connectBenchClient(target, mapId, { token, timeoutMs: 30_000 }))
        clients.push(...batch)
        await Promise.all(batch.map((client) => client.synced))
      }
      return { empty, loaded: await server.memory() }
    } finally {
      for (const client of clients) client.destroy()
      await server.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

// One y-websocket provider per map in this process, each listening for the process's exit.
process.setMaxListeners(mapCount + 10)
const load = [loadAverage()]
await ensureServerBuild()
const distBytes = readdirSync(SERVER_DIST_DIR)
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + statSync(join(SERVER_DIST_DIR, file)).size, 0)

const readyMs: Record<Way['id'], number[]> = { tsx: [], build: [] }
const empty = await mkdtemp(join(tmpdir(), 'bench-startup-empty-'))
try {
  // One unmeasured start each, so both ways begin with a warm file cache (and tsx with its compile cache).
  for (const way of WAYS) await (await startServer(way, empty)).stop()
  for (let i = 0; i < starts; i++) {
    for (const way of WAYS) {
      const server = await startServer(way, empty)
      readyMs[way.id].push(server.readyMs)
      await server.stop()
      process.stdout.write(`start ${i + 1} ${way.id}: ${server.readyMs.toFixed(0)} ms\n`)
    }
  }
} finally {
  await rm(empty, { recursive: true, force: true })
}

const memory: Record<Way['id'], MemoryRound[]> = { tsx: [], build: [] }
for (let round = 0; round < rounds; round++) {
  for (const way of WAYS) {
    const measured = await measureMemory(way)
    memory[way.id].push(measured)
    process.stdout.write(
      `memory ${round + 1} ${way.id}: empty ${JSON.stringify(measured.empty)}, ` +
        `${mapCount} maps ${JSON.stringify(measured.loaded)}\n`,
    )
  }
}
load.push(loadAverage())

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`
const perMap = (rounds: readonly MemoryRound[], of: keyof Memory) =>
  median(rounds.map((round) => (round.loaded[of] - round.empty[of]) / mapCount))
const rows = WAYS.map((way) => {
  const times = readyMs[way.id]
  const measured = memory[way.id]
  return {
    way,
    start: median(times),
    fastest: Math.min(...times),
    slowest: Math.max(...times),
    emptyRss: median(measured.map((round) => round.empty.rss)),
    rssPerMap: perMap(measured, 'rss'),
    heapPerMap: perMap(measured, 'heap'),
  }
})
const [tsxRow, buildRow] = rows
const machine = machineInfo()
const section = [
  '## Running from the build',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} with \`pnpm --filter @mapboard/bench bench:startup` +
    `${quick ? ' --quick' : ''}\` (decision 0046). Machine: ${machine.cpuModel}, ${machine.cores} cores, ` +
    `${machine.memoryGiB} GiB, Node ${machine.node}; 1-minute load average ${load[0]?.toFixed(2)} at the start, ` +
    `${load[1]?.toFixed(2)} at the end (the machine is shared: read the ratio more than the absolute figures).`,
  '',
  `The same server, SQLite in a fresh data directory, each way a process of its own. **Start-up**: spawning ` +
    `\`node\` to the first \`200\` from \`GET /healthz\`, ${starts} starts each way (alternating, after one ` +
    `unmeasured start each, so tsx's compile cache is warm). **Memory per idle map**: the process's memory with ` +
    `${mapCount} maps open, one idle y-websocket client on each, minus its memory before it opened any, over ` +
    `${mapCount}; each reading after a forced full garbage collection; median of ${rounds} ` +
    `${rounds === 1 ? 'round' : 'rounds'} (the maps were made beforehand by another process).`,
  '',
  '| way | start-up, median (fastest–slowest) | RSS, empty server | per idle map: RSS | per idle map: heap + external |',
  '| --- | ---------------------------------- | ----------------- | ----------------- | ----------------------------- |',
  ...rows.map(
    (row) =>
      `| ${row.way.label} | ${row.start.toFixed(0)} ms (${row.fastest.toFixed(0)}–${row.slowest.toFixed(0)}) | ` +
      `${mib(row.emptyRss)} | ${kib(row.rssPerMap)} | ${kib(row.heapPerMap)} |`,
  ),
  '',
  tsxRow !== undefined && buildRow !== undefined
    ? `From the build the server answered ${(tsxRow.start / buildRow.start).toFixed(1)}× sooner ` +
      `(${(tsxRow.start - buildRow.start).toFixed(0)} ms less) and its empty process was ` +
      `${mib(tsxRow.emptyRss - buildRow.emptyRss)} smaller (dist/ holds ${kib(distBytes)} of JavaScript; tsx ` +
      'keeps its compiler and the compiled sources). RSS per map depends on how much free heap a process ' +
      'already holds — tsx leaves more behind after start-up, which new rooms then fill — so compare maps by ' +
      'the heap column: a room is data, the same whichever way the code was loaded.'
    : '',
].join('\n')

process.stdout.write(`${section}\n`)
if (!values['no-write']) {
  await writeSection(DOC, 'startup', section)
  process.stdout.write(`wrote ${DOC}\n`)
}
