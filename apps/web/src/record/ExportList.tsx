import type { ExportInfo } from '@mapboard/protocol'
import { ROLE_LABEL } from '../ui/PresenceList.tsx'
import { formatMoment } from '../ui/dates.ts'

interface ExportListProps {
  exports: ExportInfo[] | null
  loadError: string | null
  busy: boolean
  onDownload(info: ExportInfo): void
}

const LABEL = {
  shared: { pdf: 'Record (PDF)', png: 'Map picture (PNG)', letter: 'Family letter (PDF)' },
  // The letter is only ever made from the shared document; the label is here for the type's sake.
  professionals: {
    pdf: 'Professionals’ record (PDF)',
    png: 'Professionals’ map picture (PNG)',
    letter: 'Family letter (PDF)',
  },
} as const

/**
 * The chair's list of kept exports, newest first: what, which version, who, when, and its fingerprint. A
 * professionals' export says so in its name and carries the professionals' document's version beside the shared
 * one's (decision 0031).
 */
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
        const label = LABEL[info.audience][info.format]
        const restricted = info.professionalsDocument
        const version =
          restricted === undefined
            ? `version ${info.documentVersion}`
            : `version ${info.documentVersion}, professionals’ version ${restricted.documentVersion}`
        return (
          <li
            key={info.id}
            className="export-item"
            data-testid="export-item"
            data-format={info.format}
            data-audience={info.audience}
            data-export-id={info.id}
            data-version={info.documentVersion}
          >
            <div className="export-facts">
              <strong>
                {label} · {version}
              </strong>
              <span className="meeting-meta">
                {who.name}
                {detail ? ` (${detail})` : ''} · {when}
              </span>
              <span className="meeting-meta export-hash" title={info.documentSha256}>
                Document SHA-256 <code>{info.documentSha256.slice(0, 12)}</code>
              </span>
              {restricted !== undefined && (
                <span className="meeting-meta export-hash" title={restricted.documentSha256}>
                  Professionals’ document SHA-256 <code>{restricted.documentSha256.slice(0, 12)}</code>
                </span>
              )}
            </div>
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              aria-label={`Download again: ${label}, ${version}, ${when}`}
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
