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
    'Nothing changes outside the root maps (`ROOT_TYPE_NAMES`) and the note maps one level below `notes`; the ' +
    'conference roots hold plain values only, no nested types; `locks` holds only section → true, `meta` only a ' +
    'valid title, a valid creation time and plain values. The only shared types are the note maps directly under ' +
    '`notes`: the server refuses an update holding any other before it is applied (a deeply nested map cannot be ' +
    'reverted once applied).',
  // The conference (conference/types.ts).
  'AGENDA-1': 'Only the chair moves the meeting to another agenda step (`meta.step`).',
  'DECISION-1': 'Only the chair records the decision (`meta.decision`).',
  'ROSTER-1': 'Only the chair marks apologies (`meta.apologies`).',
  'DANGER-1':
    'Only the chair and professionals write danger statements (`dangers`); a map has at most four; nobody but ' +
    'the chair writes them while Future danger is locked.',
  'DANGER-2':
    'Only the chair and professionals write safety goals (`goals`); a goal sits under the id of an existing ' +
    'danger statement; nobody but the chair writes them while Safety goals is locked.',
  'FAMILY-1':
    "Only family members and the chair record the family's view of a danger statement (`familyViews`), under " +
    'the id of an existing statement; nobody but the chair writes them while Future danger is locked. (Removing ' +
    'a statement takes its view with it, for whoever may remove the statement.)',
  'PLAN-1':
    'Only the chair and professionals write next steps (`nextSteps`); nobody but the chair writes them while ' +
    'Next steps is locked.',
  'SERVER-1':
    'No client, not even the chair, writes `scaling` or `attendance`: only the server does (blind scaling, ' +
    'attendance from connections).',
  'OWN-3':
    "Every conference entry's `recordedBy` is the writer's own participant id, name and agency: an edit signs " +
    'the entry anew.',
  'OWN-4':
    "A note's creation time (`createdAt`) never changes once the note exists: the record and any later " +
    '"new information" check rely on when an item was first added.',
  'SHAPE-3':
    'Every conference value as written is valid (the commands’ own validation, values exactly as a command ' +
    'writes them, plain JSON): `meta.step` a known step, `meta.decision` a valid decision, `meta.apologies` valid ' +
    "apologies, and every entry valid under its own key (a statement's or step's `id`, a goal's or view's " +
    '`dangerId`).',
  // The closed session (conference/closedSession.ts).
  'CLOSED-1': 'Only the chair starts or ends a closed session (`meta.closedSessions`).',
  'CLOSED-2':
    'While a closed session lasts, nobody but the chair writes in the shared document: the family receives nothing ' +
    "new, and what the professionals write meanwhile goes to the professionals' document.",
  // The professionals' document (audience.ts).
  'AUD-1': "Only the chair and professionals write in a map's professionals' document.",
  'AUD-2':
    "The professionals' document holds notes and locks only: the agenda, danger statements, goals, the family's " +
    'view, next steps, the decision, scaling and attendance are written in the shared document.',
  'AUD-3':
    "A note's id says which document it belongs in: notes added to the professionals' document have ids that " +
    'start with `p-`, and notes added to the shared document never do. So no note of the shared document is ever ' +
    "written into the professionals' one (what the family has seen stays shared), and nothing restricted reaches " +
    'the shared document except as a new note the chair adds there ("Share with the family").',
  // Sharing with the family and withdrawing (disclosure.ts, decision 0034).
  'SHARE-1':
    'Only the chair marks a note shared with the family (`sharedAt`, `sharedBy`, `sharedAs`), only in the ' +
    "professionals' document, all three at once, with the chair's own name, as a shared note's id (never a `p-` " +
    'one), and only once: nobody changes or removes the mark afterwards.',
  'WITHDRAW-1':
    'Only the chair withdraws a note (`withdrawnAt`, `withdrawnBy`, `withdrawnReason`), only in the shared ' +
    "document, all three at once, with the chair's own name and a reason; only the chair takes a withdrawal back " +
    '(all three at once).',
  'WITHDRAW-2':
    'Nobody but the chair edits, moves or deletes a withdrawn note: the family has seen it, and what they were ' +
    'told about it stays as it was.',
  // When the conference is, and what was shared in time (conference/schedule.ts, receivedAt.ts).
  'SCHEDULE-1':
    'Only the chair sets when the conference starts and whether it is an initial conference or a review ' +
    '(`meta.schedule`); the reports deadline follows from it.',
  'SERVER-2':
    "No client writes, changes or deletes a note's `receivedAt`: the server writes it, with its own clock, in the " +
    'turn it first accepts the note. (Bringing a deleted note back with the value it had counts as restoring it, ' +
    'as for OWN-1.)',
  // The closed map ("Export and close", mapClosure.ts, decision 0042).
  'READONLY-1':
    'While the map is closed (`meta.closed`, written by the server), no client changes either of its documents, ' +
    'the chair included: only the chair reopening it over HTTP lets changes in again.',
  'READONLY-2':
    'No client, not even the chair, writes `meta.closed`: the server writes it when the chair closes or reopens ' +
    'the map.',
} as const

export type RuleId = keyof typeof RULES

export const RULE_IDS = Object.keys(RULES) as RuleId[]
