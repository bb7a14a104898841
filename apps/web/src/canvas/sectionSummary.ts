// What a section says when the board is zoomed out too far to draw its notes (readability.ts, detailAt): how many
// notes it holds, whether it is locked, and the first words of the first few, each on one line at a size that
// reads on screen.

/** On-screen sizes (CSS px) of the summary's lines; the zoom they are drawn at is quantised (summaryZoom). */
export const SUMMARY_LABEL_PX = 15
export const SUMMARY_LINE_PX = 13
const LINE_HEIGHT = 1.35
/** Screen px inside the section's edge. */
const INSET_PX = 10
/** Never more first-words lines than this, however tall the section: it is a glance, not a list. */
const MAX_SNIPPETS = 5
const SNIPPET_WORDS = 6
const SNIPPET_CHARS = 40

/** "No notes yet", "1 note", "6 notes". */
export function countLine(count: number): string {
  return count === 0 ? 'No notes yet' : `${count} ${count === 1 ? 'note' : 'notes'}`
}

/**
 * The first words of a note's text on one line: white space (line breaks, tabs) collapsed, at most a few words
 * and characters, ending in an ellipsis when something was left out.
 */
export function firstWords(text: string, maxWords = SNIPPET_WORDS, maxChars = SNIPPET_CHARS): string {
  const words = text.split(/\s+/u).filter((word) => word !== '')
  let line = words.slice(0, maxWords).join(' ')
  let cut = words.length > maxWords
  if (line.length > maxChars) {
    // Cut at the last space that fits, or mid-word for one very long word; never inside a surrogate pair.
    const chars = Array.from(line).slice(0, maxChars)
    const space = chars.lastIndexOf(' ')
    line = (space > maxChars / 2 ? chars.slice(0, space) : chars).join('')
    cut = true
  }
  // Where the line was cut, a trailing comma or full stop would sit oddly before the ellipsis.
  return cut ? `${line.replace(/[\s.,;:!?…-]+$/u, '')}…` : line
}

/**
 * The zoom a summary is drawn for: the view's scale rounded down to a quarter power of two, so its text sizes
 * (px / zoom in board units) change a few times per halving of the zoom rather than on every wheel tick, and so
 * its text is never smaller on screen than the sizes above (at most 19% larger).
 */
export function summaryZoom(scale: number): number {
  return 2 ** (Math.floor(Math.log2(scale) * 4) / 4)
}

export interface SummaryLayout {
  /** Board units: the label, the other lines, the space between lines, the inset. */
  labelSize: number
  lineSize: number
  lineHeight: number
  inset: number
  /**
   * Lines of first words that fit in the section below its label, its count and (when locked) the line that
   * says so; at most MAX_SNIPPETS.
   */
  snippets: number
}

/** The summary's type sizes in board units at `zoom`, and how many lines of first words fit a section. */
export function summaryLayout(section: { height: number; locked: boolean }, zoom: number): SummaryLayout {
  const labelSize = SUMMARY_LABEL_PX / zoom
  const lineSize = SUMMARY_LINE_PX / zoom
  const lineHeight = lineSize * LINE_HEIGHT
  const inset = INSET_PX / zoom
  const room = section.height - 2 * inset - labelSize * LINE_HEIGHT - (section.locked ? 2 : 1) * lineHeight
  return {
    labelSize,
    lineSize,
    lineHeight,
    inset,
    snippets: Math.max(0, Math.min(MAX_SNIPPETS, Math.floor(room / lineHeight))),
  }
}

export interface SnippetLines {
  /** The first words of the first notes, one line each. */
  firsts: string[]
  /** "and 3 more" when not every note has a line, else null. */
  more: string | null
}

/**
 * The lines under a section's count: the first words of its first notes, as many as `room` lines allow, the
 * last line saying how many more there are when not all fit.
 */
export function snippetLines(texts: readonly string[], room: number): SnippetLines {
  if (room <= 0 || texts.length === 0) return { firsts: [], more: null }
  const shown = texts.length <= room ? texts.length : room - 1
  const firsts = texts.slice(0, shown).map((text) => firstWords(text) || '(empty note)')
  return { firsts, more: shown < texts.length ? `and ${texts.length - shown} more` : null }
}
