// The chair's checklist (fair process, product brief): before and during the conference the chair goes through
// the items that do not yet say where their information came from, and those still written in jargon. Pure, so the
// board and any later export count the same way.
import { findJargon } from '../jargon/findJargon.ts'
import type { MapSnapshot, NoteSnapshot } from '../readMap.ts'

/** A note that still uses jargon, with the terms it uses (canonical, each once, in order of first use). */
export interface JargonItem {
  note: NoteSnapshot
  terms: string[]
}

export interface ChecklistCounts {
  /** Notes whose source is empty ("Source not given"), in the snapshot's order. */
  sourceNotGiven: NoteSnapshot[]
  /** Notes whose text still uses jargon, in the snapshot's order. */
  jargon: JargonItem[]
  /** Every jargon term in use across those notes, each once, in order of first use. */
  jargonTerms: string[]
}

/**
 * What the chair's checklist counts in `map` (a readMap snapshot, or several documents' notes together). A
 * withdrawn note is no longer part of the map (decision 0034), so it is not counted.
 */
export function checklistCounts(map: Pick<MapSnapshot, 'notes'>): ChecklistCounts {
  const sourceNotGiven: NoteSnapshot[] = []
  const jargon: JargonItem[] = []
  const allTerms = new Set<string>()
  for (const note of map.notes) {
    if (note.withdrawal !== undefined) continue
    if (note.source.trim() === '') sourceNotGiven.push(note)
    const terms = [...new Set(findJargon(note.text).map((hit) => hit.term))]
    if (terms.length === 0) continue
    jargon.push({ note, terms })
    for (const term of terms) allTerms.add(term)
  }
  return { sourceNotGiven, jargon, jargonTerms: [...allTerms] }
}
