// The type sizes of a note, in board units (1 unit = 1 CSS px at 100%). No Konva here, so the zoom maths
// (readability.ts) can read them without a canvas.

/** The smallest note text drawn: at 100% it is 12 CSS px, the readable size. */
export const SMALLEST_NOTE_TEXT = 12
/** Note text is fitted to the largest of these that holds it, down to SMALLEST_NOTE_TEXT. */
export const NOTE_TEXT_SIZES = [16, 15, 14, 13, SMALLEST_NOTE_TEXT] as const
/** The author line and the source line: as large as the smallest note text. */
export const NOTE_META_SIZE = 12
