import { useId } from 'react'
import { NOTE_COLOURS } from '@mapboard/map-model'
import type { NoteColour } from '@mapboard/map-model'
import { COLOUR_LABEL, NOTE_FILL } from './palette.ts'

export function ColourPicker({ value, onChange }: { value: NoteColour; onChange(colour: NoteColour): void }) {
  const name = useId()
  return (
    <fieldset className="colour-picker">
      <legend>Colour</legend>
      <div className="colour-options">
        {NOTE_COLOURS.map((colour) => (
          <label key={colour} className="colour-option" title={COLOUR_LABEL[colour]}>
            <input
              type="radio"
              name={name}
              value={colour}
              checked={value === colour}
              onChange={() => onChange(colour)}
              aria-label={COLOUR_LABEL[colour]}
            />
            <span
              className="colour-swatch"
              style={{ background: NOTE_FILL[colour].fill, borderColor: NOTE_FILL[colour].edge }}
            />
          </label>
        ))}
      </div>
    </fieldset>
  )
}
