import { describe, expect, it } from 'vitest'
import type { NoteSnapshot, ZoneId } from '@mapboard/map-model'
import { describeSelection, notMovedMessage, notRemovedMessage } from './selectionText.ts'

const note = (zone: ZoneId, text: string): NoteSnapshot => ({
  id: text,
  zone,
  text,
  kind: 'fact',
  source: '',
  author: 'Alex Morgan',
  authorId: 'p-1',
  agency: '',
  createdAt: 0,
  receivedAt: 0,
  order: '1',
  colour: 'yellow',
})

describe('selection in words', () => {
  it('reads out one selected note, with its section', () => {
    expect(describeSelection([note('past-harm', 'Two police call-outs in March.')])).toBe(
      'Selected in Past harm: Two police call-outs in March.',
    )
  })

  it('cuts a long note short, on one line', () => {
    const said = describeSelection([note('past-harm', `Line one\n${'word '.repeat(40)}`)])
    expect(said.startsWith('Selected in Past harm: Line one word word')).toBe(true)
    expect(said.endsWith('…')).toBe(true)
    expect(said.length).toBeLessThan(110)
  })

  it('counts several, in one section or across sections', () => {
    expect(describeSelection([note('past-harm', 'a'), note('past-harm', 'b')])).toBe(
      '2 notes selected in Past harm.',
    )
    expect(
      describeSelection([note('past-harm', 'a'), note('next-steps', 'b'), note('next-steps', 'c')]),
    ).toBe('3 notes selected in 2 sections.')
    expect(describeSelection([])).toBe('No notes selected.')
  })

  it('says plainly which notes were not removed or moved, and why', () => {
    const why = 'You can only remove your own notes.'
    expect(notRemovedMessage(1, 1, why)).toBe(`That note was not removed. ${why}`)
    expect(notRemovedMessage(2, 2, why)).toBe(`Those 2 notes were not removed. ${why}`)
    expect(notRemovedMessage(1, 3, why)).toBe(`1 of the 3 notes was not removed and stays selected. ${why}`)
    expect(notRemovedMessage(2, 3, why)).toBe(`2 of the 3 notes were not removed and stay selected. ${why}`)
    expect(notMovedMessage(1, 2, 'Past harm is locked by the chair.')).toBe(
      '1 of the 2 notes stayed where it was. Past harm is locked by the chair.',
    )
  })
})
