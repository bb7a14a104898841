import { useId } from 'react'
import type { Ref } from 'react'
import { MAX_SOURCE_TEXT } from '@mapboard/map-model'
import { KindPicker } from './KindPicker.tsx'
import { withSource, withSourceNotGiven } from './provenance.ts'
import type { ProvenanceDraft, ProvenanceProblems } from './provenance.ts'

/** The first control of each field, so a refused "Add note" can put the keyboard where the problem is. */
export interface ProvenanceFocus {
  kind: Ref<HTMLInputElement>
  source: Ref<HTMLInputElement>
}

/**
 * What kind of information a note is and where it came from, both chosen on purpose (decision 0037): the kind
 * picker, the source, and "Source not given" to say plainly that there is none. Problems show under the field
 * they are about, and each control names its problem (aria-describedby).
 */
export function ProvenanceFields({
  value,
  onChange,
  problems = {},
  focus,
  sourceTestId,
}: {
  value: ProvenanceDraft
  onChange(next: ProvenanceDraft): void
  /** Shown once the person has tried to add the note. */
  problems?: ProvenanceProblems
  focus?: ProvenanceFocus
  sourceTestId: string
}) {
  const sourceId = useId()
  const errorId = useId()
  return (
    <>
      <KindPicker
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        error={problems.kind}
        firstRef={focus?.kind}
      />
      <div className="source-field">
        <label className="field" htmlFor={sourceId}>
          <span className="field-label">Where did this come from?</span>
        </label>
        <input
          id={sourceId}
          ref={focus?.source}
          type="text"
          maxLength={MAX_SOURCE_TEXT}
          value={value.source}
          placeholder="e.g. school attendance records"
          aria-invalid={problems.source !== undefined}
          aria-describedby={problems.source !== undefined ? errorId : undefined}
          data-testid={sourceTestId}
          onChange={(event) => onChange(withSource(value, event.target.value))}
        />
        <label className="source-not-given">
          <input
            type="checkbox"
            checked={value.sourceNotGiven}
            aria-describedby={problems.source !== undefined ? errorId : undefined}
            data-testid="source-not-given"
            onChange={(event) => onChange(withSourceNotGiven(value, event.target.checked))}
          />
          <span>Source not given</span>
        </label>
        {problems.source !== undefined && (
          <p id={errorId} className="field-error" data-testid="source-error">
            {problems.source}
          </p>
        )}
      </div>
    </>
  )
}
