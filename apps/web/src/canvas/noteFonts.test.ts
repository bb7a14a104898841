import { describe, expect, it } from 'vitest'
import { NOTE_TEXT_SIZES, largestFittingSize } from './noteFonts.ts'

describe('largestFittingSize', () => {
  it('finds the largest size that fits, for every threshold, in at most three measurements', () => {
    for (const limit of [100, ...NOTE_TEXT_SIZES, 1]) {
      const measured: number[] = []
      const size = largestFittingSize((fontSize) => {
        measured.push(fontSize)
        return fontSize <= limit
      })
      const expected = NOTE_TEXT_SIZES.find((fontSize) => fontSize <= limit) ?? null
      expect(size).toBe(expected)
      expect(measured.length).toBeLessThanOrEqual(3)
    }
  })
})
