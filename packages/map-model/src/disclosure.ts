// What a note may say about having been shown to the family (decision 0034). Two groups of optional fields, each
// written whole by one chair's command and never by hand:
// - on a note of the professionals' document, `sharedAt`/`sharedBy`/`sharedAs`: the chair copied it into the
//   shared document ("Share with the family") at that time, as the note with that id;
// - on a note of the shared document, `withdrawnAt`/`withdrawnBy`/`withdrawnReason`: the chair withdrew it. It
//   stays (the family has seen it) and is shown withdrawn, with the reason.
export const SHARED_FIELDS = ['sharedAt', 'sharedBy', 'sharedAs'] as const
export const WITHDRAWN_FIELDS = ['withdrawnAt', 'withdrawnBy', 'withdrawnReason'] as const
export type DisclosureField = (typeof SHARED_FIELDS)[number] | (typeof WITHDRAWN_FIELDS)[number]

export interface NoteSharing {
  /** Milliseconds since the epoch. */
  at: number
  /** The chair's name. */
  by: string
  /** The id of the copy in the shared document. */
  as: string
}

export interface NoteWithdrawal {
  /** Milliseconds since the epoch. */
  at: number
  /** The chair's name. */
  by: string
  /** Why, in the chair's words; the family reads it. */
  reason: string
}

export function isSharedField(field: string): boolean {
  return (SHARED_FIELDS as readonly string[]).includes(field)
}

export function isWithdrawnField(field: string): boolean {
  return (WITHDRAWN_FIELDS as readonly string[]).includes(field)
}
