import { zoneLabel } from '@mapboard/map-model'
import type { NoteSnapshot } from '@mapboard/map-model'

const EXCERPT = 80

/**
 * What the board's live region says about the selection, for screen readers: the note itself when there is one,
 * a count otherwise, and where.
 */
export function describeSelection(selected: readonly NoteSnapshot[]): string {
  const [first] = selected
  if (first === undefined) return 'No notes selected.'
  if (selected.length === 1) return `Selected in ${zoneLabel(first.zone)}: ${excerpt(first.text)}`
  const zones = new Set(selected.map((note) => note.zone))
  const where = zones.size === 1 ? zoneLabel(first.zone) : `${zones.size} sections`
  return `${selected.length} notes selected in ${where}.`
}

/** Delete pressed on a selection of `total` notes, `kept` of which this person may not remove. */
export function notRemovedMessage(kept: number, total: number, reason: string): string {
  if (kept === total)
    return kept === 1
      ? `That note was not removed. ${reason}`
      : `Those ${kept} notes were not removed. ${reason}`
  return `${kept} of the ${total} notes ${kept === 1 ? 'was' : 'were'} not removed and ${kept === 1 ? 'stays' : 'stay'} selected. ${reason}`
}

/** A selection of `total` notes dropped in a section, `kept` of which this person may not move there. */
export function notMovedMessage(kept: number, total: number, reason: string): string {
  return `${kept} of the ${total} notes stayed where ${kept === 1 ? 'it was' : 'they were'}. ${reason}`
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`
}
