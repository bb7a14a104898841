// `pnpm --filter @mapboard/bench bench:cluster [--quick] [--runs N] [--no-write] [--profile dir]` (run by
// `pnpm bench`): 50 rooms × 5 clients on Mapboard as two instances sharing one PostgreSQL database and one Redis
// (decision 0047; each room's clients split over both, so the authority relays for the other), beside one
// instance on PostgreSQL and one on SQLite, in the same runs. Writes the "Several instances" section of
// docs/benchmarks.md and docs/benchmarks/cluster.json; with --profile, a CPU profile of every server's measured
// window (each instance its own) and their summary by category (docs/benchmarks/cluster-profile.md).
// Without PostgreSQL or Redis on 127.0.0.1 it says so and stops, successfully: the rest of `pnpm bench` runs on.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { benchServer } from './orchestrator/benchServer.ts'
import { missingServices } from './orchestrator/benchServices.ts'
import { ChildGroup, pinSelf } from './orchestrator/ChildGroup.ts'
import { instanceProfilePath } from './orchestrator/ServerSet.ts'
import { summarizeProfile } from './profile/profileSummary.ts'
import type { CpuProfile, ProfileSummary } from './profile/profileSummary.ts'
import { profileReport } from './profile/profileReport.ts'
import { sourceMapsIn } from './profile/sourceLocator.ts'
import { clusterSection, CLUSTER_SERVERS } from './report/clusterSection.ts'
import type { CaseRecord } from './report/CaseRecord.ts'
import { loadAverage } from './report/environment.ts'
import { inRepositoryStyle, writeSection } from './report/replaceSection.ts'
import { thisMeasurement } from './report/writeReport.ts'
import { serverKind } from './servers/serverKinds.ts'
import { benchSettings } from './settings.ts'

const SERVER_CPU = 1
const LOAD_CPU = 0
const WORKLOAD = 'rooms-50x5'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
})

const log = (line: string) => process.stdout.write(`${line}\n`)
const runs = values.runs === undefined ? undefined : Number(values.runs)
if (runs !== undefined && !(Number.isInteger(runs) && runs >= 1)) {
  process.stderr.write('--runs takes a whole number from 1\n')
  process.exit(2)
}
const settings = benchSettings(values.quick, runs)
const profileDir = values.profile === undefined ? undefined : resolve(values.profile)
if (profileDir !== undefined) await mkdir(profileDir, { recursive: true })

const missing = await missingServices(['postgres', 'redis'])
if (missing.length > 0) {
  log(
    `bench:cluster skipped: ${missing.join(' and ')} did not answer. Several instances need both on 127.0.0.1 ` +
      '(scripts/install.sh --with-test-tools installs and starts them; MAPBOARD_BENCH_POSTGRES_URL and ' +
      'MAPBOARD_BENCH_REDIS_URL point elsewhere). docs/benchmarks.md keeps its last "Several instances" section.',
  )
  process.exit(0)
}

const group = new ChildGroup()
const pinned = pinSelf(LOAD_CPU) && group.pinning
process.on('exit', () => group.killAll())
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping every process the bench started`)
    group.stopAll().finally(() => process.exit(130))
  })
}

log(
  `bench:cluster: ${settings.quick ? 'quick' : 'full'}, ${settings.runs} run(s), ${CLUSTER_SERVERS.join(' ')}`,
)
const deadline = Date.now() + (settings.quick ? 4 : 15) * 60_000
const records: CaseRecord[] = []
const started = Date.now()
try {
  for (let run = 1; run <= settings.runs; run++) {
    // Rotated each run, as in the comparison, so drift of the machine does not always fall on the same server.
    const order = CLUSTER_SERVERS.map((_, i) => CLUSTER_SERVERS[(i + run - 1) % CLUSTER_SERVERS.length])
    for (const id of order) {
      if (id === undefined || Date.now() > deadline) continue
      const options = { run, settings, serverCpu: SERVER_CPU, loadCpu: LOAD_CPU, deadline, log }
      records.push(
        ...(await benchServer(group, serverKind(id), [WORKLOAD], {
          ...options,
          ...(profileDir === undefined ? {} : { profileDir }),
        })),
      )
    }
  }
} finally {
  await group.stopAll()
}
const minutes = (Date.now() - started) / 60_000
log(`bench:cluster finished in ${minutes.toFixed(1)} min (load average now ${loadAverage().toFixed(2)})`)

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const write = !values['no-write']
if (write) {
  const measurement = thisMeasurement()
  const markdownPath = join(repoRoot, 'docs', 'benchmarks.md')
  const rawPath = join(repoRoot, 'docs', 'benchmarks', 'cluster.json')
  const section = clusterSection({ records, settings, pinned, minutes, ...measurement })
  await writeSection(markdownPath, 'cluster', section)
  await mkdir(dirname(rawPath), { recursive: true })
  const raw = JSON.stringify({ ...measurement, settings, pinned, minutes, records })
  await writeFile(rawPath, await inRepositoryStyle(rawPath, raw))
  for (const path of [markdownPath, rawPath]) log(`wrote ${relative(process.cwd(), path)}`)
}

if (profileDir !== undefined) {
  // The first run's profiles: one per single server, one per instance of the cluster.
  const locate = await sourceMapsIn(join(repoRoot, 'apps', 'server', 'dist'), repoRoot)
  const summaries: Array<{ label: string; summary: ProfileSummary }> = []
  for (const id of CLUSTER_SERVERS) {
    const kind = serverKind(id)
    const path = join(profileDir, `${id}-${WORKLOAD}-run1.cpuprofile`)
    const paths = kind.instances > 1 ? [0, 1].map((i) => instanceProfilePath(path, i)) : [path]
    for (const [i, file] of paths.entries()) {
      const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile
      const name = kind.instances > 1 ? `${kind.label}, instance ${i + 1}` : kind.label
      summaries.push({ label: name, summary: summarizeProfile(profile, locate) })
    }
  }
  const report = profileReport(summaries, { date: thisMeasurement().date, loadAverage: loadAverage() })
  const targets = [join(profileDir, 'cluster-profile.md')]
  if (write) targets.push(join(repoRoot, 'docs', 'benchmarks', 'cluster-profile.md'))
  for (const path of targets) {
    await writeFile(path, await inRepositoryStyle(path, report))
    log(`wrote ${relative(process.cwd(), path)}`)
  }
}
process.exit(records.some((record) => record.error !== undefined) ? 1 : 0)
