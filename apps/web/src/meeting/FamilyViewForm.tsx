import { useId, useState } from 'react'
import type { FamilyView } from '@mapboard/map-model'
import { JargonHints } from '../ui/JargonHints.tsx'

interface FamilyViewFormProps {
  dangerNumber: number
  view: FamilyView | undefined
  canWrite: boolean
  onSave(text: string): boolean
}

/** "The family's view", recorded beside a danger statement the family disagrees with. */
export function FamilyViewForm({ dangerNumber, view, canWrite, onSave }: FamilyViewFormProps) {
  const [draft, setDraft] = useState<string | null>(null)
  const id = useId()
  return (
    <section className="family-view" aria-labelledby={id} data-testid="family-view">
      <h4 id={id}>The family’s view</h4>
      {draft === null ? (
        <>
          <p className={view ? 'family-view-text' : 'meeting-empty'} data-testid="family-view-text">
            {view ? view.text : 'Not recorded.'}
          </p>
          {view && <p className="meeting-meta">Recorded by {view.recordedBy.name}</p>}
          {canWrite && (
            <button
              type="button"
              className="button button-small"
              onClick={() => setDraft(view?.text ?? '')}
              data-testid="family-view-edit"
            >
              {view ? 'Change the family’s view' : `Record the family’s view of statement ${dangerNumber}`}
            </button>
          )}
        </>
      ) : (
        <form
          className="meeting-form"
          onSubmit={(event) => {
            event.preventDefault()
            if (draft.trim() !== '' && onSave(draft.trim())) setDraft(null)
          }}
        >
          <label className="field-label" htmlFor={`${id}-text`}>
            What does the family think about statement {dangerNumber}?
          </label>
          <textarea
            id={`${id}-text`}
            rows={3}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            data-testid="family-view-input"
          />
          <JargonHints text={draft} fieldId={`${id}-text`} onReplace={setDraft} />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={draft.trim() === ''}
              data-testid="family-view-save"
            >
              Save
            </button>
          </div>
        </form>
      )}
    </section>
  )
}
