import type { AuditAction } from '@mapboard/protocol'

// Plain words for each action of the audit trail (decision 0044), as the chair's Activity tab shows them. Typed as
// a Record over AUDIT_ACTIONS, so an action added to the protocol without words here fails the typecheck.

export const ACTION_LABELS: Record<AuditAction, string> = {
  'note.added': 'Added a note',
  'note.edited': 'Changed a note',
  'note.moved': 'Moved a note',
  'note.deleted': 'Deleted a note',
  'note.shared': 'Shared a note with the family',
  'note.withdrawn': 'Withdrew a note',
  'note.reinstated': 'Took back a withdrawal',
  'section.locked': 'Locked a section',
  'section.unlocked': 'Unlocked a section',
  'agenda.step': 'Moved the agenda on',
  'map.renamed': 'Renamed the map',
  'map.details': 'Changed the map’s details',
  'schedule.set': 'Set when the conference is',
  'apologies.changed': 'Changed the apologies',
  'danger.added': 'Added a danger statement',
  'danger.edited': 'Changed a danger statement',
  'danger.removed': 'Removed a danger statement',
  'goal.added': 'Added a safety goal',
  'goal.edited': 'Changed a safety goal',
  'goal.removed': 'Removed a safety goal',
  'familyView.added': 'Added the family’s view',
  'familyView.edited': 'Changed the family’s view',
  'familyView.removed': 'Removed the family’s view',
  'nextStep.added': 'Added a next step',
  'nextStep.edited': 'Changed a next step',
  'nextStep.removed': 'Removed a next step',
  'decision.recorded': 'Recorded the decision',
  'decision.removed': 'Took away the decision',
  'closedSession.started': 'Started a closed session',
  'closedSession.ended': 'Ended a closed session',
  'scaling.opened': 'Opened a scaling round',
  'scaling.answered': 'Gave a scaling answer',
  'scaling.revealed': 'Revealed the scaling answers',
  'link.created': 'Made an invite link',
  'link.withdrawn': 'Withdrew an invite link',
  'participant.joined': 'Joined the meeting',
  'participant.left': 'Left the meeting',
  'export.created': 'Downloaded a record',
  refused: 'Tried a change that was refused',
  'map.erased': 'Erased the map',
  'map.closed': 'Closed the map',
  'map.reopened': 'Reopened the map',
}

const LABELS: Readonly<Record<string, string>> = ACTION_LABELS

/** The plain words for an action; an action this page does not know yet is shown as the server named it. */
export function actionLabel(action: string): string {
  return Object.hasOwn(LABELS, action) ? (LABELS[action] ?? action) : action
}

/** The actions in the order the filter offers them: the protocol's order. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(LABELS)
