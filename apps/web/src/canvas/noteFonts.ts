// The type sizes of a note, in board units (1 unit = 1 CSS px at 100%). No Konva here, so the zoom maths
// (readability.ts) can read them without a canvas.

/** The smallest note text drawn: at 100% it is 12 CSS px, the readable size. */
export const SMALLEST_NOTE_TEXT = 12
/** Note text is fitted to the largest of these that holds it, down to SMALLEST_NOTE_TEXT. */
export const NOTE_TEXT_SIZES = [16, 15, 14, 13, SMALLEST_NOTE_TEXT] as const
/** The author line and the source line: as large as the smallest note text. */
export const NOTE_META_SIZE = 12

/**
 * The largest of NOTE_TEXT_SIZES at which `fits` holds, or null if none does. A wrapped text only grows taller
 * with its font size, so the sizes are halved: three layouts at most instead of one per size.
 */
export function largestFittingSize(fits: (fontSize: number) => boolean): number | null {
  // Every size before `low` is too large; every size from `high` on fits (high = length: none known to).
  let low = 0
  let high: number = NOTE_TEXT_SIZES.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (fits(NOTE_TEXT_SIZES[middle] ?? SMALLEST_NOTE_TEXT)) high = middle
    else low = middle + 1
  }
  return NOTE_TEXT_SIZES[high] ?? null
}
