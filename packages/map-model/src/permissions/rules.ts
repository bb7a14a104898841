// The permission rules the server enforces on every change to a map document. Ids are stable: tests are named
// after them (`'[LOCK-1] …'`), refusals carry them to the client (`EditRefusal.rule`), and docs/protocol.md lists
// them. Add rules; never renumber or reuse an id.

export const RULES = {
  'VIEW-1': 'A viewer never changes the document.',
  'CHAIR-1': 'Only the chair locks or unlocks a section.',
  'CHAIR-2': "Only the chair changes the meeting's details (the `meta` map: title, creation time).",
  'OWN-1':
    "A note's author fields (`authorId`, `author`, `agency`) are those of the connection that adds it, and never " +
    'change afterwards. (Restoring a deleted note with its own author fields counts as adding it back, for whoever ' +
    'could have deleted it.)',
  'OWN-2':
    'Professionals and family edit, move or delete only their own notes; the chair may change anyone’s. Writing ' +
    "any field of another person's note counts, including its `order`.",
  'LOCK-1': 'Nobody but the chair adds a note to a locked section.',
  'LOCK-2': 'Nobody but the chair edits (or reorders) a note in a locked section.',
  'LOCK-3': 'Nobody but the chair moves a note into or out of a locked section.',
  'LOCK-4': 'Nobody but the chair deletes a note in a locked section.',
  'SHAPE-1':
    'A note as written is valid: a known section, kind and colour, text and source within their length limits, ' +
    'a usable order key, its own id, and only the known fields, all plain values.',
  'SHAPE-2':
    'Nothing changes outside the three root maps and the note maps one level below `notes`; `locks` holds only ' +
    'section → true, `meta` only a valid title, a valid creation time and plain values.',
} as const

export type RuleId = keyof typeof RULES

export const RULE_IDS = Object.keys(RULES) as RuleId[]
