import { useId } from 'react'
import { NOTE_KINDS } from '@mapboard/map-model'
import type { NoteKind } from '@mapboard/map-model'
import { KIND_BADGE } from './palette.ts'

const HINT: Record<NoteKind, string> = {
  fact: 'recorded and checked',
  observation: 'seen or heard first-hand',
  allegation: 'said by someone, not yet checked',
  opinion: 'a professional or personal view',
}

/** Fair process: every item says what kind of information it is. A radio group, usable by keyboard. */
export function KindPicker({ value, onChange }: { value: NoteKind; onChange(kind: NoteKind): void }) {
  const name = useId()
  return (
    <fieldset className="kind-picker">
      <legend>What kind of information is this?</legend>
      <div className="kind-options">
        {NOTE_KINDS.map((kind) => (
          <label key={kind} className="kind-option" data-kind={kind} title={HINT[kind]}>
            <input
              type="radio"
              name={name}
              value={kind}
              checked={value === kind}
              onChange={() => onChange(kind)}
            />
            <span>{KIND_BADGE[kind].label}</span>
          </label>
        ))}
      </div>
      <p className="field-hint">
        {KIND_BADGE[value].label}: {HINT[value]}
      </p>
    </fieldset>
  )
}
