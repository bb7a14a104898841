import Konva from 'konva'
import { SMALLEST_NOTE_TEXT, largestFittingSize } from './noteFonts.ts'

export const FONT_FAMILY = 'Inter, system-ui, sans-serif'
export const NOTE_PADDING = 10
/** Space at the top of a note for the kind badge, and at the bottom for the source line. */
export const NOTE_TOP = 34
export const NOTE_BOTTOM = 20
const LINE_HEIGHT = 1.22

export interface FittedText {
  fontSize: number
  lineHeight: number
  /** True when even the smallest size overflows; the text is then cut with an ellipsis. */
  truncated: boolean
}

let measurer: Konva.Text | null = null

/** Fitted sizes already measured, by box and text: a note culled out and back in while panning is not measured again. */
const fitted = new Map<string, FittedText>()
/** Enough for every note of a very large map at one size; past it the cache starts again rather than grow. */
const MOST_REMEMBERED = 10_000

/**
 * The largest font size at which `text` fits the note's text area when word-wrapped, so a short note reads
 * large and a long one still fits. Measured with Konva's own wrapping, so it matches what is drawn. The board
 * draws only once its fonts are loaded, so what is remembered was measured with them.
 */
export function fitNoteText(text: string, width: number, height: number): FittedText {
  const key = `${width}x${height}:${text}`
  const known = fitted.get(key)
  if (known !== undefined) return known
  const fit = measureFit(text, width, height)
  if (fitted.size >= MOST_REMEMBERED) fitted.clear()
  fitted.set(key, fit)
  return fit
}

function measureFit(text: string, width: number, height: number): FittedText {
  const wrapped = (measurer ??= new Konva.Text({
    fontFamily: FONT_FAMILY,
    wrap: 'word',
    lineHeight: LINE_HEIGHT,
  }))
  wrapped.width(width)
  wrapped.text(text)
  const fontSize = largestFittingSize((size) => wrapped.fontSize(size).height() <= height)
  if (fontSize === null) return { fontSize: SMALLEST_NOTE_TEXT, lineHeight: LINE_HEIGHT, truncated: true }
  return { fontSize, lineHeight: LINE_HEIGHT, truncated: false }
}
