import { useId, useState } from 'react'
import type { Apology, AttendanceEntry } from '@mapboard/map-model'
import type { Role } from '@mapboard/protocol'
import type { Participant } from '../board/Presence.ts'
import { ROLE_LABEL } from '../ui/PresenceList.tsx'
import { formatTime } from '../ui/dates.ts'

interface RosterPanelProps {
  participants: Participant[]
  attendance: AttendanceEntry[]
  apologies: Apology[]
  canEditApologies: boolean
  onSetApologies(apologies: Apology[]): boolean
}

const detail = (role: Role | null, agency: string | null): string =>
  [role ? ROLE_LABEL[role] : null, agency].filter(Boolean).join(' · ')

/** Who is in the meeting now, who has been and left (and when each joined), and who sent apologies. */
export function RosterPanel({
  participants,
  attendance,
  apologies,
  canEditApologies,
  onSetApologies,
}: RosterPanelProps) {
  const joinedAt = new Map(attendance.map((entry) => [entry.participantId, entry.joinedAt]))
  const presentIds = new Set(participants.map((person) => person.key))
  const left = attendance.filter((entry) => !presentIds.has(entry.participantId) && !entry.present)
  return (
    <div className="meeting-section" data-testid="roster-panel">
      <h3 className="meeting-form-title">Here now ({participants.length})</h3>
      <ul className="roster-list">
        {participants.map((person) => {
          const since = joinedAt.get(person.key)
          return (
            <li key={person.key} data-testid="roster-present" data-role={person.role ?? undefined}>
              <strong>
                {person.name}
                {person.isMe ? ' (you)' : ''}
              </strong>
              <span className="meeting-meta">
                {detail(person.role, person.agency)}
                {since !== undefined ? ` · joined ${formatTime(since)}` : ''}
              </span>
            </li>
          )
        })}
      </ul>
      {left.length > 0 && (
        <>
          <h3 className="meeting-form-title">Has left</h3>
          <ul className="roster-list">
            {left.map((entry) => (
              <li key={entry.participantId} data-testid="roster-left">
                <strong>{entry.name}</strong>
                <span className="meeting-meta">
                  {detail(entry.role, entry.agency)} · joined {formatTime(entry.joinedAt)}
                  {entry.leftAt !== null ? `, left ${formatTime(entry.leftAt)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="meeting-form-title">Apologies</h3>
      {apologies.length === 0 && <p className="meeting-empty">No apologies recorded.</p>}
      <ul className="roster-list">
        {apologies.map((apology, index) => (
          <li key={`${apology.name}-${index}`} data-testid="roster-apology">
            <strong>{apology.name}</strong>
            <span className="meeting-meta">{detail(apology.role, apology.agency)}</span>
            {canEditApologies && (
              <button
                type="button"
                className="button button-small button-danger"
                aria-label={`Remove the apology from ${apology.name}`}
                onClick={() => onSetApologies(apologies.filter((_, position) => position !== index))}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEditApologies && <ApologyForm onAdd={(apology) => onSetApologies([...apologies, apology])} />}
    </div>
  )
}

function ApologyForm({ onAdd }: { onAdd(apology: Apology): boolean }) {
  const [name, setName] = useState('')
  const [role, setRole] = useState<Apology['role']>('professional')
  const [agency, setAgency] = useState('')
  const id = useId()
  return (
    <form
      className="meeting-form"
      data-testid="apology-form"
      onSubmit={(event) => {
        event.preventDefault()
        if (name.trim() === '') return
        if (onAdd({ name: name.trim(), role, agency: agency.trim() })) {
          setName('')
          setAgency('')
        }
      }}
    >
      <h4>Add apologies</h4>
      <div className="field">
        <label className="field-label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input id={`${id}-name`} type="text" value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="apology-fields">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-role`}>
            Role
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as Apology['role'])}
          >
            {(Object.keys(ROLE_LABEL) as Role[]).map((value) => (
              <option key={value} value={value}>
                {ROLE_LABEL[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-agency`}>
            Agency <span className="optional">(if any)</span>
          </label>
          <input
            id={`${id}-agency`}
            type="text"
            value={agency}
            onChange={(event) => setAgency(event.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="button" disabled={name.trim() === ''}>
        Add apologies
      </button>
    </form>
  )
}
