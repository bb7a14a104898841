import { describe, expect, test } from 'vitest'
import { findJargon } from '../../src/index.ts'

/** The words findJargon found, as written in the text, with their canonical terms. */
const found = (text: string): Array<[string, string]> =>
  findJargon(text).map((hit) => [text.slice(hit.index, hit.index + hit.length), hit.term])

describe('findJargon', () => {
  test('reports the term, where it is, and the plain wording and explanation', () => {
    const [hit, ...rest] = findJargon('Referred to the LADO today')
    expect(rest).toEqual([])
    expect(hit).toEqual({
      term: 'LADO',
      index: 16,
      length: 4,
      plain: 'the council officer who looks into concerns about adults who work with children',
      explanation: expect.stringContaining('Local Authority Designated Officer') as string,
    })
  })

  test('finds nothing in text without jargon, or in empty text', () => {
    expect(findJargon('')).toEqual([])
    expect(findJargon('Mum takes Sam to school every day and reads with him at night.')).toEqual([])
  })

  test('matches whole words only: the letters of a term inside a longer word never hit', () => {
    const ordinary =
      'We went to the cinema, then varnished the lacquer on the door. The HVAC engineer mashed the ' +
      'potatoes while the CPU fan whirred. Cinema tickets, LACQUER tins, MASHED swede, hvac and cpu. ' +
      'LADOs aside, LADOX and XLADO are not words; CINEMA, CIN2, 2CIN and SENDING are no terms either.'
    expect(found(ordinary)).toEqual([['LADOs', 'LADO']])
  })

  test('is Unicode-aware about word boundaries', () => {
    expect(found('CINé and éCIN and CIN\u0301 and ЛCIN')).toEqual([])
    expect(found('Zoë’s CIN, Łukasz’s LADO')).toEqual([
      ['CIN', 'CIN'],
      ['LADO', 'LADO'],
    ])
    expect(found('😀CIN😀')).toEqual([['CIN', 'CIN']])
  })

  test('finds terms next to punctuation', () => {
    expect(found('On a CIN. (LADO) "MASH", NFA; CPP! s47? [IRO] HV/SW LADO’s view, CIN-plan')).toEqual([
      ['CIN', 'CIN'],
      ['LADO', 'LADO'],
      ['MASH', 'MASH'],
      ['NFA', 'NFA'],
      ['CPP', 'CPP'],
      ['s47', 's47'],
      ['IRO', 'IRO'],
      ['HV', 'HV'],
      ['SW', 'SW'],
      ['LADO', 'LADO'],
      ['CIN', 'CIN'],
    ])
  })

  test('abbreviations match only as written; in lower case they are ordinary words', () => {
    expect(found('cin lac hv cp send mash nfa lado Cin Lac Send Mash')).toEqual([])
    expect(found('Please send the report; we will send it on.')).toEqual([])
    expect(found('CIN LAC HV CP SEND MASH')).toEqual([
      ['CIN', 'CIN'],
      ['LAC', 'LAC'],
      ['HV', 'HV'],
      ['CP', 'CP'],
      ['SEND', 'SEND'],
      ['MASH', 'MASH'],
    ])
  })

  test('words and phrases match in any case', () => {
    expect(found('Core Group, CORE GROUP, core group; Strategy Discussion; SAFEGUARDING')).toEqual([
      ['Core Group', 'core group'],
      ['CORE GROUP', 'core group'],
      ['core group', 'core group'],
      ['Strategy Discussion', 'strategy discussion'],
      ['SAFEGUARDING', 'safeguarding'],
    ])
  })

  test('knows the common spellings of section numbers', () => {
    expect(found('s47, S47, s.47, S.47, s 47, Section 47, SECTION 47, section\u00a047')).toEqual(
      Array.from({ length: 8 }, (_, i) => [
        ['s47', 'S47', 's.47', 'S.47', 's 47', 'Section 47', 'SECTION 47', 'section\u00a047'][i],
        's47',
      ]),
    )
    expect(found('s17 and section 20 and S.31')).toEqual([
      ['s17', 's17'],
      ['section 20', 's20'],
      ['S.31', 's31'],
    ])
  })

  test('knows plurals', () => {
    expect(found('Two CPPs, three ICPCs, the core groups and strategy meetings, both LADOs')).toEqual([
      ['CPPs', 'CPP'],
      ['ICPCs', 'ICPC'],
      ['core groups', 'core group'],
      ['strategy meetings', 'strategy discussion'],
      ['LADOs', 'LADO'],
    ])
  })

  test('the longest match wins where spellings overlap', () => {
    expect(found('A section 47 enquiry, then section 47 alone.')).toEqual([
      ['section 47 enquiry', 'section 47 enquiry'],
      ['section 47', 's47'],
    ])
    expect(found('An s47 investigation; a CP plan; a CP medical; an s47 enquiry')).toEqual([
      ['s47 investigation', 'section 47 enquiry'],
      ['CP plan', 'CPP'],
      ['CP medical', 'child protection medical'],
      ['s47 enquiry', 'section 47 enquiry'],
    ])
  })

  test('spaces inside a phrase may be any run of white space', () => {
    expect(found('core  group, core\ngroup, section\t47 enquiry')).toEqual([
      ['core  group', 'core group'],
      ['core\ngroup', 'core group'],
      ['section\t47 enquiry', 'section 47 enquiry'],
    ])
  })

  test('DA/DV is one term; DA and DV alone are their own', () => {
    expect(found('DA/DV, DA, DV')).toEqual([
      ['DA/DV', 'DA'],
      ['DA', 'DA'],
      ['DV', 'DV'],
    ])
  })

  // Decision 0036: "threshold" alone is often a doorstep, so only its professional phrases are flagged.
  test('"threshold" is flagged in its professional phrases, not as a door', () => {
    expect(found('She tripped on the threshold of the front door. The threshold was worn.')).toEqual([])
    expect(found('This meets threshold; the threshold for significant harm; below threshold')).toEqual([
      ['meets threshold', 'threshold'],
      ['threshold for significant harm', 'threshold'],
      ['below threshold', 'threshold'],
    ])
  })

  test('indexes are UTF-16 code units of the text as given', () => {
    const text = '😀😀 Zoë: LADO'
    const [hit] = findJargon(text)
    expect(hit?.index).toBe(text.indexOf('LADO'))
    expect(hit?.index).toBe(10)
  })

  test('results are sorted by index and never overlap', () => {
    const hits = findJargon('CIN then LADO then core group then s47 then CIN again, LADO.')
    expect(hits.map((hit) => hit.index)).toEqual([...hits.map((hit) => hit.index)].sort((a, b) => a - b))
    for (let i = 1; i < hits.length; i += 1) {
      const before = hits[i - 1]
      const after = hits[i]
      if (before && after) expect(after.index).toBeGreaterThanOrEqual(before.index + before.length)
    }
    expect(hits).toHaveLength(6)
  })

  test('a hostile text (long, repetitive, no spaces) is read in time that grows with its length', () => {
    const hostile = 's.'.repeat(50_000) + 'section '.repeat(10_000) + 'CIN'.repeat(20_000)
    const started = performance.now()
    const hits = findJargon(hostile)
    const took = performance.now() - started
    expect(hits).toEqual([])
    // Generous: tens of milliseconds on these machines; a quadratic matcher would take minutes.
    expect(took).toBeLessThan(2_000)
  })
})
