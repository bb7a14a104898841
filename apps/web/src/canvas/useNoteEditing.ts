import { useCallback, useEffect, useRef, useState } from 'react'
import type { RefObject } from 'react'
import { defaultNoteColour, zoneLabel } from '@mapboard/map-model'
import type { MapLayout, NoteSnapshot, ZoneId } from '@mapboard/map-model'
import type { BoardCommands } from '../board/BoardCommands.ts'
import type { BoardRect } from '../board/BoardRect.ts'
import type { DisclosureCommands } from '../board/DisclosureCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import type { NoteEditorHandle, NoteEditorProps } from './NoteEditor.tsx'
import { nextSlotRect } from './slots.ts'
import { useLatest } from './useLatest.ts'

type Editing = { mode: 'edit'; id: string } | { mode: 'new'; zone: ZoneId }

/** The editor to show: its key (one editor per note, or per section for a new one) and its props. */
export interface OpenEditor {
  key: string
  props: Omit<NoteEditorProps, 'ref' | 'camera'>
}

export interface NoteEditing {
  editorRef: RefObject<NoteEditorHandle | null>
  /** Whether a note is being edited or added (its editor may not be placed yet). */
  isOpen: boolean
  /** The editor to render, or null. */
  editor: OpenEditor | null
  /** A note tapped: brought into view, and opened for editing if this participant may change it. */
  openNote(id: string): void
  /** "+" in a section, or the toolbar: the editor on the section's next empty slot. */
  startNewNote(zone: ZoneId): void
  /**
   * End the edit, keeping what was typed. False when the editor stays open: a new note still needs its kind or
   * source chosen (whatever the person meant to do next waits until then).
   */
  commit(): boolean
}

interface NoteEditingOptions {
  layout: MapLayout
  notesById: ReadonlyMap<string, NoteSnapshot>
  permissions: Permissions
  commands: BoardCommands
  /** The chair's "Share with the family" and "Withdraw…", offered in the editor where permissions allow. */
  disclosure?: DisclosureCommands | undefined
  run: RunCommand
  focusRect(rect: BoardRect): void
  /** Increment to open the editor for a new note in a section from outside (toolbar). */
  addRequest: { zone: ZoneId; nonce: number } | null | undefined
  /** The editor closed, however it closed. */
  onClose(): void
}

/**
 * Opening, saving and cancelling the note editor. A new note is added only on "Add note" (never empty); an edit
 * is sent as it is typed. A section locked while its note is open keeps the text, says so, and sends nothing; a
 * note deleted by someone else closes its editor.
 */
export function useNoteEditing({
  layout,
  notesById,
  permissions,
  commands,
  disclosure,
  run,
  focusRect,
  addRequest,
  onClose,
}: NoteEditingOptions): NoteEditing {
  const editorRef = useRef<NoteEditorHandle>(null)
  const [editing, setEditing] = useState<Editing | null>(null)
  const layoutRef = useLatest(layout)
  const notesByIdRef = useLatest(notesById)
  const permissionsRef = useLatest(permissions)

  const commit = useCallback(() => editorRef.current?.commit() ?? true, [])

  const openNote = useCallback(
    (id: string) => {
      const note = notesById.get(id)
      const box = layoutRef.current.notes.find((candidate) => candidate.id === id)
      if (note === undefined || box === undefined) return
      if (editorRef.current?.commit() === false) return
      focusRect(box)
      if (permissions.canChange(note)) setEditing({ mode: 'edit', id })
    },
    [notesById, focusRect, permissions, layoutRef],
  )

  const startNewNote = useCallback(
    (zone: ZoneId) => {
      if (!permissions.canAddTo(zone)) return
      if (editorRef.current?.commit() === false) return
      const rect = nextSlotRect(layoutRef.current, zone)
      if (rect !== null) focusRect(rect)
      setEditing({ mode: 'new', zone })
    },
    [permissions, focusRect, layoutRef],
  )

  // Only a new request (a new nonce) opens the editor.
  const handledAddRequest = useRef<number | null>(null)
  useEffect(() => {
    if (!addRequest || handledAddRequest.current === addRequest.nonce) return
    handledAddRequest.current = addRequest.nonce
    startNewNote(addRequest.zone)
  }, [addRequest, startNewNote])

  // A note deleted by someone else while open here closes its editor.
  useEffect(() => {
    if (editing?.mode === 'edit' && !notesById.has(editing.id)) setEditing(null)
  }, [editing, notesById])

  const rect =
    editing === null
      ? null
      : editing.mode === 'edit'
        ? (layout.notes.find((box) => box.id === editing.id) ?? null)
        : nextSlotRect(layout, editing.zone)
  const note = editing?.mode === 'edit' ? notesById.get(editing.id) : undefined
  const zone = editing?.mode === 'new' ? editing.zone : note?.zone
  // The section was locked (or the note's rights changed) while the editor was open: say so, and send nothing.
  const blocked =
    editing === null || zone === undefined
      ? null
      : editing.mode === 'new'
        ? permissions.canAddTo(editing.zone)
          ? null
          : `${zoneLabel(editing.zone)} has just been locked by the chair, so this note cannot be added there.`
        : note === undefined || permissions.canChange(note)
          ? null
          : `${zoneLabel(zone)} has just been locked by the chair, so this note cannot be changed now.`

  const editor: OpenEditor | null =
    editing === null || rect === null
      ? null
      : {
          key: editing.mode === 'edit' ? editing.id : `new-${editing.zone}`,
          props: {
            rect,
            mode: editing.mode,
            initial: note,
            defaultColour: defaultNoteColour(zone ?? 'past-harm'),
            sectionLabel: layout.sections.find((box) => box.zone === zone)?.label ?? '',
            blocked,
            offerRestricted: permissions.canAddRestricted,
            restrictedOnly: permissions.addsRestrictedOnly,
            onAdd: (fields) => {
              if (editing.mode === 'new' && blocked === null)
                run(() => commands.addNote(editing.zone, fields))
            },
            onChange: (patch) => {
              // Read now, not from this render: the editor also sends its last edit as it unmounts, when the note
              // may have been deleted, or its section locked, since.
              if (editing.mode !== 'edit') return
              const current = notesByIdRef.current.get(editing.id)
              if (current !== undefined && permissionsRef.current.canChange(current))
                run(() => commands.updateNote(editing.id, patch))
            },
            onDelete: () => {
              if (editing.mode === 'edit' && blocked === null) run(() => commands.deleteNote(editing.id))
            },
            ...(disclosure !== undefined && note !== undefined && permissions.canShare(note)
              ? { onShare: () => run(() => disclosure.shareWithFamily(note)) }
              : {}),
            ...(disclosure !== undefined && note !== undefined && permissions.canWithdraw(note)
              ? { onWithdraw: (reason: string) => run(() => disclosure.withdrawNote(note.id, reason)) }
              : {}),
            onClose: () => {
              setEditing(null)
              onClose()
            },
          },
        }

  return { editorRef, isOpen: editing !== null, editor, openNote, startNewNote, commit }
}
