import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerId } from '../servers/serverKinds.ts'
import { serverKind } from '../servers/serverKinds.ts'
import type { BenchSettings } from '../settings.ts'
import type { EditLoadResult, WorkloadId } from '../workloads/WorkloadResult.ts'
import { Aggregate } from './aggregate.ts'
import type { CaseRecord } from './CaseRecord.ts'
import { machineInfo, packageVersions } from './environment.ts'
import type { MachineInfo } from './environment.ts'
import { latencyChart } from './latencyChart.ts'
import type { ChartPanel } from './latencyChart.ts'
import { inRepositoryStyle, writeSection } from './replaceSection.ts'
import { serversSection } from './serversSection.ts'

export interface ReportContext {
  settings: BenchSettings
  servers: ServerId[]
  workloads: WorkloadId[]
  pinned: boolean
  minutes: number
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..')
const HEADER =
  '# Benchmarks\n\nWritten by `pnpm bench` (packages/bench); each benchmark rewrites only its own section.\n'

function chartPanels(aggregate: Aggregate, servers: ServerId[]): ChartPanel[] {
  const panel = (workload: EditLoadResult['workload'], title: string): ChartPanel => ({
    title,
    rows: servers
      .filter((id) => aggregate.count(id, workload) > 0)
      .map((id) => ({
        label: serverKind(id).label,
        p50: aggregate.median(id, workload, (r) => r.latency.p50),
        p95: aggregate.median(id, workload, (r) => r.latency.p95),
        p99: aggregate.median(id, workload, (r) => r.latency.p99),
        max: aggregate.median(id, workload, (r) => r.latency.max),
      })),
  })
  return [
    panel('room-1x30', '1 room × 30 clients, 10 writing at 5 edits/s'),
    panel('rooms-50x5', '50 rooms × 5 clients, 2 writing at 1 edit/s'),
  ].filter((p) => p.rows.length > 0)
}

/** When and where results were measured. */
export interface Measurement {
  /** YYYY-MM-DD */
  date: string
  machine: MachineInfo
  versions: Record<string, string>
}

/** This machine, today. */
export function thisMeasurement(): Measurement {
  return { date: new Date().toISOString().slice(0, 10), machine: machineInfo(), versions: packageVersions() }
}

/** Writes the servers section of docs/benchmarks.md, docs/benchmarks/latency.svg and the raw results. */
export async function writeReport(
  records: CaseRecord[],
  context: ReportContext,
  measurement: Measurement = thisMeasurement(),
): Promise<string[]> {
  const { date, machine, versions } = measurement
  const aggregate = new Aggregate(records)
  const markdownPath = join(repoRoot, 'docs', 'benchmarks.md')
  const chartPath = join(repoRoot, 'docs', 'benchmarks', 'latency.svg')
  const rawPath = join(repoRoot, 'docs', 'benchmarks', 'servers.json')
  await mkdir(dirname(chartPath), { recursive: true })

  const section = serversSection({
    aggregate,
    context,
    machine,
    versions,
    date,
    loadAverages: records.flatMap((record) => (record.loadAverage === undefined ? [] : [record.loadAverage])),
  })
  await writeSection(markdownPath, 'servers', section, HEADER)

  const caption = `${date} · ${machine.cpuModel}, ${machine.cores} cores · Node ${machine.node} · ${context.settings.quick ? 'quick run' : `median of ${context.settings.runs} runs`}`
  await writeFile(chartPath, latencyChart(chartPanels(aggregate, context.servers), caption))
  await writeFile(
    rawPath,
    await inRepositoryStyle(rawPath, JSON.stringify({ date, machine, versions, context, records })),
  )
  return [markdownPath, chartPath, rawPath].map((path) => relative(process.cwd(), path))
}
