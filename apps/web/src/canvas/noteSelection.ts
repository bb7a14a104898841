/**
 * Which notes are selected on the board, and which of them the keyboard works from (the anchor: the note last
 * clicked or reached with an arrow). A plain value, replaced whole, so React sees every change.
 */
export interface NoteSelection {
  readonly ids: ReadonlySet<string>
  /** One of `ids`, or null when nothing is selected. */
  readonly anchor: string | null
}

export const NO_SELECTION: NoteSelection = { ids: new Set(), anchor: null }

/** A click (or an arrow) on one note: it alone is selected. */
export function selectOnly(id: string): NoteSelection {
  return { ids: new Set([id]), anchor: id }
}

/** Shift-click: the note joins the selection, or leaves it if it was in. */
export function toggleNote(selection: NoteSelection, id: string): NoteSelection {
  const ids = new Set(selection.ids)
  if (ids.delete(id)) {
    const anchor = selection.anchor === id ? (lastOf(ids) ?? null) : selection.anchor
    return { ids, anchor }
  }
  ids.add(id)
  return { ids, anchor: id }
}

/** A box, or Ctrl+A: these notes, added to what was selected when `add` (shift held). */
export function selectNotes(selection: NoteSelection, ids: readonly string[], add: boolean): NoteSelection {
  const next = new Set(add ? selection.ids : [])
  for (const id of ids) next.add(id)
  if (next.size === 0) return NO_SELECTION
  const anchor = add && selection.anchor !== null ? selection.anchor : (ids[0] ?? lastOf(next) ?? null)
  return { ids: next, anchor }
}

/**
 * The selection without the notes that no longer exist (someone deleted them). The same object when nothing was
 * removed, so a render that changes nothing keeps its identity.
 */
export function keepExisting(selection: NoteSelection, exists: (id: string) => boolean): NoteSelection {
  let removed = false
  for (const id of selection.ids) if (!exists(id)) removed = true
  if (!removed) return selection
  const ids = new Set([...selection.ids].filter(exists))
  if (ids.size === 0) return NO_SELECTION
  const anchor =
    selection.anchor !== null && ids.has(selection.anchor) ? selection.anchor : (lastOf(ids) ?? null)
  return { ids, anchor }
}

/** The selected ids in the order of `notes` (the board's reading order). */
export function inReadingOrder(selection: NoteSelection, notes: readonly { id: string }[]): string[] {
  return notes.filter((note) => selection.ids.has(note.id)).map((note) => note.id)
}

function lastOf(ids: ReadonlySet<string>): string | undefined {
  let last: string | undefined
  for (const id of ids) last = id
  return last
}
