import { actionLabel } from './actionLabels.ts'
import type { ActivityEntry } from './activityFilter.ts'
import { actorText, detailText, entryTime } from './activityText.ts'

interface ActivityListProps {
  entries: readonly ActivityEntry[]
  /** The first entry "Check the trail" found not as written, marked in the list. */
  firstBad: number | null
  labelledBy: string
}

/** The entries, oldest first, as an ordered list: one item per entry, read in full by a screen reader. */
export function ActivityList({ entries, firstBad, labelledBy }: ActivityListProps) {
  return (
    <ol className="activity-list" aria-labelledby={labelledBy} data-testid="activity-list">
      {entries.map((entry, index) => {
        const who = actorText(entry.actor)
        const label = actionLabel(entry.action)
        const { section, summary } = detailText(entry, label)
        const broken = firstBad !== null && entry.seq >= firstBad
        return (
          <li
            key={entry.seq}
            className="activity-entry"
            data-testid="activity-entry"
            data-seq={entry.seq}
            data-action={entry.action}
            data-person={entry.actor?.participantId ?? ''}
            data-audience={entry.audience}
            data-broken={broken ? 'true' : undefined}
          >
            <div className="activity-entry-head">
              <time className="activity-time" dateTime={new Date(entry.at).toISOString()}>
                {entryTime(entry.at, index === 0 ? null : (entries[index - 1]?.at ?? null))}
              </time>
              <span className="activity-seq">Entry {entry.seq}</span>
            </div>
            <p className="activity-what">
              <strong data-testid="activity-entry-name">{who.name}</strong>
              {who.detail !== '' && <span className="activity-who-detail"> ({who.detail})</span>}
              {' · '}
              <span data-testid="activity-entry-action">{label}</span>
            </p>
            {(section !== null || summary !== '') && (
              <p className="activity-summary" data-testid="activity-entry-summary">
                {section !== null && <span className="activity-section">{section}: </span>}
                {summary}
              </p>
            )}
            {entry.audience === 'professionals' && (
              <p className="activity-restricted">About the professionals’ notes: not in the shared view</p>
            )}
            {broken && entry.seq === firstBad && (
              <p className="activity-broken">The trail first breaks here.</p>
            )}
          </li>
        )
      })}
    </ol>
  )
}
