import { useId } from 'react'
import type { ConferenceType } from '@mapboard/map-model'
import { conferenceTypeText } from './informationText.ts'
import type { ScheduleDraft } from './scheduleDraft.ts'

const TYPES: readonly ConferenceType[] = ['initial', 'review']

/**
 * The conference's date, start time and kind, as London times: the landing page's optional fields and the chair's
 * form in the meeting panel. The reports deadline follows from them.
 */
export function ScheduleFields({
  draft,
  onChange,
  required = false,
}: {
  draft: ScheduleDraft
  onChange(draft: ScheduleDraft): void
  /** The date must be given (the chair's form); on the landing page it is optional. */
  required?: boolean
}) {
  const id = useId()
  return (
    <div className="schedule-fields">
      <div className="schedule-when">
        <label className="field">
          <span className="field-label">
            Date of the conference{!required && <span className="optional"> (optional)</span>}
          </span>
          <input
            type="date"
            required={required}
            value={draft.date}
            data-testid="schedule-date"
            onChange={(event) => onChange({ ...draft, date: event.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Starts at (UK time)</span>
          <input
            type="time"
            required={required || draft.date !== ''}
            value={draft.time}
            data-testid="schedule-time"
            onChange={(event) => onChange({ ...draft, time: event.target.value })}
          />
        </label>
      </div>
      <fieldset className="field">
        <legend className="field-label">Kind of conference</legend>
        {TYPES.map((type) => (
          <label key={type} className="check-field">
            <input
              type="radio"
              name={`${id}-type`}
              checked={draft.type === type}
              onChange={() => onChange({ ...draft, type })}
              data-testid={`schedule-type-${type}`}
            />
            {conferenceTypeText(type)}
          </label>
        ))}
      </fieldset>
    </div>
  )
}
