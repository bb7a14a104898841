import { NOTE_META_SIZE, SMALLEST_NOTE_TEXT } from './noteFonts.ts'

/**
 * On-screen size (CSS px) from which a note's text reads comfortably: the board opens at a zoom that draws every
 * note's text, and its author line, at least this large.
 */
export const READABLE_TEXT_PX = 12

/**
 * On-screen size (CSS px) below which text is no longer legible at all. Zoomed out so far that the smallest note
 * text would be smaller than this, the board stops drawing notes and each section shows a summary instead
 * (how many notes, the first words of the first ones). Between this and READABLE_TEXT_PX the notes are small
 * but legible, so a step or two of zooming out still shows them.
 */
export const LEGIBLE_TEXT_PX = 8

/** How much of the board to draw: every note, or a summary per section. */
export type BoardDetail = 'notes' | 'summary'

/** The lowest zoom at which every note's text and author line are at least READABLE_TEXT_PX on screen. */
export function readableScale(): number {
  return READABLE_TEXT_PX / Math.min(SMALLEST_NOTE_TEXT, NOTE_META_SIZE)
}

/** Notes while their smallest text is still legible on screen, section summaries below that. */
export function detailAt(scale: number): BoardDetail {
  return SMALLEST_NOTE_TEXT * scale < LEGIBLE_TEXT_PX ? 'summary' : 'notes'
}
