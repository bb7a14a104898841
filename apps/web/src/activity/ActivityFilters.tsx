import { useId } from 'react'
import { ZONES } from '@mapboard/map-model'
import { NO_FILTER, isFiltered } from './activityFilter.ts'
import type { ActivityFilter, PersonOption } from './activityFilter.ts'

interface ActivityFiltersProps {
  filter: ActivityFilter
  people: readonly PersonOption[]
  actions: ReadonlyArray<{ action: string; label: string }>
  onChange(filter: ActivityFilter): void
}

/** "Show only": a person, a section, an action, from and to a time. Every field is a labelled native control. */
export function ActivityFilters({ filter, people, actions, onChange }: ActivityFiltersProps) {
  const id = useId()
  const set = (part: Partial<ActivityFilter>): void => onChange({ ...filter, ...part })
  return (
    <fieldset className="activity-filters" data-testid="activity-filters">
      <legend className="meeting-form-title">Show only</legend>
      <div className="activity-filter-grid">
        <label className="field" htmlFor={`${id}-person`}>
          <span className="field-label">Person</span>
          <select
            id={`${id}-person`}

            value={filter.person}
            onChange={(event) => set({ person: event.target.value })}
            data-testid="activity-filter-person"
          >
            <option value="">Everyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-section`}>
          <span className="field-label">Section</span>
          <select
            id={`${id}-section`}

            value={filter.section}
            onChange={(event) => set({ section: event.target.value })}
            data-testid="activity-filter-section"
          >
            <option value="">Any section</option>
            {ZONES.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${id}-action`}>
          <span className="field-label">What was done</span>
          <select
            id={`${id}-action`}

            value={filter.action}
            onChange={(event) => set({ action: event.target.value })}
            data-testid="activity-filter-action"
          >
            <option value="">Anything</option>
            {actions.map(({ action, label }) => (
              <option key={action} value={action}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="activity-filter-grid activity-filter-times">
        <label className="field" htmlFor={`${id}-from`}>
          <span className="field-label">From</span>
          <input
            id={`${id}-from`}

            type="datetime-local"
            value={filter.from}
            onChange={(event) => set({ from: event.target.value })}
            data-testid="activity-filter-from"
          />
        </label>
        <label className="field" htmlFor={`${id}-to`}>
          <span className="field-label">To</span>
          <input
            id={`${id}-to`}

            type="datetime-local"
            value={filter.to}
            onChange={(event) => set({ to: event.target.value })}
            data-testid="activity-filter-to"
          />
        </label>
      </div>
      {isFiltered(filter) && (
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange(NO_FILTER)}
          data-testid="activity-filter-clear"
        >
          Show everything
        </button>
      )}
    </fieldset>
  )
}
