import { Fragment, useId, useState } from 'react'
import { CP_CATEGORIES, DECISION_OUTCOMES } from '@mapboard/map-model'
import type { AgencyView, CpCategory, Decision, DecisionOutcome, Dissent } from '@mapboard/map-model'
import { JargonHints } from '../ui/JargonHints.tsx'

interface DecisionFormProps {
  initial: Decision | null
  agencies: string[]
  onSave(decision: Omit<Decision, 'recordedAt'>): void
  onCancel(): void
}

const OUTCOMES = Object.keys(DECISION_OUTCOMES) as DecisionOutcome[]
const CATEGORIES = Object.keys(CP_CATEGORIES) as CpCategory[]

/** The chair's form: outcome, category for a CP plan, reasons, each agency's view, dissent with name and agency. */
export function DecisionForm({ initial, agencies, onSave, onCancel }: DecisionFormProps) {
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(initial?.outcome ?? null)
  const [category, setCategory] = useState<CpCategory | ''>(initial?.category ?? '')
  const [reasons, setReasons] = useState(initial?.reasons ?? '')
  const [views, setViews] = useState<AgencyView[]>(
    initial?.agencyViews ?? agencies.map((agency) => ({ agency, view: '' })),
  )
  const [dissent, setDissent] = useState<Dissent[]>(initial?.dissent ?? [])
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()

  const submit = (): void => {
    if (outcome === null) return setProblem('Choose the outcome.')
    if (outcome === 'cp-plan' && category === '') return setProblem('Choose the category of the plan.')
    if (reasons.trim() === '') return setProblem('Give the reasons for the decision.')
    setProblem(null)
    onSave({
      outcome,
      category: outcome === 'cp-plan' && category !== '' ? category : null,
      reasons: reasons.trim(),
      agencyViews: views
        .map((row) => ({ agency: row.agency.trim(), view: row.view.trim() }))
        .filter((row) => row.agency !== '' && row.view !== ''),
      dissent: dissent
        .map((row) => ({ name: row.name.trim(), agency: row.agency.trim(), view: row.view.trim() }))
        .filter((row) => row.name !== '' && row.view !== ''),
    })
  }

  return (
    <form
      className="meeting-form"
      data-testid="decision-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        submit()
      }}
    >
      <h3 className="meeting-form-title">Record the decision</h3>
      <fieldset className="field">
        <legend className="field-label">Outcome</legend>
        {OUTCOMES.map((value) => (
          <label key={value} className="check-field">
            <input
              type="radio"
              name={`${id}-outcome`}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
              data-testid={`decision-outcome-${value}`}
            />
            {DECISION_OUTCOMES[value]}
          </label>
        ))}
      </fieldset>
      {outcome === 'cp-plan' && (
        <div className="field">
          <label className="field-label" htmlFor={`${id}-category`}>
            Category of the plan
          </label>
          <select
            id={`${id}-category`}
            value={category}
            onChange={(event) => setCategory(event.target.value as CpCategory | '')}
            data-testid="decision-category"
          >
            <option value="">Choose…</option>
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {CP_CATEGORIES[value]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-reasons`}>
          The chair’s reasons
        </label>
        <textarea
          id={`${id}-reasons`}
          rows={4}
          value={reasons}
          onChange={(event) => setReasons(event.target.value)}
          data-testid="decision-reasons-input"
        />
        <JargonHints text={reasons} fieldId={`${id}-reasons`} onReplace={setReasons} />
      </div>
      <fieldset className="field">
        <legend className="field-label">Each agency’s view</legend>
        {views.map((row, index) => (
          <Fragment key={index}>
            <div className="row-fields" data-testid="decision-view-row">
              <input
                type="text"
                aria-label={`Agency ${index + 1}`}
                placeholder="Agency"
                value={row.agency}
                onChange={(event) => setViews(replace(views, index, { ...row, agency: event.target.value }))}
              />
              <input
                id={`${id}-view-${index}`}
                type="text"
                aria-label={`View of ${row.agency || `agency ${index + 1}`}`}
                placeholder="Their view"
                value={row.view}
                onChange={(event) => setViews(replace(views, index, { ...row, view: event.target.value }))}
                data-testid="decision-view-input"
              />
            </div>
            <JargonHints
              text={row.view}
              fieldId={`${id}-view-${index}`}
              onReplace={(view) => setViews(replace(views, index, { ...row, view }))}
            />
          </Fragment>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setViews([...views, { agency: '', view: '' }])}
        >
          + Another agency’s view
        </button>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Dissent</legend>
        {dissent.length === 0 && (
          <span className="field-hint">Anyone who disagrees, with their name and agency.</span>
        )}
        {dissent.map((row, index) => (
          <Fragment key={index}>
            <div className="row-fields" data-testid="decision-dissent-row">
              <input
                type="text"
                aria-label={`Name of person ${index + 1} who disagrees`}
                placeholder="Name"
                value={row.name}
                onChange={(event) =>
                  setDissent(replace(dissent, index, { ...row, name: event.target.value }))
                }
                data-testid="decision-dissent-name"
              />
              <input
                type="text"
                aria-label={`Their agency`}
                placeholder="Agency"
                value={row.agency}
                onChange={(event) =>
                  setDissent(replace(dissent, index, { ...row, agency: event.target.value }))
                }
                data-testid="decision-dissent-agency"
              />
              <input
                id={`${id}-dissent-${index}`}
                type="text"
                aria-label="Their view"
                placeholder="Their view"
                value={row.view}
                onChange={(event) =>
                  setDissent(replace(dissent, index, { ...row, view: event.target.value }))
                }
                data-testid="decision-dissent-view"
              />
            </div>
            <JargonHints
              text={row.view}
              fieldId={`${id}-dissent-${index}`}
              onReplace={(view) => setDissent(replace(dissent, index, { ...row, view }))}
            />
          </Fragment>
        ))}
        <button
          type="button"
          className="button button-small"
          onClick={() => setDissent([...dissent, { name: '', agency: '', view: '' }])}
          data-testid="decision-dissent-add"
        >
          + Record dissent
        </button>
      </fieldset>
      {problem !== null && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid="decision-save">
          Record the decision
        </button>
      </div>
    </form>
  )
}

function replace<T>(list: T[], index: number, value: T): T[] {
  return list.map((item, position) => (position === index ? value : item))
}
