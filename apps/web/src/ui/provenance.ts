// What kind of information a note is, and from whom, as a deliberate choice (fair process, decision 0037): a new
// note starts with no kind and no source, and is not added until a kind is chosen and a source written or
// "Source not given" ticked. The model still reads a missing kind as 'observation' for old notes; the forms never
// rely on that default.
import type { NoteKind } from '@mapboard/map-model'

export interface ProvenanceDraft {
  /** null until the person chooses one. */
  kind: NoteKind | null
  source: string
  /** Ticked on purpose: the note is shown "Source not given". */
  sourceNotGiven: boolean
}

export const KIND_REQUIRED = 'Choose what kind of information this is.'
export const SOURCE_REQUIRED = 'Say where this came from, or tick “Source not given”.'

export interface ProvenanceProblems {
  kind?: string
  source?: string
}

/** A new note: nothing chosen yet. */
export function newProvenance(): ProvenanceDraft {
  return { kind: null, source: '', sourceNotGiven: false }
}

/** An existing note: its kind, and its source or (when it has none) "Source not given". */
export function provenanceOf(note: { kind: NoteKind; source: string }): ProvenanceDraft {
  return { kind: note.kind, source: note.source, sourceNotGiven: note.source.trim() === '' }
}

/** Typing a source takes back "Source not given". */
export function withSource(draft: ProvenanceDraft, source: string): ProvenanceDraft {
  return { ...draft, source, sourceNotGiven: source.trim() === '' ? draft.sourceNotGiven : false }
}

/** Ticking "Source not given" clears the source, so the note never says both. */
export function withSourceNotGiven(draft: ProvenanceDraft, ticked: boolean): ProvenanceDraft {
  return { ...draft, sourceNotGiven: ticked, source: ticked ? '' : draft.source }
}

/** What still stops the note being added; empty when it may be. */
export function provenanceProblems(draft: ProvenanceDraft): ProvenanceProblems {
  const problems: ProvenanceProblems = {}
  if (draft.kind === null) problems.kind = KIND_REQUIRED
  if (draft.source.trim() === '' && !draft.sourceNotGiven) problems.source = SOURCE_REQUIRED
  return problems
}

/** The kind and source to store, or null while the draft has problems. */
export function completeProvenance(draft: ProvenanceDraft): { kind: NoteKind; source: string } | null {
  if (draft.kind === null || Object.keys(provenanceProblems(draft)).length > 0) return null
  return { kind: draft.kind, source: draft.sourceNotGiven ? '' : draft.source.trim() }
}
