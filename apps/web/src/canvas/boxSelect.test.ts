import { describe, expect, it } from 'vitest'
import type { NoteBox } from '@mapboard/map-model'
import { notesTouching, rectBetween } from './boxSelect.ts'

const note = (id: string, x: number, y: number): NoteBox => ({
  id,
  zone: 'past-harm',
  x,
  y,
  width: 100,
  height: 50,
})
const notes = [note('a', 0, 0), note('b', 120, 0), note('c', 0, 70)]

describe('box select', () => {
  it('makes the same rectangle whichever way the drag went', () => {
    const box = { x: 10, y: 20, width: 30, height: 40 }
    expect(rectBetween({ x: 10, y: 20 }, { x: 40, y: 60 })).toEqual(box)
    expect(rectBetween({ x: 40, y: 60 }, { x: 10, y: 20 })).toEqual(box)
    expect(rectBetween({ x: 40, y: 20 }, { x: 10, y: 60 })).toEqual(box)
  })

  it('takes every note the box touches, in reading order, without having to enclose it', () => {
    // A thin box across the top row's lower edge.
    expect(notesTouching(notes, rectBetween({ x: 50, y: 45 }, { x: 150, y: 48 }))).toEqual(['a', 'b'])
    expect(notesTouching(notes, rectBetween({ x: 210, y: 120 }, { x: 90, y: 40 }))).toEqual(['a', 'b', 'c'])
  })

  it('takes nothing when the box only meets an edge, falls in a gap, or is a point', () => {
    expect(notesTouching(notes, rectBetween({ x: 100, y: 0 }, { x: 120, y: 50 }))).toEqual([])
    expect(notesTouching(notes, rectBetween({ x: 101, y: 51 }, { x: 119, y: 69 }))).toEqual([])
    expect(notesTouching(notes, rectBetween({ x: 10, y: 10 }, { x: 10, y: 10 }))).toEqual([])
  })
})
