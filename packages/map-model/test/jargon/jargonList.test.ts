import { describe, expect, test } from 'vitest'
import { JARGON_LIST, findJargon } from '../../src/index.ts'

const spellings = (entry: (typeof JARGON_LIST)[number]): string[] => [...entry.exact, ...entry.anyCase]

describe('the plain-words list', () => {
  test('has at least 150 entries', () => {
    expect(JARGON_LIST.length).toBeGreaterThanOrEqual(150)
  })

  test('names each term once', () => {
    const terms = JARGON_LIST.map((entry) => entry.term.toLowerCase())
    expect(terms.filter((term, index) => terms.indexOf(term) !== index)).toEqual([])
  })

  // Capitals-only spellings may differ from another entry's only in case ("CPs" is CP's plural, "CPS" the
  // prosecutors); a spelling matched in any case must differ from every other spelling in more than case.
  test('gives each spelling to one entry only', () => {
    const owners = new Map<string, string>()
    const clashes: string[] = []
    const claim = (key: string, term: string): void => {
      const owner = owners.get(key)
      if (owner !== undefined && owner !== term) clashes.push(`${key}: ${owner} / ${term}`)
      owners.set(key, term)
    }
    for (const entry of JARGON_LIST)
      for (const spelling of entry.exact) claim(`exact:${spelling}`, entry.term)
    for (const entry of JARGON_LIST) {
      for (const spelling of entry.anyCase) claim(`any:${spelling.toLowerCase()}`, entry.term)
    }
    const anyCase = new Map<string, string>()
    for (const entry of JARGON_LIST)
      for (const spelling of entry.anyCase) anyCase.set(spelling.toLowerCase(), entry.term)
    for (const entry of JARGON_LIST) {
      for (const spelling of entry.exact) {
        const owner = anyCase.get(spelling.toLowerCase())
        if (owner !== undefined && owner !== entry.term) clashes.push(`${spelling}: ${owner} / ${entry.term}`)
      }
    }
    expect(clashes).toEqual([])
  })

  test('gives every entry a spelling, a plain wording and a one-line explanation', () => {
    for (const entry of JARGON_LIST) {
      expect(spellings(entry).length, entry.term).toBeGreaterThan(0)
      expect(entry.plain.trim(), entry.term).not.toBe('')
      expect(entry.explanation.trim(), entry.term).not.toBe('')
      expect(entry.explanation, entry.term).not.toMatch(/[\r\n]/u)
      expect(entry.explanation.length, entry.term).toBeLessThanOrEqual(160)
      expect(entry.plain, entry.term).not.toMatch(/[\r\n]/u)
    }
  })

  test('plain wordings contain no jargon, so using them leaves nothing flagged', () => {
    const flagged = JARGON_LIST.filter((entry) => findJargon(entry.plain).length > 0).map(
      (entry) => entry.term,
    )
    expect(flagged).toEqual([])
  })

  test('every spelling is found, whole, as its own entry', () => {
    const misses: string[] = []
    for (const entry of JARGON_LIST) {
      for (const spelling of spellings(entry)) {
        const hits = findJargon(`We noted ${spelling} today.`)
        const hit = hits[0]
        if (
          hits.length !== 1 ||
          hit?.term !== entry.term ||
          hit.index !== 9 ||
          hit.length !== spelling.length
        ) {
          misses.push(`${spelling} → ${JSON.stringify(hits.map((h) => h.term))}`)
        }
      }
    }
    expect(misses).toEqual([])
  })

  test('covers the terms the issue names', () => {
    const named = [
      's47',
      'section 47',
      's17',
      'ICPC',
      'RCPC',
      'CP',
      'CPP',
      'CIN',
      'LADO',
      'MASH',
      'DA',
      'DV',
      'DA/DV',
      'NFA',
      'PLO',
      'LAC',
      'CLA',
      'IRO',
      'CAMHS',
      'EHCP',
      'SEND',
      'HV',
      'CSE',
      'CCE',
      'FII',
      'core group',
      'strategy discussion',
      'meets threshold',
    ]
    for (const term of named) expect(findJargon(term), term).toHaveLength(1)
  })
})
