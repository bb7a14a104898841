// The text of a benchmark note says who wrote it, which of their edits it is, and when it was meant to be sent:
// `[bench w=<writer> s=<seq> t=<intended ms>] …`. Edits aimed at a locked section use `s=L<n>`.

export interface EditStamp {
  writer: number
  /** Sequence number of a visible edit, or -1 for an edit aimed at a locked section. */
  seq: number
  intendedMs: number
}

const FILLER = 'Observed at the home visit; discussed with the family and the school.'
const PATTERN = /^\[bench w=(\d+) s=(L?)(\d+) t=([\d.]+)\]/

export function stampText(writer: number, seq: number, intendedMs: number, locked = false): string {
  return `[bench w=${writer} s=${locked ? 'L' : ''}${seq} t=${intendedMs.toFixed(3)}] ${FILLER}`
}

export function readStamp(text: unknown): EditStamp | undefined {
  if (typeof text !== 'string') return undefined
  const match = PATTERN.exec(text)
  if (match === null) return undefined
  return {
    writer: Number(match[1]),
    seq: match[2] === 'L' ? -1 : Number(match[3]),
    intendedMs: Number(match[4]),
  }
}
