import Konva from 'konva'
import { NOTE_TEXT_SIZES, SMALLEST_NOTE_TEXT } from './noteFonts.ts'

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

/**
 * The largest font size at which `text` fits the note's text area when word-wrapped, so a short note reads
 * large and a long one still fits. Measured with Konva's own wrapping, so it matches what is drawn.
 */
export function fitNoteText(text: string, width: number, height: number): FittedText {
  measurer ??= new Konva.Text({ fontFamily: FONT_FAMILY, wrap: 'word', lineHeight: LINE_HEIGHT })
  measurer.width(width)
  measurer.text(text)
  for (const fontSize of NOTE_TEXT_SIZES) {
    measurer.fontSize(fontSize)
    if (measurer.height() <= height) return { fontSize, lineHeight: LINE_HEIGHT, truncated: false }
  }
  return { fontSize: SMALLEST_NOTE_TEXT, lineHeight: LINE_HEIGHT, truncated: true }
}
