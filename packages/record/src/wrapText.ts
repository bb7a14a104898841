// Word wrapping and fitting for text drawn line by line (sticky notes, headings), measured by the backend.

export type Measure = (text: string) => number

const ELLIPSIS = '…'

/** `text` in lines no wider than `maxWidth`: breaks at spaces and line breaks; a word too long is split. */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = []
  for (const paragraph of text.replace(/\r\n?/gu, '\n').split('\n')) {
    let line = ''
    for (const word of paragraph.split(/[ \t]+/u).filter((part) => part !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`
      if (measure(candidate) <= maxWidth) {
        line = candidate
        continue
      }
      if (line !== '') lines.push(line)
      line = ''
      // A word wider than the line is cut where it must be.
      let rest = word
      while (measure(rest) > maxWidth && rest.length > 1) {
        let cut = rest.length - 1
        while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut--
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    lines.push(line)
  }
  return lines
}

/** One line, cut with an ellipsis if it is wider than `maxWidth`. */
export function clipLine(text: string, maxWidth: number, measure: Measure): string {
  if (measure(text) <= maxWidth) return text
  let end = text.length
  while (end > 0 && measure(text.slice(0, end) + ELLIPSIS) > maxWidth) end--
  return text.slice(0, end).trimEnd() + ELLIPSIS
}

export interface FittedText {
  size: number
  lines: string[]
  /** Line advance, in the same units as `size`. */
  lineHeight: number
  /** True when even the smallest size did not fit: the last line ends with an ellipsis. */
  truncated: boolean
}

/**
 * The largest of `sizes` (largest first) at which `text` fits `width` × `height` when wrapped, as the board
 * fits a note's text; at the smallest size, the lines that fit, the last one ending in an ellipsis.
 */
export function fitText(
  text: string,
  width: number,
  height: number,
  sizes: readonly number[],
  lineHeight: number,
  measureAt: (text: string, size: number) => number,
): FittedText {
  let fitted: FittedText | undefined
  for (const size of sizes) {
    const lines = wrapText(text, width, (part) => measureAt(part, size))
    fitted = { size, lines, lineHeight: size * lineHeight, truncated: false }
    if (lines.length * size * lineHeight <= height) return fitted
  }
  if (fitted === undefined) throw new RangeError('fitText needs at least one size')
  const { size } = fitted
  const room = Math.max(1, Math.floor(height / fitted.lineHeight))
  const kept = fitted.lines.slice(0, room)
  const last = kept.length - 1
  kept[last] = clipLine(`${kept[last] ?? ''}${ELLIPSIS}`, width, (part) => measureAt(part, size))
  return { ...fitted, lines: kept, truncated: true }
}
