// The latency chart of docs/benchmarks.md, as plain SVG: one panel per workload, one row per server, one bar per
// percentile on a logarithmic axis (the servers differ by orders of magnitude under load).

export interface ChartRow {
  label: string
  p50: number
  p95: number
  p99: number
  max: number
}

export interface ChartPanel {
  title: string
  rows: ChartRow[]
}

const PERCENTILES = [
  { key: 'p50', colour: '#4e79a7' },
  { key: 'p95', colour: '#f28e2b' },
  { key: 'p99', colour: '#e15759' },
  { key: 'max', colour: '#9c9c9c' },
] as const

const WIDTH = 900
const LABEL_WIDTH = 250
const PLOT_LEFT = LABEL_WIDTH + 10
const PLOT_WIDTH = WIDTH - PLOT_LEFT - 60
const BAR = 7
const ROW_GAP = 10
const PANEL_HEADER = 40
const AXIS_HEIGHT = 28

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const format = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2))

export function latencyChart(panels: ChartPanel[], caption: string): string {
  const values = panels.flatMap((panel) => panel.rows.flatMap((row) => [row.p50, row.p95, row.p99, row.max]))
  const finite = values.filter((value) => Number.isFinite(value) && value > 0)
  const low = 10 ** Math.floor(Math.log10(Math.max(0.1, Math.min(1, ...finite))))
  const high = 10 ** Math.ceil(Math.log10(Math.max(10, ...finite)))
  const x = (ms: number) =>
    PLOT_LEFT +
    (PLOT_WIDTH * (Math.log10(Math.max(low, ms)) - Math.log10(low))) / (Math.log10(high) - Math.log10(low))
  const rowHeight = PERCENTILES.length * BAR + ROW_GAP

  const parts: string[] = []
  let y = 50
  for (const panel of panels) {
    const top = y + PANEL_HEADER
    const bottom = top + panel.rows.length * rowHeight
    parts.push(`<text x="10" y="${y + 24}" class="title">${escape(panel.title)}</text>`)
    for (let tick = low; tick <= high; tick *= 10) {
      const tx = x(tick).toFixed(1)
      parts.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${bottom}" class="grid"/>`)
      parts.push(
        `<text x="${tx}" y="${bottom + 16}" class="tick">${tick >= 1000 ? `${tick / 1000} s` : `${tick} ms`}</text>`,
      )
    }
    for (const [r, row] of panel.rows.entries()) {
      const rowTop = top + r * rowHeight
      parts.push(
        `<text x="${LABEL_WIDTH}" y="${rowTop + (PERCENTILES.length * BAR) / 2 + 4}" class="label">${escape(row.label)}</text>`,
      )
      for (const [p, { key, colour }] of PERCENTILES.entries()) {
        const value = row[key]
        const barTop = rowTop + p * BAR
        if (!Number.isFinite(value)) continue
        const end = x(value)
        parts.push(
          `<rect x="${PLOT_LEFT}" y="${barTop}" width="${Math.max(1, end - PLOT_LEFT).toFixed(1)}" height="${BAR - 1}" fill="${colour}"><title>${escape(row.label)} ${key} ${format(value)} ms</title></rect>`,
        )
        if (key === 'p99' || key === 'max') {
          parts.push(
            `<text x="${(end + 4).toFixed(1)}" y="${barTop + BAR - 1}" class="value">${format(value)}</text>`,
          )
        }
      }
    }
    y = bottom + AXIS_HEIGHT + 10
  }
  const legend = PERCENTILES.map(({ key, colour }, i) => {
    const lx = WIDTH - 60 - (PERCENTILES.length - i) * 80
    return `<rect x="${lx}" y="14" width="12" height="12" fill="${colour}"/><text x="${lx + 18}" y="24" class="legend">${key}</text>`
  }).join('')
  const height = y + 24
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    '<style>.title{font-size:15px;font-weight:600}.label{font-size:12px;text-anchor:end}.tick{font-size:11px;text-anchor:middle;fill:#555}.value{font-size:10px;fill:#333}.legend{font-size:12px}.grid{stroke:#ddd}.caption{font-size:11px;fill:#555}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="24" class="title">Edit-to-observe latency (ms, log scale)</text>`,
    legend,
    ...parts,
    `<text x="10" y="${height - 8}" class="caption">${escape(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n')
}
