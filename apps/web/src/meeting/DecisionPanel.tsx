import { useState } from 'react'
import type { AgencyView, Decision, Dissent } from '@mapboard/map-model'
import type { ConferenceCommands } from '../board/ConferenceCommands.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { RunCommand } from '../board/runCommand.ts'
import { formatTime } from '../ui/dates.ts'
import { DecisionForm } from './DecisionForm.tsx'
import { decisionHeadline } from './decisionText.ts'

interface DecisionPanelProps {
  decision: Decision | null
  permissions: Permissions
  commands: ConferenceCommands
  /** Agencies in the meeting, offered as rows for their views. */
  agencies: string[]
  run: RunCommand
}

/** The decision: the chair records it; everyone reads it, with each agency's view and any dissent. */
export function DecisionPanel({ decision, permissions, commands, agencies, run }: DecisionPanelProps) {
  const [editing, setEditing] = useState(false)
  if (editing && permissions.canRunMeeting) {
    return (
      <div className="meeting-section" data-testid="decision-panel">
        <DecisionForm
          initial={decision}
          agencies={agencies}
          onCancel={() => setEditing(false)}
          onSave={(next) => {
            if (run(() => commands.recordDecision(next))) setEditing(false)
          }}
        />
      </div>
    )
  }
  return (
    <div className="meeting-section" data-testid="decision-panel">
      {decision === null ? (
        <p className="meeting-empty" data-testid="decision-none">
          The chair has not recorded a decision yet.
        </p>
      ) : (
        <article className="decision-card" data-testid="decision">
          <h3 className="decision-outcome" data-testid="decision-outcome">
            {decisionHeadline(decision)}
          </h3>
          <p className="meeting-meta">Recorded at {formatTime(decision.recordedAt)}</p>
          <h4>The chair’s reasons</h4>
          <p className="decision-reasons" data-testid="decision-reasons">
            {decision.reasons}
          </p>
          <ViewList title="Each agency’s view" items={decision.agencyViews} testId="decision-agency-view" />
          <ViewList
            title="Dissent"
            items={decision.dissent}
            testId="decision-dissent"
            empty="No dissent recorded."
          />
        </article>
      )}
      {permissions.canRunMeeting && (
        <button
          type="button"
          className="button button-primary"
          onClick={() => setEditing(true)}
          data-testid="decision-edit"
        >
          {decision === null ? 'Record the decision' : 'Change the decision'}
        </button>
      )}
    </div>
  )
}

function ViewList({
  title,
  items,
  testId,
  empty,
}: {
  title: string
  items: Array<AgencyView | Dissent>
  testId: string
  empty?: string
}) {
  if (items.length === 0 && empty === undefined) return null
  return (
    <>
      <h4>{title}</h4>
      {items.length === 0 ? (
        <p className="meeting-empty">{empty}</p>
      ) : (
        <ul className="view-list">
          {items.map((item, index) => (
            <li key={index} data-testid={testId}>
              <strong>
                {'name' in item ? `${item.name}${item.agency ? ` (${item.agency})` : ''}` : item.agency}
              </strong>
              : {item.view}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
