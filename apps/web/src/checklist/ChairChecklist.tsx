import { useId, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import { checklistCounts, zoneLabel } from '@mapboard/map-model'
import type { MapSnapshot, NoteSnapshot } from '@mapboard/map-model'

interface ChairChecklistProps {
  /** Every note the chair can see (both documents), unfiltered: the checklist counts what is on the map. */
  snapshot: Pick<MapSnapshot, 'notes'>
  /** Takes the chair to a note: shown and selected on the board, and in the Outline. */
  onShowNote(id: string): void
  /**
   * The late and new items (decision 0035), built elsewhere (`NewInformationList`): shown first, under
   * "Late and new information", when given.
   */
  newInformation?: ReactNode
}

/**
 * The chair's checklist (decision 0037): what to go through before the conference decides. The items that do
 * not say where their information came from, those still written in jargon (with the terms), and the late and new
 * items; each count opens the list of its items, and each item takes the chair to it.
 */
export function ChairChecklist({ snapshot, onShowNote, newInformation }: ChairChecklistProps) {
  const counts = useMemo(() => checklistCounts(snapshot), [snapshot])
  return (
    <div className="meeting-section chair-checklist" data-testid="chair-checklist">
      <p className="meeting-lead">Go through these with everyone before the decision.</p>
      {newInformation !== undefined && (
        <section className="checklist-part" aria-label="Late and new information">
          <h3 className="checklist-heading">Late and new information</h3>
          {newInformation}
        </section>
      )}
      <ChecklistPart
        testId="checklist-source-not-given"
        title="Source not given"
        none="Every item says where its information came from."
        notes={counts.sourceNotGiven.map((note) => ({ note, detail: null }))}
        onShowNote={onShowNote}
      />
      <ChecklistPart
        testId="checklist-jargon"
        title="Still using jargon"
        none="No item uses jargon from the plain-words list."
        summary={counts.jargonTerms.length > 0 ? `Terms: ${counts.jargonTerms.join(', ')}` : null}
        notes={counts.jargon.map(({ note, terms }) => ({ note, detail: terms.join(', ') }))}
        onShowNote={onShowNote}
      />
    </div>
  )
}

function ChecklistPart({
  testId,
  title,
  none,
  summary = null,
  notes,
  onShowNote,
}: {
  testId: string
  title: string
  none: string
  summary?: string | null
  notes: ReadonlyArray<{ note: NoteSnapshot; detail: string | null }>
  onShowNote(id: string): void
}) {
  const [open, setOpen] = useState(false)
  const listId = useId()
  const headingId = useId()
  const count = notes.length
  const items = count === 1 ? '1 item' : `${count} items`
  return (
    <section className="checklist-part" aria-labelledby={headingId} data-testid={testId}>
      <h3 id={headingId} className="checklist-heading">
        {title}:{' '}
        <span className="checklist-count" data-testid="checklist-count" data-count={count}>
          {items}
        </span>
      </h3>
      {count === 0 ? (
        <p className="meeting-empty">{none}</p>
      ) : (
        <>
          {summary !== null && (
            <p className="checklist-summary" data-testid="checklist-summary">
              {summary}
            </p>
          )}
          <button
            type="button"
            className="button button-small"
            aria-expanded={open}
            aria-controls={listId}
            data-testid="checklist-toggle"
            onClick={() => setOpen((was) => !was)}
          >
            {open ? `Hide the ${items}` : `Go to the ${items}`}
          </button>
          {open && (
            <ul id={listId} className="checklist-items">
              {notes.map(({ note, detail }) => (
                <li key={note.id}>
                  <button
                    type="button"
                    className="checklist-item"
                    data-testid="checklist-item"
                    data-note-id={note.id}
                    onClick={() => onShowNote(note.id)}
                  >
                    <span className="checklist-item-text">{note.text}</span>
                    <span className="checklist-item-where">
                      {zoneLabel(note.zone)}
                      {detail !== null ? ` · ${detail}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
