import { useId } from 'react'
import type { Ref } from 'react'
import { NOTE_KINDS } from '@mapboard/map-model'
import type { NoteKind } from '@mapboard/map-model'
import { KIND_BADGE } from './palette.ts'

const HINT: Record<NoteKind, string> = {
  fact: 'recorded and checked',
  observation: 'seen or heard first-hand',
  allegation: 'said by someone, not yet checked',
  opinion: 'a professional or personal view',
}

/**
 * Fair process: every item says what kind of information it is. A radio group, usable by keyboard, with nothing
 * chosen for a new note (decision 0037): the person picks one on purpose.
 */
export function KindPicker({
  value,
  onChange,
  error,
  firstRef,
}: {
  value: NoteKind | null
  onChange(kind: NoteKind): void
  /** Why the note cannot be added yet (no kind chosen); shown and tied to every option. */
  error?: string | undefined
  /** The first option, for moving focus here when the choice is missing. */
  firstRef?: Ref<HTMLInputElement>
}) {
  const name = useId()
  const errorId = useId()
  return (
    <fieldset className="kind-picker" data-invalid={error !== undefined ? 'true' : undefined}>
      <legend>What kind of information is this?</legend>
      <div className="kind-options">
        {NOTE_KINDS.map((kind, index) => (
          <label key={kind} className="kind-option" data-kind={kind} title={HINT[kind]}>
            <input
              ref={index === 0 ? firstRef : undefined}
              type="radio"
              name={name}
              value={kind}
              checked={value === kind}
              aria-invalid={error !== undefined ? true : undefined}
              aria-describedby={error !== undefined ? errorId : undefined}
              onChange={() => onChange(kind)}
            />
            <span>{KIND_BADGE[kind].label}</span>
          </label>
        ))}
      </div>
      {error !== undefined && (
        <p id={errorId} className="field-error" data-testid="kind-error">
          {error}
        </p>
      )}
      <p className="field-hint">
        {value === null
          ? 'Fact, observation, allegation or opinion: choose one.'
          : `${KIND_BADGE[value].label}: ${HINT[value]}`}
      </p>
    </fieldset>
  )
}
