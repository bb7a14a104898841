import { describe, expect, it } from 'vitest'
import { initials } from './initials.ts'

describe('initials', () => {
  it('takes the first and last word of the name', () => {
    expect(initials('Jo Smith')).toBe('JS')
    expect(initials('Mary Ann Evans')).toBe('ME')
    expect(initials('Priya')).toBe('P')
  })

  it('ignores a bracketed role or relation after the name', () => {
    expect(initials('Jo Smith (Mum)')).toBe('JS')
    expect(initials('Sam [social worker]')).toBe('S')
  })

  it('uses letters only, never brackets, punctuation or digits', () => {
    expect(initials('"Jo" Smith-Jones')).toBe('JS')
    expect(initials('Dr. Amir Khan, PhD.')).toBe('DP')
    expect(initials('  (Mum)  ')).toBe('M')
    expect(initials('— 42 —')).toBe('')
    for (const name of ['Jo Smith (Mum)', 'A. B.', '(x) y!', 'Zoë Ōta']) {
      expect(initials(name)).toMatch(/^\p{Lu}{0,2}$/u)
    }
  })

  it('keeps letters outside ASCII', () => {
    expect(initials('Zoë Ōta')).toBe('ZŌ')
    expect(initials('łukasz żak')).toBe('ŁŻ')
  })
})
