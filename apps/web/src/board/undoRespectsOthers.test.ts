// Undo and redo take back only my own change, never someone else's later one (othersChanges.ts). Two replicas
// synced by hand, each with the board's own commands, as two browsers on one map.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { MapValidationError, readMap } from '@mapboard/map-model'
import type { Participant } from '@mapboard/protocol'
import { CHANGED_SINCE_MESSAGE, createBoardCommands } from './BoardCommands.ts'
import { createLocalOrigin } from './LocalOrigin.ts'

const professional: Participant = { id: 'p-1', name: 'Sam Patel', role: 'professional', agency: 'School' }
const chair: Participant = { id: 'c-1', name: 'Ann Chair', role: 'chair', agency: 'Council' }

function twoBrowsers() {
  const mine = new Y.Doc()
  const theirs = new Y.Doc()
  const sync = (): void => {
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(theirs)), 'provider')
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)), 'provider')
  }
  const me = createBoardCommands(mine, createLocalOrigin(), professional)
  const them = createBoardCommands(theirs, createLocalOrigin(), chair)
  const note = (doc: Y.Doc, id: string) => readMap(doc).notes.find((n) => n.id === id)
  return { mine, theirs, sync, me, them, note }
}

function refusal(run: () => void): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    if (error instanceof MapValidationError && error.code === 'CHANGED_SINCE') return error.message
    throw error
  }
}

describe('undo that respects other people', () => {
  it('does not remove a note I added once someone else has reworded it; their wording stays for everyone', () => {
    const { mine, theirs, sync, me, them, note } = twoBrowsers()
    const id = me.addNote('past-harm', { text: 'Sam was hurt' })
    sync()
    them.updateNote(id, { text: 'Sam was hurt on 3 May' })
    sync()
    expect(refusal(() => me.undo())).toBe(CHANGED_SINCE_MESSAGE)
    sync()
    expect(note(mine, id)?.text).toBe('Sam was hurt on 3 May')
    expect(note(theirs, id)?.text).toBe('Sam was hurt on 3 May')
    // The refused step is gone from my history: a second Undo does not try again.
    expect(me.canUndo()).toBe(false)
  })

  it('removes a note I added when nobody else has touched it, even if they changed other notes', () => {
    const { mine, theirs, sync, me, them, note } = twoBrowsers()
    const other = them.addNote('existing-safety', { text: 'Gran visits daily' })
    sync()
    const id = me.addNote('past-harm', { text: 'Sam was hurt' })
    sync()
    them.updateNote(other, { text: 'Gran visits every day' })
    sync()
    me.undo()
    sync()
    expect(note(mine, id)).toBeUndefined()
    expect(note(theirs, id)).toBeUndefined()
    expect(note(theirs, other)?.text).toBe('Gran visits every day')
  })

  it('takes back my wording and leaves their move of the same note', () => {
    const { mine, theirs, sync, me, them, note } = twoBrowsers()
    const id = them.addNote('past-harm', { text: 'First words' })
    sync()
    me.updateNote(id, { text: 'My words' })
    sync()
    them.moveNote(id, 'complicating-factors')
    sync()
    me.undo()
    sync()
    for (const doc of [mine, theirs])
      expect(note(doc, id)).toMatchObject({ text: 'First words', zone: 'complicating-factors' })
  })

  it('does not overwrite their later wording of a note I reworded', () => {
    const { theirs, sync, me, them, note } = twoBrowsers()
    const id = them.addNote('past-harm', { text: 'First words' })
    sync()
    me.updateNote(id, { text: 'My words' })
    sync()
    them.updateNote(id, { text: 'Their words' })
    sync()
    expect(refusal(() => me.undo())).toBe(CHANGED_SINCE_MESSAGE)
    sync()
    expect(note(theirs, id)?.text).toBe('Their words')
  })

  it('holds redo to the same rule: it does not put my wording back over theirs', () => {
    const { theirs, sync, me, them, note } = twoBrowsers()
    const id = them.addNote('past-harm', { text: 'First words' })
    sync()
    me.updateNote(id, { text: 'My words' })
    me.undo()
    sync()
    expect(note(theirs, id)?.text).toBe('First words')
    them.updateNote(id, { text: 'Their words' })
    sync()
    // Redo would put "My words" back over theirs.
    expect(me.canRedo()).toBe(true)
    expect(refusal(() => me.redo())).toBe(CHANGED_SINCE_MESSAGE)
    sync()
    expect(note(theirs, id)?.text).toBe('Their words')
    expect(me.canRedo()).toBe(false)
  })

  it('still undoes and redoes my own changes freely when I am alone', () => {
    const { mine, me, note } = twoBrowsers()
    const id = me.addNote('past-harm', { text: 'One' })
    me.updateNote(id, { text: 'Two' })
    me.undo()
    expect(note(mine, id)?.text).toBe('One')
    me.redo()
    expect(note(mine, id)?.text).toBe('Two')
  })
})
