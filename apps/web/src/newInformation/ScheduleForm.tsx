import { useState } from 'react'
import type { ConferenceSchedule } from '@mapboard/map-model'
import { ScheduleFields } from './ScheduleFields.tsx'
import { draftOf, scheduleOfDraft } from './scheduleDraft.ts'

/** The chair's form for when the conference is: date, start time and kind. */
export function ScheduleForm({
  schedule,
  onSave,
}: {
  schedule: ConferenceSchedule | null
  /** Writes the schedule; false if it could not (the reason is already shown). */
  onSave(schedule: ConferenceSchedule): boolean
}) {
  const [draft, setDraft] = useState(() => draftOf(schedule))
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  return (
    <form
      className="meeting-form schedule-form"
      data-testid="schedule-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        setSaved(false)
        try {
          const next = scheduleOfDraft(draft)
          if (next === null) throw new Error('Give the conference’s date.')
          setError(null)
          if (onSave(next)) setSaved(true)
        } catch (caught) {
          setError(caught instanceof Error ? caught.message : 'That date and time could not be read.')
        }
      }}
    >
      <h3 className="meeting-form-title">
        {schedule === null ? 'Set the date and time' : 'Change the date and time'}
      </h3>
      <ScheduleFields
        draft={draft}
        required
        onChange={(next) => {
          setDraft(next)
          setSaved(false)
        }}
      />
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" data-testid="schedule-save">
        Save the date and time
      </button>
      <p className="field-hint" role="status">
        {saved ? 'Saved. Everyone sees it on the board.' : ''}
      </p>
    </form>
  )
}
