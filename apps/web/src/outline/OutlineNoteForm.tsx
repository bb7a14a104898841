import { useEffect, useId, useRef, useState } from 'react'
import { MAX_NOTE_TEXT, ZONES } from '@mapboard/map-model'
import type { NoteColour, NoteKind, ZoneId } from '@mapboard/map-model'
import { ColourPicker } from '../ui/ColourPicker.tsx'
import { JargonHints } from '../ui/JargonHints.tsx'
import { ProvenanceFields } from '../ui/ProvenanceFields.tsx'
import { completeProvenance, provenanceProblems } from '../ui/provenance.ts'
import type { ProvenanceDraft, ProvenanceProblems } from '../ui/provenance.ts'
import { ProfessionalsOnlyToggle } from '../ui/ProfessionalsOnlyToggle.tsx'

/** What the form saves: the kind and source as chosen (see provenance.ts). */
export interface OutlineNoteValues {
  text: string
  kind: NoteKind
  source: string
  colour: NoteColour
  zone: ZoneId
  /** A new note for the professionals' document (see ProfessionalsOnlyToggle). */
  restricted?: boolean
}

/** What the form starts from: a new note has no kind or source until the person chooses them. */
export interface OutlineNoteDraft extends Omit<OutlineNoteValues, 'kind' | 'source'> {
  provenance: ProvenanceDraft
}

interface OutlineNoteFormProps {
  mode: 'new' | 'edit'
  initial: OutlineNoteDraft
  /** Sections the note may be moved to (edit mode). */
  zones: readonly ZoneId[]
  /** Why the note can no longer be saved (its section was just locked); null while it can. */
  blocked?: string | null
  /** A new note may be made professionals-only (the chair and professionals). */
  offerRestricted?: boolean
  /** A new note can only be for professionals (a closed session). */
  restrictedOnly?: boolean
  onSave(values: OutlineNoteValues): void
  onCancel(): void
  onDelete?(): void
}

/** The outline's own form for adding or editing a note: plain labelled fields, in reading order. */
export function OutlineNoteForm({
  mode,
  initial,
  zones,
  blocked = null,
  offerRestricted = false,
  restrictedOnly = false,
  onSave,
  onCancel,
  onDelete,
}: OutlineNoteFormProps) {
  const [values, setValues] = useState(restrictedOnly ? { ...initial, restricted: true } : initial)
  const textRef = useRef<HTMLTextAreaElement>(null)
  const kindRef = useRef<HTMLInputElement>(null)
  const sourceRef = useRef<HTMLInputElement>(null)
  const textId = useId()
  const zoneId = useId()
  // Shown from the first refused save, and kept up to date as the person fixes them.
  const [tried, setTried] = useState(false)
  const problems: ProvenanceProblems = tried ? provenanceProblems(values.provenance) : {}

  useEffect(() => {
    textRef.current?.focus()
  }, [])

  const set = <K extends keyof OutlineNoteDraft>(key: K, value: OutlineNoteDraft[K]): void =>
    setValues((current) => ({ ...current, [key]: value }))

  const submit = (): void => {
    if (values.text.trim() === '' || blocked !== null) return
    const chosen = completeProvenance(values.provenance)
    if (chosen === null) {
      setTried(true)
      const missing = provenanceProblems(values.provenance)
      ;(missing.kind !== undefined ? kindRef : sourceRef).current?.focus()
      return
    }
    onSave({
      text: values.text,
      colour: values.colour,
      zone: values.zone,
      ...(values.restricted !== undefined ? { restricted: values.restricted } : {}),
      ...chosen,
    })
  }

  return (
    <form
      className="outline-form"
      data-testid="outline-note-form"
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onCancel()
        }
      }}
    >
      {blocked !== null && (
        <p className="locked-notice" role="status" data-testid="form-locked-notice">
          {blocked}
        </p>
      )}
      <label className="field" htmlFor={textId}>
        <span className="field-label">Note</span>
      </label>
      <textarea
        id={textId}
        ref={textRef}
        rows={3}
        required
        maxLength={MAX_NOTE_TEXT}
        value={values.text}
        placeholder="Write it in plain words…"
        data-testid="outline-note-input"
        onChange={(event) => set('text', event.target.value)}
      />
      <JargonHints
        text={values.text}
        fieldId={textId}
        maxLength={MAX_NOTE_TEXT}
        onReplace={(text) => set('text', text)}
      />
      <ProvenanceFields
        value={values.provenance}
        onChange={(provenance) => set('provenance', provenance)}
        problems={problems}
        focus={{ kind: kindRef, source: sourceRef }}
        sourceTestId="outline-note-source"
      />
      <ColourPicker value={values.colour} onChange={(colour) => set('colour', colour)} />
      {mode === 'new' && offerRestricted && (
        <ProfessionalsOnlyToggle
          checked={values.restricted === true}
          onChange={(restricted) => set('restricted', restricted)}
          fixed={restrictedOnly}
        />
      )}
      {mode === 'edit' && (
        <>
          <label className="field" htmlFor={zoneId}>
            <span className="field-label">Section</span>
          </label>
          <select
            id={zoneId}
            value={values.zone}
            onChange={(event) => set('zone', event.target.value as ZoneId)}
          >
            {ZONES.filter((zone) => zones.includes(zone.id)).map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.label}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="form-actions">
        {onDelete && blocked === null && (
          <button type="button" className="button button-danger" onClick={onDelete}>
            Delete
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={values.text.trim() === '' || blocked !== null}
          data-testid="outline-note-save"
        >
          {mode === 'new' ? 'Add note' : 'Save'}
        </button>
      </div>
    </form>
  )
}
