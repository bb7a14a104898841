// The words the board uses for a note shared with the family or withdrawn, the same on the canvas and in the outline.
import type { NoteSharing, NoteWithdrawal } from '@mapboard/map-model'
import { formatDate } from './dates.ts'

export function sharedText(sharing: NoteSharing): string {
  return `Shared on ${formatDate(sharing.at)} by ${sharing.by}`
}

export function withdrawnText(withdrawal: NoteWithdrawal): string {
  return `Withdrawn by ${withdrawal.by} on ${formatDate(withdrawal.at)}: ${withdrawal.reason}`
}
