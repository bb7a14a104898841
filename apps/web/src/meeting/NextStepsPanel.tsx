import { useId, useState } from 'react'
import { isOverdue } from '@mapboard/map-model'
import type { NextStep } from '@mapboard/map-model'
import type { ConferenceCommands, NextStepFields } from '../board/ConferenceCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import { formatDay, localToday } from '../ui/dates.ts'
import { JargonHints } from '../ui/JargonHints.tsx'
import { JargonText } from '../ui/JargonText.tsx'
import { signature } from './signature.ts'

interface NextStepsPanelProps {
  nextSteps: NextStep[]
  permissions: Permissions
  commands: ConferenceCommands
  run: RunCommand
}

const EMPTY: NextStepFields = { what: '', who: '', agency: '', due: '' }

/** The plan: what will be done, by whom (and their agency), by when. Overdue steps say so in words. */
export function NextStepsPanel({ nextSteps, permissions, commands, run }: NextStepsPanelProps) {
  const [adding, setAdding] = useState(false)
  const today = localToday()
  const canWrite = permissions.canWriteNextSteps
  return (
    <div className="meeting-section" data-testid="next-steps-panel">
      {nextSteps.length === 0 && <p className="meeting-empty">No next steps yet.</p>}
      <ul className="next-step-list">
        {nextSteps.map((step) => {
          const overdue = !step.done && isOverdue(step, today)
          return (
            <li
              key={step.id}
              className="next-step"
              data-testid="next-step"
              data-overdue={overdue ? 'true' : 'false'}
              data-done={step.done ? 'true' : 'false'}
            >
              <JargonText className="next-step-what" text={step.what} />
              <p className="next-step-owner">
                {step.who}
                {step.agency ? ` · ${step.agency}` : ''}
              </p>
              <p className="next-step-due">
                {overdue && (
                  <strong className="overdue-badge" data-testid="next-step-overdue">
                    Overdue:
                  </strong>
                )}{' '}
                {step.done ? 'Done. ' : ''}Due by {formatDay(step.due)}
              </p>
              <p className="meeting-meta">{signature(step.recordedBy)}</p>
              {canWrite && (
                <div className="meeting-actions">
                  <label className="check-field">
                    <input
                      type="checkbox"
                      checked={step.done}
                      onChange={(event) =>
                        run(() => commands.updateNextStep(step.id, { done: event.target.checked }))
                      }
                    />
                    Done
                  </label>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    aria-label={`Remove next step: ${step.what}`}
                    onClick={() => run(() => commands.removeNextStep(step.id))}
                  >
                    Remove
                  </button>
                </div>
              )}
            </li>
          )
        })}
      </ul>
      {canWrite &&
        (adding ? (
          <NextStepForm
            onCancel={() => setAdding(false)}
            onSave={(fields) => {
              const ok = run(() => commands.addNextStep(fields))
              if (ok) setAdding(false)
            }}
          />
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setAdding(true)}
            data-testid="next-step-new"
          >
            + New next step
          </button>
        ))}
    </div>
  )
}

function NextStepForm({ onSave, onCancel }: { onSave(fields: NextStepFields): void; onCancel(): void }) {
  const [fields, setFields] = useState(EMPTY)
  const [problem, setProblem] = useState<string | null>(null)
  const id = useId()
  const field = (key: keyof NextStepFields, label: string, type: 'text' | 'date' = 'text', hint?: string) => (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      {hint && <span className="field-hint">{hint}</span>}
      <input
        id={`${id}-${key}`}
        type={type}
        value={fields[key]}
        onChange={(event) => setFields({ ...fields, [key]: event.target.value })}
        data-testid={`next-step-${key}`}
      />
      {key === 'what' && (
        <JargonHints
          text={fields.what}
          fieldId={`${id}-what`}
          onReplace={(what) => setFields({ ...fields, what })}
        />
      )}
    </div>
  )
  return (
    <form
      className="meeting-form"
      data-testid="next-step-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (fields.what.trim() === '' || fields.who.trim() === '' || fields.due === '') {
          setProblem('Say what will be done, who will do it and by when.')
          return
        }
        setProblem(null)
        onSave({ ...fields, what: fields.what.trim(), who: fields.who.trim(), agency: fields.agency.trim() })
      }}
    >
      <h3 className="meeting-form-title">New next step</h3>
      {field('what', 'What will be done?')}
      {field('who', 'Who will do it?')}
      {field('agency', 'Their agency', 'text', 'Leave empty for the family.')}
      {field('due', 'By when?', 'date')}
      {problem !== null && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid="next-step-save">
          Add the next step
        </button>
      </div>
    </form>
  )
}
