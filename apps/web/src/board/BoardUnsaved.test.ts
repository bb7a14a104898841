import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { BoardUnsaved } from './BoardUnsaved.ts'
import { storedDocumentFixture } from './storedDocumentFixture.ts'

function setup() {
  const shared = storedDocumentFixture('shared')
  const restricted = storedDocumentFixture('professionals')
  return { shared, restricted, board: new BoardUnsaved(shared.unsaved, restricted.unsaved) }
}

describe('BoardUnsaved', () => {
  it('marks a restricted note unsaved until the professionals’ room has stored it', () => {
    const { restricted, board } = setup()
    const id = restricted.commands.addNote('past-harm', { text: 'Police information, not yet disclosable' })
    expect(id).toMatch(/^p-/)
    expect(board.getState().count).toBe(1)
    expect([...board.getState().noteIds]).toEqual([id])

    restricted.answer() // the socket was down: nothing stored
    expect([...board.getState().noteIds]).toEqual([id])

    restricted.store()
    restricted.answer()
    expect(board.getState().count).toBe(0)
    expect(board.getState().noteIds.size).toBe(0)
  })

  it('marks notes of both documents, and each clears only when its own room has stored it', () => {
    const { shared, restricted, board } = setup()
    const open = shared.commands.addNote('past-harm', { text: 'Missed school on 12 days' })
    const closed = restricted.commands.addNote('past-harm', { text: 'Closed-session note' })
    expect(board.getState().count).toBe(2)
    expect([...board.getState().noteIds].sort()).toEqual([open, closed].sort())

    // The shared room stored its note; the professionals' socket is still down.
    shared.store()
    shared.answer()
    expect([...board.getState().noteIds]).toEqual([closed])

    // The shared room's answer says nothing about the other document, whatever it carries.
    restricted.unsaved.confirm(Y.encodeStateAsUpdate(shared.server))
    expect([...board.getState().noteIds]).toEqual([closed])

    restricted.store()
    restricted.answer()
    expect(board.getState().count).toBe(0)
  })

  it('keeps a restricted deletion unsaved until that room’s delete set has it', () => {
    const { restricted, board } = setup()
    const id = restricted.commands.addNote('future-danger', { text: 'Written by mistake' })
    restricted.store()
    restricted.answer()
    restricted.commands.deleteNote(id)
    expect([...board.getState().noteIds]).toEqual([id])
    restricted.answer()
    expect(board.getState().count).toBe(1)
    restricted.store()
    restricted.answer()
    expect(board.getState().count).toBe(0)
  })

  it('gives the same state object until something changes, and tells its listeners when it does', () => {
    const { shared, restricted, board } = setup()
    let calls = 0
    const off = board.subscribe(() => calls++)
    const before = board.getState()
    expect(board.getState()).toBe(before)

    restricted.commands.addNote('past-harm', { text: 'Restricted' })
    shared.commands.addNote('past-harm', { text: 'Shared' })
    expect(calls).toBe(2)
    const both = board.getState()
    expect(both).not.toBe(before)
    expect(board.getState()).toBe(both)

    off()
    shared.store()
    shared.answer()
    expect(calls).toBe(2)
    expect(board.getState().count).toBe(1)
  })

  it('counts the shared document alone where there is no professionals’ document (family, viewers)', () => {
    const shared = storedDocumentFixture('shared')
    const board = new BoardUnsaved(shared.unsaved, null)
    const id = shared.commands.addNote('existing-strengths', { text: 'Mum walks them to school' })
    expect([...board.getState().noteIds]).toEqual([id])
    expect(board.getState()).toBe(shared.unsaved.getState())
    shared.store()
    shared.answer()
    expect(board.getState().count).toBe(0)
  })
})
