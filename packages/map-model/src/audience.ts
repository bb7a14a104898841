// A map has two documents with the same schema (product brief, "Audiences"): the shared one, which every
// participant's device receives, the family's included, and the professionals' one, which only the chair's and
// professionals' devices ever receive. A note's id says which one it belongs to, so the two never share an id.

export const AUDIENCES = ['shared', 'professionals'] as const
export type Audience = (typeof AUDIENCES)[number]

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value)
}

/** Every note of the professionals' document, and no note of the shared one, has an id that starts so. */
export const PROFESSIONALS_NOTE_PREFIX = 'p-'

/** The document a note with this id belongs in. */
export function audienceOfNoteId(id: string): Audience {
  return id.startsWith(PROFESSIONALS_NOTE_PREFIX) ? 'professionals' : 'shared'
}
