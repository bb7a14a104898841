/** Cell formatting for the report: a missing figure is a dash, never "NaN". */

export const missing = (value: number) => !Number.isFinite(value)

export function ms(value: number): string {
  if (missing(value)) return '—'
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)
}

export function fixed(value: number, digits = 1): string {
  return missing(value) ? '—' : value.toFixed(digits)
}

export function kib(bytes: number): string {
  return missing(bytes) ? '—' : (bytes / 1024).toFixed(1)
}

export function mib(bytes: number): string {
  return missing(bytes) ? '—' : (bytes / 2 ** 20).toFixed(1)
}

export function ratio(value: number): string {
  return missing(value) ? '—' : `${value.toFixed(2)}×`
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
