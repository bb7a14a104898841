import { useId, useMemo, useState } from 'react'
import type { AuditVerification } from '@mapboard/protocol'
import { fileSlug } from '../record/fileNames.ts'
import { saveFile } from '../record/saveFile.ts'
import { formatTime } from '../ui/dates.ts'
import { ActivityFilters } from './ActivityFilters.tsx'
import { ActivityList } from './ActivityList.tsx'
import { activityErrorMessage, fetchActivityCsv, verifyActivity } from './activityApi.ts'
import { NO_FILTER, actionsIn, filterQuery, isFiltered, matchesFilter, peopleIn } from './activityFilter.ts'
import type { ActivityFilter } from './activityFilter.ts'
import { useActivity } from './useActivity.ts'
import { verificationText } from './verificationText.ts'

interface ActivityPanelProps {
  mapId: string
  /** The chair's token: every call sends it as `Authorization: Bearer`. */
  token: string
  /** The map's title, for the CSV's file name. */
  title: string
}

/** How many entries are drawn at first, and how many more each "Show more" adds: a long meeting has thousands. */
const PAGE = 200

type Busy = 'csv' | 'verify' | null

/**
 * The chair's Activity tab (decision 0044): the audit trail the server keeps of this map, oldest first, as the
 * story of the meeting reads; narrowed by person, section, action and time; downloaded as CSV with the same filter;
 * and "Check the trail", which asks the server whether every entry is still as written.
 */
export function ActivityPanel({ mapId, token, title }: ActivityPanelProps) {
  const { entries, loadedAt, loading, error, refresh } = useActivity(mapId, token)
  const [filter, setFilter] = useState<ActivityFilter>(NO_FILTER)
  const [limit, setLimit] = useState(PAGE)
  const [busy, setBusy] = useState<Busy>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [verification, setVerification] = useState<{ result: AuditVerification; at: number } | null>(null)
  const id = useId()

  const all = useMemo(() => entries ?? [], [entries])
  const people = useMemo(() => peopleIn(all), [all])
  const actions = useMemo(() => actionsIn(all), [all])
  const shown = useMemo(() => all.filter((entry) => matchesFilter(entry, filter)), [all, filter])

  const changeFilter = (next: ActivityFilter): void => {
    setFilter(next)
    setLimit(PAGE)
  }

  const run = async (kind: Exclude<Busy, null>, work: () => Promise<void>): Promise<void> => {
    setBusy(kind)
    setActionError(null)
    setSaved(null)
    try {
      await work()
    } catch (failure) {
      setActionError(activityErrorMessage(failure))
    } finally {
      setBusy(null)
    }
  }

  const downloadCsv = (): void =>
    void run('csv', async () => {
      const query = filterQuery(filter)
      const blob = await fetchActivityCsv(mapId, token, query)
      const fileName = `mapboard-activity-${fileSlug(title)}${query === '' ? '' : '-filtered'}.csv`
      saveFile(blob, fileName)
      setSaved(fileName)
    })

  const check = (): void =>
    void run('verify', async () => {
      const result = await verifyActivity(mapId, token)
      setVerification({ result, at: Date.now() })
    })

  const verdict = verification === null ? null : verificationText(verification.result)
  const firstBad =
    verification !== null && !verification.result.ok ? (verification.result.firstBad ?? null) : null

  return (
    <div className="meeting-section activity-panel" data-testid="activity-panel">
      <p className="meeting-lead">
        Everything the server accepted or refused on this map, oldest first: who did it, when, and what. It is
        written by the server as each change is saved; nobody can change it from here.
      </p>
      <div className="meeting-actions">
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={refresh}
          data-testid="activity-refresh"
        >
          Refresh
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={downloadCsv}
          data-testid="activity-download-csv"
        >
          {isFiltered(filter) ? 'Download these as CSV' : 'Download CSV'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={check}
          data-testid="activity-verify"
        >
          Check the trail
        </button>
      </div>
      <div role="status" aria-live="polite" className="activity-status">
        {busy === 'csv' && <p className="record-busy">Preparing the CSV…</p>}
        {busy === 'verify' && <p className="record-busy">Checking the trail…</p>}
        {busy === null && saved !== null && (
          <p className="record-saved" data-testid="activity-saved">
            Saved as <span className="record-file">{saved}</span>
          </p>
        )}
        {busy === null && verification !== null && verdict !== null && (
          <div
            className="activity-verdict"
            data-ok={verification.result.ok ? 'true' : 'false'}
            data-testid="activity-verdict"
          >
            <p className="activity-verdict-headline">{verdict.headline}</p>
            <p>
              {verdict.detail} Checked at {formatTime(verification.at)}.
            </p>
          </div>
        )}
      </div>
      {actionError !== null && (
        <p className="form-error" role="alert" data-testid="activity-action-error">
          {actionError}
        </p>
      )}
      <ActivityFilters filter={filter} people={people} actions={actions} onChange={changeFilter} />
      <div className="activity-list-head">
        <h3 className="meeting-form-title" id={`${id}-list`}>
          Activity, oldest first
        </h3>
        <p className="meeting-meta" data-testid="activity-count">
          {entries === null
            ? loading
              ? 'Loading…'
              : ''
            : isFiltered(filter)
              ? `${shown.length} of ${all.length} entries`
              : `${all.length} ${all.length === 1 ? 'entry' : 'entries'}`}
          {loadedAt !== null && ` · updated ${formatTime(loadedAt)}`}
          {loading && entries !== null && ' · updating…'}
        </p>
      </div>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="activity-error">
          {error}
          {entries !== null && ' The list below is as it was last loaded.'}
        </p>
      )}
      {entries !== null && shown.length === 0 && (
        <p className="meeting-empty" data-testid="activity-empty">
          {all.length === 0 ? 'Nothing has happened on this map yet.' : 'No entries match these filters.'}
        </p>
      )}
      {shown.length > 0 && (
        <ActivityList entries={shown.slice(0, limit)} firstBad={firstBad} labelledBy={`${id}-list`} />
      )}
      {shown.length > limit && (
        <button
          type="button"
          className="button"
          onClick={() => setLimit(limit + PAGE)}
          data-testid="activity-show-more"
        >
          Show {Math.min(PAGE, shown.length - limit)} more ({shown.length - limit} not shown yet)
        </button>
      )}
    </div>
  )
}
