import { describe, expect, test } from 'vitest'
import { findJargon } from '@mapboard/map-model'
import { withPlainWords, writtenTerm } from './plainWords.ts'

const firstHit = (text: string) => {
  const [hit] = findJargon(text)
  if (!hit) throw new Error(`no jargon in ${text}`)
  return hit
}

describe('plain words in place of jargon', () => {
  test('replaces only the flagged words and keeps the rest of the text', () => {
    const text = 'Mum spoke to the LADO on Monday.'
    expect(withPlainWords(text, firstHit(text))).toBe(
      'Mum spoke to the council officer who looks into concerns about adults who work with children on Monday.',
    )
    expect(writtenTerm(text, firstHit(text))).toBe('LADO')
  })

  test('drops the wording’s own article after one in the text', () => {
    const text = 'A letter from the LA and a s47.'
    const once = withPlainWords(text, firstHit(text))
    expect(once).toBe('A letter from the council and a s47.')
    expect(withPlainWords(once, firstHit(once))).toBe(
      'A letter from the council and a child protection enquiry.',
    )
  })

  test('capitalises the wording at the start of the text or of a sentence', () => {
    const start = 'NFA from the police.'
    expect(withPlainWords(start, firstHit(start))).toBe('No further action from the police.')
    const later = 'Police were called. NFA was the outcome.'
    expect(withPlainWords(later, firstHit(later))).toBe(
      'Police were called. No further action was the outcome.',
    )
    const inside = 'The outcome was NFA.'
    expect(withPlainWords(inside, firstHit(inside))).toBe('The outcome was no further action.')
  })

  test('leaves no jargon behind once every term is replaced', () => {
    let text = 'The s47 found the CP worries; the HV and the LADO will meet at the core group.'
    for (let hit = findJargon(text)[0]; hit; hit = findJargon(text)[0]) text = withPlainWords(text, hit)
    expect(findJargon(text)).toEqual([])
    expect(text).toContain('child protection enquiry')
    expect(text).toContain('health visitor')
  })

  test('counts positions in UTF-16 code units, as the text field does', () => {
    const text = '😀 Zoë’s HV visited.'
    expect(withPlainWords(text, firstHit(text))).toBe('😀 Zoë’s health visitor visited.')
  })
})
