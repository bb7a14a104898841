import { zoneLabel } from '@mapboard/map-model'
import type { ConferenceSchedule, LateInformation, NoteSnapshot } from '@mapboard/map-model'
import { informationDescription, informationMark, londonDayTime } from './informationText.ts'

interface NewInformationListProps {
  /** The map's late and new notes (map-model's lateInformation, by the deployment's policy). */
  information: LateInformation
  schedule: ConferenceSchedule | null
  /** The heading's level where the list is embedded (3 in the meeting panel). */
  headingLevel?: 2 | 3 | 4
  now?: number
}

type Item = { note: NoteSnapshot; status: 'late' | 'new' }

/**
 * What the chair goes through with the conference: every item shared late or new at the conference, oldest first,
 * with its section, who added it and when it arrived, and the question fair process asks of each. Props only, so
 * it can sit in the meeting panel or in a chair's checklist.
 */
export function NewInformationList({
  information,
  schedule,
  headingLevel = 3,
  now,
}: NewInformationListProps) {
  const Heading = `h${headingLevel}` as const
  const items: Item[] = [
    ...information.late.map((note) => ({ note, status: 'late' as const })),
    ...information.new.map((note) => ({ note, status: 'new' as const })),
  ].sort((a, b) => a.note.receivedAt - b.note.receivedAt || (a.note.id < b.note.id ? -1 : 1))
  return (
    <section
      className="new-information"
      aria-labelledby="new-information-heading"
      data-testid="new-information-list"
    >
      <Heading id="new-information-heading" className="meeting-form-title">
        Shared late or new ({items.length})
      </Heading>
      {schedule === null ? (
        <p className="field-hint">Set the conference’s date and time to see what was shared late.</p>
      ) : items.length === 0 ? (
        <p className="field-hint">Everything was shared before reports were due.</p>
      ) : (
        <ol className="new-information-items">
          {items.map(({ note, status }) => (
            <li
              key={note.id}
              className="new-information-item"
              data-testid="new-information-item"
              data-status={status}
              data-note-id={note.id}
            >
              <p
                className="information-mark"
                data-status={status}
                title={informationDescription(status, note.receivedAt, now) ?? ''}
              >
                {informationMark(status)}
              </p>
              <p className="new-information-text">{note.text}</p>
              <p className="new-information-meta">
                {zoneLabel(note.zone)} · {note.author !== '' ? note.author : 'Someone'}
                {note.agency !== '' ? ` (${note.agency})` : ''} · received{' '}
                <time dateTime={new Date(note.receivedAt).toISOString()}>
                  {londonDayTime(note.receivedAt, now)}
                </time>
              </p>
              <p className="new-information-question">Has the family had time to consider this?</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
