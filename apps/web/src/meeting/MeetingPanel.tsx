import { useEffect, useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { AGENDA_STEPS, agendaStep } from '@mapboard/map-model'
import type { AgendaStepId, ConferenceSnapshot, LateInformation, MapSnapshot } from '@mapboard/map-model'
import { ActivityPanel } from '../activity/ActivityPanel.tsx'
import { ChairChecklist } from '../checklist/ChairChecklist.tsx'
import type { ConferenceCommands } from '../board/ConferenceCommands.ts'
import type { MapSession } from '../board/MapSession.ts'
import type { Permissions } from '../board/Permissions.ts'
import type { Participant } from '../board/Presence.ts'
import { runCommand } from '../board/runCommand.ts'
import { NewInformationList } from '../newInformation/NewInformationList.tsx'
import { RecordPanel } from '../record/RecordPanel.tsx'
import { DangersPanel } from './DangersPanel.tsx'
import { DecisionPanel } from './DecisionPanel.tsx'
import { NextStepsPanel } from './NextStepsPanel.tsx'
import { RosterPanel } from './RosterPanel.tsx'
import { ScalingPanel } from './ScalingPanel.tsx'
import { TimingPanel } from './TimingPanel.tsx'

export type MeetingTab =
  | 'checklist'
  | 'timing'
  | 'dangers'
  | 'scaling'
  | 'next-steps'
  | 'decision'
  | 'roster'
  | 'record'
  | 'activity'
type Tab = MeetingTab

/** The chair's own tabs: the checklist first, the audit trail last (decision 0044), for them only. */
const CHECKLIST_TAB: { id: Tab; label: string } = { id: 'checklist', label: 'Checklist' }
const ACTIVITY_TAB: { id: Tab; label: string } = { id: 'activity', label: 'Activity' }

const TABS: ReadonlyArray<{ id: Tab; label: string }> = [
  { id: 'timing', label: 'Timing' },
  { id: 'dangers', label: 'Dangers & goals' },
  { id: 'scaling', label: 'Scaling' },
  { id: 'next-steps', label: 'Next steps' },
  { id: 'decision', label: 'Decision' },
  { id: 'roster', label: 'Roster' },
  { id: 'record', label: 'Record' },
]

/** The tab that goes with each step of the meeting: moving the agenda brings it forward for everyone. */
const STEP_TAB: Partial<Record<AgendaStepId, Tab>> = {
  introductions: 'roster',
  analysis: 'dangers',
  scaling: 'scaling',
  'next-steps': 'next-steps',
  decision: 'decision',
  close: 'record',
}

interface MeetingPanelProps {
  session: MapSession
  /** The map's title, for the names of downloaded files. */
  title: string
  conference: ConferenceSnapshot
  permissions: Permissions
  participants: Participant[]
  commands: ConferenceCommands
  /** What was shared late or is new, by the deployment's reports policy (the "Timing" tab). */
  information: LateInformation
  /** A tab someone asked for from outside the panel (the roster, from the avatars); `seq` repeats a request. */
  tabRequest: { tab: MeetingTab; seq: number } | null
  /** Every note the chair sees, unfiltered, for the chair's checklist. */
  snapshot: Pick<MapSnapshot, 'notes'>
  /** The checklist's way to a note: shown and selected on the board and in the Outline. */
  onShowNote(id: string): void
  onClose(): void
  onError(message: string): void
}

/** The meeting's own parts beside the board (a full-screen sheet on a phone), one tab per part. */
export function MeetingPanel({
  session,
  title,
  conference,
  permissions,
  participants,
  commands,
  information,
  tabRequest,
  snapshot,
  onShowNote,
  onClose,
  onError,
}: MeetingPanelProps) {
  const tabs = permissions.isChair ? [CHECKLIST_TAB, ...TABS, ACTIVITY_TAB] : TABS
  const [tab, setTab] = useState<Tab>(tabRequest?.tab ?? STEP_TAB[conference.step] ?? 'dangers')
  useEffect(() => {
    if (tabRequest) setTab(tabRequest.tab)
  }, [tabRequest])
  const headingRef = useRef<HTMLHeadingElement>(null)
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>())
  const id = useId()
  const stepIndex = AGENDA_STEPS.findIndex((step) => step.id === conference.step)

  const shownStep = useRef(conference.step)
  useEffect(() => {
    if (shownStep.current === conference.step) return
    shownStep.current = conference.step
    const next = STEP_TAB[conference.step]
    if (next) setTab(next)
  }, [conference.step])

  // Focus moves into the panel as it opens, and back to where it was (the Meeting button) as it closes.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    headingRef.current?.focus()
    return () => before?.focus()
  }, [])

  const run = (command: () => void): boolean => runCommand(command, onError)

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (step === 0) return
    event.preventDefault()
    const index = tabs.findIndex((candidate) => candidate.id === tab)
    const next = tabs[(index + step + tabs.length) % tabs.length]
    if (next) {
      setTab(next.id)
      tabRefs.current.get(next.id)?.focus()
    }
  }

  const agencies = [
    ...new Set(
      participants
        .filter((person) => person.role === 'professional' && person.agency)
        .map((person) => person.agency ?? ''),
    ),
  ]

  return (
    <aside
      id="meeting-panel"
      className="meeting-panel"
      aria-labelledby={`${id}-title`}
      data-testid="meeting-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose()
      }}
    >
      <div className="meeting-head">
        <div>
          <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
            Meeting
          </h2>
          <p className="meeting-step" data-testid="meeting-step">
            Step {stepIndex + 1} of {AGENDA_STEPS.length} · {agendaStep(conference.step).label}
          </p>
        </div>
        <button type="button" className="icon-button" aria-label="Close the meeting panel" onClick={onClose}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </div>
      <div className="meeting-tabs" role="tablist" aria-label="Parts of the meeting" onKeyDown={onTabKey}>
        {tabs.map((candidate) => (
          <button
            key={candidate.id}
            ref={(node) => {
              if (node) tabRefs.current.set(candidate.id, node)
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${candidate.id}`}
            aria-selected={tab === candidate.id}
            aria-controls={`${id}-tabpanel`}
            tabIndex={tab === candidate.id ? 0 : -1}
            className="meeting-tab"
            onClick={() => setTab(candidate.id)}
            data-testid={`meeting-tab-${candidate.id}`}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <div
        className="meeting-body"
        role="tabpanel"
        id={`${id}-tabpanel`}
        aria-labelledby={`${id}-tab-${tab}`}
        tabIndex={0}
      >
        {tab === 'checklist' && permissions.isChair && (
          <ChairChecklist
            snapshot={snapshot}
            onShowNote={onShowNote}
            newInformation={
              <NewInformationList information={information} schedule={conference.schedule} headingLevel={4} />
            }
          />
        )}
        {tab === 'timing' && (
          <TimingPanel
            schedule={conference.schedule}
            policy={session.reportsPolicy}
            information={information}
            permissions={permissions}
            onSetSchedule={(schedule) => run(() => commands.setSchedule(schedule))}
          />
        )}
        {tab === 'dangers' && (
          <DangersPanel conference={conference} permissions={permissions} commands={commands} run={run} />
        )}
        {tab === 'scaling' && (
          <ScalingPanel
            mapId={session.mapId}
            token={session.token}
            conference={conference}
            permissions={permissions}
            participants={participants}
            onError={onError}
          />
        )}
        {tab === 'next-steps' && (
          <NextStepsPanel
            nextSteps={conference.nextSteps}
            permissions={permissions}
            commands={commands}
            run={run}
          />
        )}
        {tab === 'decision' && (
          <DecisionPanel
            decision={conference.decision}
            permissions={permissions}
            commands={commands}
            agencies={agencies}
            run={run}
          />
        )}
        {tab === 'roster' && (
          <RosterPanel
            participants={participants}
            attendance={conference.attendance}
            apologies={conference.apologies}
            canEditApologies={permissions.canRunMeeting}
            onSetApologies={(apologies) => run(() => commands.setApologies(apologies))}
          />
        )}
        {tab === 'record' && (
          <RecordPanel
            session={session}
            title={title}
            permissions={permissions}
            commands={commands}
            run={run}
          />
        )}
        {tab === 'activity' && permissions.isChair && (
          <ActivityPanel mapId={session.mapId} token={session.token} title={title} />
        )}
      </div>
    </aside>
  )
}
