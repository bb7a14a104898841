import { describe, expect, it } from 'vitest'
import {
  SUMMARY_LINE_PX,
  countLine,
  firstWords,
  snippetLines,
  summaryLayout,
  summaryZoom,
} from './sectionSummary.ts'

describe('a section summary', () => {
  it('counts the notes, in words', () => {
    expect(countLine(0)).toBe('No notes yet')
    expect(countLine(1)).toBe('1 note')
    expect(countLine(6)).toBe('6 notes')
  })

  it('gives the first words of a note on one line, with an ellipsis when something is left out', () => {
    expect(firstWords('Dad has moved out.')).toBe('Dad has moved out.')
    expect(firstWords('School says the children often arrive hungry.')).toBe(
      'School says the children often arrive…',
    )
    expect(firstWords('  Two\npolice\tcall-outs  ')).toBe('Two police call-outs')
    expect(firstWords('Supercalifragilisticexpialidocious-and-then-some-more-words')).toBe(
      'Supercalifragilisticexpialidocious-and-t…',
    )
    expect(firstWords('Jo, Sam, Kim, Ali, Bea, Cy, Di')).toBe('Jo, Sam, Kim, Ali, Bea, Cy…')
    expect(firstWords('😀'.repeat(50))).toBe(`${'😀'.repeat(40)}…`)
    expect(firstWords(' \n ')).toBe('')
  })

  it('lists as many first words as fit, the last line counting the rest', () => {
    const texts = ['One a', 'Two b', 'Three c', 'Four d']
    const all = ['One a', 'Two b', 'Three c', 'Four d']
    expect(snippetLines(texts, 5)).toEqual({ firsts: all, more: null })
    expect(snippetLines(texts, 4)).toEqual({ firsts: all, more: null })
    expect(snippetLines(texts, 3)).toEqual({ firsts: ['One a', 'Two b'], more: 'and 2 more' })
    expect(snippetLines(texts, 1)).toEqual({ firsts: [], more: 'and 4 more' })
    expect(snippetLines(texts, 0)).toEqual({ firsts: [], more: null })
    expect(snippetLines([], 3)).toEqual({ firsts: [], more: null })
    expect(snippetLines(['   '], 3)).toEqual({ firsts: ['(empty note)'], more: null })
  })

  it('draws its text at least as large on screen as meant, and never far larger, at any zoom', () => {
    for (let scale = 0.1; scale < 0.7; scale *= 1.07) {
      const zoom = summaryZoom(scale)
      const onScreen = summaryLayout({ height: 500, locked: false }, zoom).lineSize * scale
      expect(onScreen).toBeGreaterThanOrEqual(SUMMARY_LINE_PX - 1e-9)
      expect(onScreen).toBeLessThan(SUMMARY_LINE_PX * 1.19 + 1e-9)
    }
    // Nearby zooms share one size, so wheeling does not redraw the summaries on every tick.
    expect(summaryZoom(0.3)).toBe(summaryZoom(0.31))
  })

  it('fits fewer lines of first words into a smaller section on screen, and at most five', () => {
    // A section with six notes (map-model's layout: 36 + 4 rows × 132 board units) at 35% and at 19%.
    const tall = { height: 36 + 4 * 132, locked: false }
    expect(summaryLayout(tall, summaryZoom(0.35)).snippets).toBe(5)
    const small = summaryLayout(tall, summaryZoom(0.19)).snippets
    expect(small).toBeGreaterThan(0)
    expect(small).toBeLessThan(5)
    // Locked, one line goes to saying so.
    expect(summaryLayout({ ...tall, locked: true }, summaryZoom(0.19)).snippets).toBe(small - 1)
    // An empty section (one spare row) at 19%: the label and the count only.
    expect(summaryLayout({ height: 36 + 132, locked: false }, summaryZoom(0.19)).snippets).toBe(0)
  })
})
