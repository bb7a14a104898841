import { useState } from 'react'
import { MAX_DANGER_STATEMENTS, composeDangerStatement, composeSafetyGoal } from '@mapboard/map-model'
import type { ConferenceSnapshot, DangerStatement } from '@mapboard/map-model'
import type { ConferenceCommands } from '../board/ConferenceCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import { DANGER_PROMPTS, GOAL_PROMPTS } from './dangerPrompts.ts'
import { JargonText } from '../ui/JargonText.tsx'
import { FamilyViewForm } from './FamilyViewForm.tsx'
import { SentenceBuilder } from './SentenceBuilder.tsx'
import { signature } from './signature.ts'

type Editing = { what: 'new-danger' } | { what: 'danger'; id: string } | { what: 'goal'; id: string } | null

interface DangersPanelProps {
  conference: ConferenceSnapshot
  permissions: Permissions
  commands: ConferenceCommands
  run: RunCommand
}

/** Danger statements, each paired with its safety goal and, when the family disagrees, the family's view. */
export function DangersPanel({ conference, permissions, commands, run }: DangersPanelProps) {
  const [editing, setEditing] = useState<Editing>(null)
  const { dangers, goals, familyViews } = conference
  const full = dangers.length >= MAX_DANGER_STATEMENTS
  const close = (): void => setEditing(null)

  return (
    <div className="meeting-section" data-testid="dangers-panel">
      <p className="meeting-lead">
        A danger statement says who is worried, what about, and what they think will happen to the child if
        nothing changes. Each is paired with a safety goal: what we would need to see to close the case.
      </p>
      {dangers.length === 0 && <p className="meeting-empty">No danger statements yet.</p>}
      <ol className="danger-list">
        {dangers.map((danger) => {
          const goal = goals[danger.id]
          const view = familyViews[danger.id]
          return (
            <li key={danger.id} className="danger-card" data-testid="danger-card" data-danger-id={danger.id}>
              {editing?.what === 'danger' && editing.id === danger.id ? (
                <DangerForm danger={danger} commands={commands} run={run} onDone={close} />
              ) : (
                <section aria-label={`Danger statement ${danger.number}`}>
                  <h3 className="danger-heading">Danger statement {danger.number}</h3>
                  <JargonText className="danger-text" testId="danger-text" text={danger.text} />
                  <p className="meeting-meta">{signature(danger.recordedBy)}</p>
                  <div className="meeting-actions">
                    {permissions.canWriteDangers && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setEditing({ what: 'danger', id: danger.id })}
                      >
                        Change statement {danger.number}
                      </button>
                    )}
                    {permissions.isChair && (
                      <button
                        type="button"
                        className="button button-small button-danger"
                        onClick={() => {
                          if (window.confirm(`Remove danger statement ${danger.number}?`))
                            run(() => commands.removeDanger(danger.id))
                        }}
                      >
                        Remove
                      </button>
                    )}
                  </div>
                </section>
              )}
              <section className="goal-block" aria-label={`Safety goal ${danger.number}`}>
                <h4>Safety goal {danger.number}</h4>
                {editing?.what === 'goal' && editing.id === danger.id ? (
                  <SentenceBuilder
                    title={`Safety goal for statement ${danger.number}`}
                    prompts={GOAL_PROMPTS}
                    initial={{
                      parents: goal?.parents ?? '',
                      child: goal?.child ?? '',
                      professionals: goal?.professionals ?? '',
                    }}
                    initialText={goal?.text}
                    compose={composeSafetyGoal}
                    textLabel="The safety goal"
                    saveLabel="Save the safety goal"
                    testId="goal-builder"
                    onCancel={close}
                    onSave={(parts, text) => {
                      const ok = run(() => commands.setGoal(danger.id, { ...parts, text }))
                      if (ok) close()
                      return ok
                    }}
                  />
                ) : (
                  <>
                    {goal ? (
                      <JargonText className="goal-text" testId="goal-text" text={goal.text} />
                    ) : (
                      <p className="meeting-empty" data-testid="goal-text">
                        No safety goal yet.
                      </p>
                    )}
                    {goal && <p className="meeting-meta">{signature(goal.recordedBy)}</p>}
                    {permissions.canWriteGoals && (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setEditing({ what: 'goal', id: danger.id })}
                        data-testid="goal-edit"
                      >
                        {goal ? `Change safety goal ${danger.number}` : `Write safety goal ${danger.number}`}
                      </button>
                    )}
                  </>
                )}
              </section>
              <FamilyViewForm
                dangerNumber={danger.number}
                view={view}
                canWrite={permissions.canWriteFamilyView}
                onSave={(text) => run(() => commands.setFamilyView(danger.id, text))}
              />
            </li>
          )
        })}
      </ol>
      {permissions.canWriteDangers &&
        (editing?.what === 'new-danger' ? (
          <DangerForm commands={commands} run={run} onDone={close} />
        ) : full ? (
          <p className="meeting-meta">There are four danger statements, the most a map holds.</p>
        ) : (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setEditing({ what: 'new-danger' })}
            data-testid="danger-new"
          >
            + New danger statement
          </button>
        ))}
    </div>
  )
}

function DangerForm({
  danger,
  commands,
  run,
  onDone,
}: {
  danger?: DangerStatement
  commands: ConferenceCommands
  run: RunCommand
  onDone(): void
}) {
  return (
    <SentenceBuilder
      title={danger ? `Change danger statement ${danger.number}` : 'New danger statement'}
      prompts={DANGER_PROMPTS}
      initial={{ who: danger?.who ?? '', worry: danger?.worry ?? '', outcome: danger?.outcome ?? '' }}
      initialText={danger?.text}
      compose={composeDangerStatement}
      textLabel="The danger statement"
      saveLabel={danger ? 'Save the changes' : 'Add the danger statement'}
      testId="danger-builder"
      onCancel={onDone}
      onSave={(parts, text) => {
        const ok = run(() => {
          if (danger) commands.updateDanger(danger.id, { ...parts, text })
          else commands.addDanger({ ...parts, text })
        })
        if (ok) onDone()
        return ok
      }}
    />
  )
}
