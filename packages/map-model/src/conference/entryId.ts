import { createNoteId } from '../noteId.ts'

/** A fresh random id (as note ids are made) that `root` does not hold yet. */
export function freshId(root: { has(key: string): boolean }): string {
  let id: string
  do {
    id = createNoteId()
  } while (root.has(id))
  return id
}
