import type { ExportInfo } from '@mapboard/protocol'
import { ROLE_LABEL } from '../ui/PresenceList.tsx'
import { formatMoment } from '../ui/dates.ts'

interface ExportListProps {
  exports: ExportInfo[] | null
  loadError: string | null
  busy: boolean
  onDownload(info: ExportInfo): void
}

const FORMAT_LABEL = { pdf: 'Record (PDF)', png: 'Map picture (PNG)' } as const

/** The chair's list of kept exports, newest first: what, which version, who, when, and its fingerprint. */
export function ExportList({ exports, loadError, busy, onDownload }: ExportListProps) {
  if (loadError !== null) return <p className="form-error">{loadError}</p>
  if (exports === null) return <p className="meeting-empty">Loading earlier downloads…</p>
  if (exports.length === 0)
    return (
      <p className="meeting-empty" data-testid="export-list-empty">
        Nobody has downloaded the record yet.
      </p>
    )
  return (
    <ul className="export-list" data-testid="export-list">
      {[...exports].reverse().map((info) => {
        const who = info.generatedBy
        const detail = [ROLE_LABEL[who.role], who.agency].filter(Boolean).join(', ')
        const when = formatMoment(info.generatedAt)
        return (
          <li
            key={info.id}
            className="export-item"
            data-testid="export-item"
            data-format={info.format}
            data-export-id={info.id}
            data-version={info.documentVersion}
          >
            <div className="export-facts">
              <strong>
                {FORMAT_LABEL[info.format]} · version {info.documentVersion}
              </strong>
              <span className="meeting-meta">
                {who.name}
                {detail ? ` (${detail})` : ''} · {when}
              </span>
              <span className="meeting-meta export-hash" title={info.documentSha256}>
                Document SHA-256 <code>{info.documentSha256.slice(0, 12)}</code>
              </span>
            </div>
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              aria-label={`Download again: ${FORMAT_LABEL[info.format]}, version ${info.documentVersion}, ${when}`}
              onClick={() => onDownload(info)}
              data-testid="export-download"
            >
              Download
            </button>
          </li>
        )
      })}
    </ul>
  )
}
