import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addNote, readMap, setLock } from '@mapboard/map-model'
import type { NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { Participant, Role } from '@mapboard/protocol'
import { createBoardCommands } from './BoardCommands.ts'
import { BoardSnapshotStore, familyView } from './BoardSnapshotStore.ts'
import { createLocalOrigin } from './LocalOrigin.ts'
import { MapSnapshotStore } from './MapSnapshotStore.ts'
import { Permissions } from './Permissions.ts'
import { createRoutedBoardCommands, sectionOfBoth } from './RoutedBoardCommands.ts'

const person = (role: Role): Participant => ({ id: `${role}-1`, name: role, role, agency: '' })

/** A board over two documents, as the chair's or a professional's session has it. */
function twoDocuments(me: Participant = person('professional')) {
  const shared = new Y.Doc()
  const restricted = new Y.Doc()
  const origin = createLocalOrigin()
  const section = sectionOfBoth(shared, restricted)
  const commands = createRoutedBoardCommands(
    createBoardCommands(shared, origin, me, 'shared', section),
    createBoardCommands(restricted, origin, me, 'professionals', section),
  )
  const store = new BoardSnapshotStore(new MapSnapshotStore(shared), new MapSnapshotStore(restricted))
  const texts = (doc: Y.Doc): string[] => readMap(doc).notes.map((note) => note.text)
  return { shared, restricted, commands, store, texts }
}

describe('the board over the shared and the professionals’ document', () => {
  it('adds a professionals-only note to the professionals’ document only, under a p- id', () => {
    const { shared, restricted, commands, texts } = twoDocuments()
    commands.addNote('past-harm', { text: 'Shared' })
    const id = commands.addNote('past-harm', { text: 'Police information', audience: 'professionals' })
    expect(id.startsWith('p-')).toBe(true)
    expect(texts(shared)).toEqual(['Shared'])
    expect(texts(restricted)).toEqual(['Police information'])
  })

  it('routes edits, moves and deletes by the note’s id', () => {
    const { shared, restricted, commands, texts } = twoDocuments()
    const a = commands.addNote('past-harm', { text: 'Shared' })
    const p = commands.addNote('past-harm', { text: 'Restricted', audience: 'professionals' })
    commands.updateNote(p, { text: 'Restricted, edited' })
    commands.moveNotes([
      { id: a, zone: 'next-steps', index: 0 },
      { id: p, zone: 'next-steps', index: 0 },
    ])
    expect(readMap(shared).notes.map((note) => [note.text, note.zone])).toEqual([['Shared', 'next-steps']])
    expect(readMap(restricted).notes.map((note) => [note.text, note.zone])).toEqual([
      ['Restricted, edited', 'next-steps'],
    ])
    commands.deleteNotes([a, p])
    expect(texts(shared)).toEqual([])
    expect(texts(restricted)).toEqual([])
  })

  it('places added and moved notes among both documents’ notes, as the board shows the section', () => {
    const { commands, store } = twoDocuments()
    const texts = (): string[] => store.getSnapshot().notes.map((note) => note.text)
    commands.addNote('past-harm', { text: 'S1' })
    commands.addNote('past-harm', { text: 'S2' })
    const p = commands.addNote('past-harm', { text: 'P1', audience: 'professionals' })
    commands.addNote('past-harm', { text: 'S3' })
    expect(texts()).toEqual(['S1', 'S2', 'P1', 'S3'])
    commands.moveNote(p, 'past-harm', 0)
    expect(texts()).toEqual(['P1', 'S1', 'S2', 'S3'])
    commands.moveNote(p, 'past-harm', 2)
    expect(texts()).toEqual(['S1', 'S2', 'P1', 'S3'])
    const s3 = store.getSnapshot().notes[3]?.id ?? ''
    commands.moveNotes([
      { id: s3, zone: 'past-harm', index: 0 },
      { id: p, zone: 'past-harm', index: 1 },
    ])
    expect(texts()).toEqual(['S3', 'P1', 'S1', 'S2'])
  })

  it('undoes the latest step of either document first', () => {
    const { shared, restricted, commands, texts } = twoDocuments()
    commands.addNote('past-harm', { text: 'Shared' })
    commands.addNote('past-harm', { text: 'Restricted', audience: 'professionals' })
    commands.undo()
    expect(texts(restricted)).toEqual([])
    expect(texts(shared)).toEqual(['Shared'])
    commands.undo()
    expect(texts(shared)).toEqual([])
    commands.redo()
    expect(texts(shared)).toEqual(['Shared'])
    expect(texts(restricted)).toEqual([])
    commands.redo()
    expect(texts(restricted)).toEqual(['Restricted'])
  })

  it('locks a section in both documents', () => {
    const { shared, restricted, commands } = twoDocuments(person('chair'))
    commands.setLock('past-harm', true)
    commands.setAllLocks(true)
    commands.setLock('next-steps', false)
    expect(readMap(restricted).locks).toEqual(readMap(shared).locks)
    expect(readMap(restricted).locks).not.toContain('next-steps')
  })

  it('without a professionals’ document, refuses a restricted note instead of sharing it', () => {
    const shared = new Y.Doc()
    const commands = createRoutedBoardCommands(
      createBoardCommands(shared, createLocalOrigin(), person('family')),
      null,
    )
    expect(() => commands.addNote('past-harm', { text: 'Secret', audience: 'professionals' })).toThrow()
    expect(() => commands.updateNote('p-abc', { text: 'x' })).toThrow()
    expect(readMap(shared).notes).toEqual([])
  })

  it('merges both documents’ notes into their sections, each flagged with its audience', () => {
    const { shared, restricted, store } = twoDocuments()
    addNote(shared, { zone: 'next-steps', text: 'Shared step' })
    addNote(restricted, { zone: 'past-harm', text: 'Restricted harm', audience: 'professionals' })
    addNote(shared, { zone: 'past-harm', text: 'Shared harm' })
    const notes = store.getSnapshot().notes
    // In section order; within a section by order key (each document keeps its own), ties broken by id.
    expect(notes.map((note) => note.zone)).toEqual(['past-harm', 'past-harm', 'next-steps'])
    expect(notes.map((note) => [note.text, note.audience]).sort()).toEqual([
      ['Restricted harm', 'professionals'],
      ['Shared harm', 'shared'],
      ['Shared step', 'shared'],
    ])
    expect(familyView(store.getSnapshot()).notes.map((note) => note.text)).toEqual([
      'Shared harm',
      'Shared step',
    ])
  })

  it('leaves out a note found in the wrong document, so the id can be trusted as its audience', () => {
    const { shared, restricted, store } = twoDocuments()
    addNote(restricted, { zone: 'past-harm', text: 'Shared id in the professionals’ document' })
    addNote(shared, { id: 'p-crafted', zone: 'past-harm', text: 'Restricted id in the shared document' })
    expect(store.getSnapshot().notes).toEqual([])
  })

  it('keeps the snapshot and unchanged notes’ identity until a document changes', () => {
    const { shared, restricted, store } = twoDocuments()
    addNote(shared, { zone: 'past-harm', text: 'Shared' })
    const before = store.getSnapshot()
    expect(store.getSnapshot()).toBe(before)
    addNote(restricted, { zone: 'past-harm', text: 'Restricted', audience: 'professionals' })
    const after = store.getSnapshot()
    expect(after).not.toBe(before)
    expect(after.notes.find((note) => note.text === 'Shared')).toBe(before.notes[0])
  })

  it('reports the professionals’ document’s locks beside the shared ones', () => {
    const { shared, restricted, store } = twoDocuments()
    setLock(shared, 'past-harm', true)
    setLock(restricted, 'next-steps', true)
    expect(store.getSnapshot().locks).toEqual(['past-harm'])
    expect(store.getSnapshot().restrictedLocks).toEqual(['next-steps'])
  })
})

describe('Permissions for professionals-only notes', () => {
  const note = (id: string, zone: ZoneId, authorId: string): NoteSnapshot => ({
    id,
    zone,
    text: 'A note',
    kind: 'observation',
    source: '',
    author: authorId,
    authorId,
    agency: '',
    createdAt: 0,
    receivedAt: 0,
    order: 'a0',
    colour: 'pink',
  })

  it('judges a restricted note by the professionals’ document’s locks, a shared one by the shared locks', () => {
    const professional = new Permissions(person('professional'), ['past-harm'], ['next-steps'])
    expect(professional.canChange(note('p-1', 'past-harm', 'professional-1'))).toBe(true)
    expect(professional.canChange(note('n-1', 'past-harm', 'professional-1'))).toBe(false)
    expect(professional.canChange(note('p-2', 'next-steps', 'professional-1'))).toBe(false)
    expect(professional.canAddTo('next-steps', 'professionals')).toBe(false)
    expect(professional.canAddTo('past-harm', 'professionals')).toBe(true)
  })

  it('offers professionals-only notes to the chair and professionals with the document, and nobody else', () => {
    expect(new Permissions(person('chair'), [], []).canAddRestricted).toBe(true)
    expect(new Permissions(person('professional'), [], []).canAddRestricted).toBe(true)
    expect(new Permissions(person('professional'), []).canAddRestricted).toBe(false)
    expect(new Permissions(person('family'), [], []).canAddRestricted).toBe(false)
    expect(new Permissions(person('viewer'), [], []).canAddRestricted).toBe(false)
    expect(new Permissions(person('family'), []).canAddTo('past-harm', 'professionals')).toBe(false)
  })
})
