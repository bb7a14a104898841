import { describe, expect, it } from 'vitest'
import { NOTE_META_SIZE, NOTE_TEXT_SIZES } from './noteFonts.ts'
import { LEGIBLE_TEXT_PX, READABLE_TEXT_PX, detailAt, readableScale } from './readability.ts'

describe('readable text on screen', () => {
  it('opens at a zoom that draws every size of note text, and the author line, at 12 CSS px or more', () => {
    const scale = readableScale()
    for (const size of NOTE_TEXT_SIZES) expect(size * scale).toBeGreaterThanOrEqual(READABLE_TEXT_PX)
    expect(NOTE_META_SIZE * scale).toBeGreaterThanOrEqual(READABLE_TEXT_PX)
    // …and no further in than that: the more of the map fits, the better.
    expect(Math.min(...NOTE_TEXT_SIZES, NOTE_META_SIZE) * scale).toBeCloseTo(READABLE_TEXT_PX)
  })

  it('draws the notes while their smallest text is legible, and section summaries below that', () => {
    const smallest = Math.min(...NOTE_TEXT_SIZES)
    const threshold = LEGIBLE_TEXT_PX / smallest
    expect(detailAt(1)).toBe('notes')
    expect(detailAt(readableScale())).toBe('notes')
    expect(detailAt(threshold)).toBe('notes')
    expect(detailAt(threshold * 0.99)).toBe('summary')
    // One step out from 100% (the zoom buttons step by 1.25) still shows the notes; the fitted map (19–35%) not.
    expect(detailAt(1 / 1.25)).toBe('notes')
    expect(detailAt(0.35)).toBe('summary')
    expect(detailAt(0.19)).toBe('summary')
  })
})
