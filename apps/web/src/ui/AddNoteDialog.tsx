import { COLUMNS, ZONES } from '@mapboard/map-model'
import type { ZoneId } from '@mapboard/map-model'
import { Dialog } from './Dialog.tsx'
import { LockIcon } from './LockIcon.tsx'

/** "Add a note to…": every section as a large button, for small screens where the canvas "+" is tiny. */
export function AddNoteDialog({
  canAdd,
  isLocked,
  onPick,
  onClose,
}: {
  canAdd(zone: ZoneId): boolean
  isLocked(zone: ZoneId): boolean
  onPick(zone: ZoneId): void
  onClose(): void
}) {
  return (
    <Dialog title="Add a note to…" onClose={onClose} testId="add-note-dialog">
      {COLUMNS.map((column) => (
        <div key={column.id} className="pick-group" data-column={column.id}>
          <h3>{column.label}</h3>
          <div className="pick-buttons">
            {column.zones.map((zone) => {
              const label = ZONES.find((candidate) => candidate.id === zone)?.label ?? zone
              const locked = isLocked(zone)
              return (
                <button
                  key={zone}
                  type="button"
                  className="button pick-button"
                  disabled={!canAdd(zone)}
                  data-zone={zone}
                  aria-label={locked && !canAdd(zone) ? `${label} (locked)` : undefined}
                  onClick={() => onPick(zone)}
                >
                  {locked && <LockIcon locked />}
                  {label}
                </button>
              )
            })}
          </div>
        </div>
      ))}
    </Dialog>
  )
}
