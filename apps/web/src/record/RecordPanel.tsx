import { useCallback, useEffect, useRef, useState } from 'react'
import type { ExportFormat, ExportInfo } from '@mapboard/protocol'
import type { ConferenceCommands } from '../board/ConferenceCommands.ts'
import type { MapSession } from '../board/MapSession.ts'
import type { Permissions } from '../board/Permissions.ts'
import { opensProfessionalsDocument } from '../board/ProfessionalsDocument.ts'
import type { RunCommand } from '../board/runCommand.ts'
import { ExportList } from './ExportList.tsx'
import { exportErrorMessage, fetchExport, generateExport, listExports } from './recordApi.ts'
import type { ExportAudience, ExportFile } from './recordApi.ts'
import { saveFile } from './saveFile.ts'
import { useFamilyMayExport } from './useFamilyMayExport.ts'
import { closeMap, reopenMap } from '../closing/closingApi.ts'
import { useMapClosure } from '../closing/useMapClosure.ts'

interface RecordPanelProps {
  session: MapSession
  title: string
  permissions: Permissions
  commands: ConferenceCommands
  run: RunCommand
}

type Busy =
  | { kind: 'new'; format: ExportFormat; audience: ExportAudience }
  | { kind: 'again' }
  | { kind: 'closing' }
  | { kind: 'reopening' }

const BUSY_TEXT: Record<ExportAudience, Record<ExportFormat, string>> = {
  shared: {
    pdf: 'Generating the record…',
    png: 'Generating the map picture…',
    letter: 'Generating the family letter…',
  },
  professionals: {
    pdf: 'Generating the professionals’ record…',
    png: 'Generating the professionals’ map picture…',
    letter: 'Generating the family letter…',
  },
}

/**
 * The record of the meeting, made by the server from the stored map: download it as a PDF (or the map as a
 * picture), and for the chair, who else may and what has been downloaded so far. Every download is kept, so the
 * chair can show later exactly what someone took away.
 *
 * The chair and professionals also get the professionals' record (decision 0031), apart from the shared one and
 * marked as not for the family. A family member's or observer's panel does not render it at all: no button, no
 * word of it (and the server refuses them anyway).
 */
export function RecordPanel({ session, title, permissions, commands, run }: RecordPanelProps) {
  const { mapId, token, doc } = session
  const familyMay = useFamilyMayExport(doc)
  const closure = useMapClosure(doc)
  const role = permissions.me.role
  const isChair = permissions.isChair
  const mayDownload = role === 'chair' || role === 'professional' || familyMay
  const mayDownloadProfessionals = opensProfessionalsDocument(role)
  const [busy, setBusy] = useState<Busy | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const [exports, setExports] = useState<ExportInfo[] | null>(null)
  const [listError, setListError] = useState<string | null>(null)
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const refreshList = useCallback(async () => {
    if (!isChair) return
    try {
      const list = await listExports(mapId, token)
      if (!mounted.current) return
      setExports(list)
      setListError(null)
    } catch {
      if (mounted.current) setListError('The list of earlier downloads could not be loaded just now.')
    }
  }, [isChair, mapId, token])

  useEffect(() => {
    void refreshList()
  }, [refreshList])

  const download = async (next: Busy, load: () => Promise<ExportFile>): Promise<void> => {
    setBusy(next)
    setError(null)
    setSaved(null)
    try {
      const file = await load()
      // Saved even if the panel has closed meanwhile: the person asked for the file.
      saveFile(file.blob, file.fileName)
      if (!mounted.current) return
      setSaved(file.fileName)
      void refreshList()
    } catch (failure) {
      if (mounted.current) setError(exportErrorMessage(failure))
    } finally {
      if (mounted.current) setBusy(null)
    }
  }

  const downloadNew = (format: ExportFormat, audience: ExportAudience = 'shared'): void =>
    void download({ kind: 'new', format, audience }, () =>
      generateExport(mapId, token, format, title, audience),
    )
  /** "Export and close": the record as it stands now, then the map closed for everyone (decision 0042). */
  const exportAndClose = (): void =>
    void download({ kind: 'closing' }, async () => {
      const file = await generateExport(mapId, token, 'pdf', title, 'shared')
      await closeMap(mapId, token)
      return file
    })
  const reopen = async (): Promise<void> => {
    setBusy({ kind: 'reopening' })
    setError(null)
    try {
      await reopenMap(mapId, token)
    } catch (failure) {
      if (mounted.current) setError(exportErrorMessage(failure))
    } finally {
      if (mounted.current) setBusy(null)
    }
  }
  const downloadAgain = (info: ExportInfo): void =>
    void download({ kind: 'again' }, () => fetchExport(mapId, token, info, title))

  return (
    <div className="meeting-section" data-testid="record-panel">
      <p className="meeting-lead">
        The record is made from the map as it is saved now: the sections, danger statements and safety goals,
        scaling, next steps, the decision and who was here, with the map’s version and a fingerprint (SHA-256)
        that shows it has not been changed since.
      </p>
      {mayDownload ? (
        <div className="meeting-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy !== null}
            onClick={() => downloadNew('pdf')}
            data-testid="record-download-pdf"
          >
            <DownloadIcon />
            Download the record (PDF)
          </button>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => downloadNew('png')}
            data-testid="record-download-png"
          >
            <DownloadIcon />
            Download the map (PNG)
          </button>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => downloadNew('letter')}
            data-testid="record-download-letter"
          >
            <DownloadIcon />
            Family letter (PDF)
          </button>
        </div>
      ) : (
        <p className="record-kept" data-testid="record-kept-by-chair">
          The chair keeps the record of this meeting. If you would like a copy, ask the chair: they can let
          family members and observers download it here.
        </p>
      )}
      {mayDownloadProfessionals && (
        <section
          className="record-professionals"
          aria-labelledby="record-professionals-title"
          data-testid="record-professionals"
        >
          <h3 className="meeting-form-title" id="record-professionals-title">
            Professionals’ record (not for the family)
          </h3>
          <p className="record-professionals-lead">
            Everything on the map, with the professionals-only notes where they stand. Every page says
            “Professionals only — not to be shared with the family”.
          </p>
          <div className="meeting-actions">
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => downloadNew('pdf', 'professionals')}
              data-testid="record-professionals-download-pdf"
            >
              <DownloadIcon />
              Download the professionals’ record (PDF)
            </button>
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => downloadNew('png', 'professionals')}
              data-testid="record-professionals-download-png"
            >
              <DownloadIcon />
              Download the professionals’ map (PNG)
            </button>
          </div>
        </section>
      )}
      <div role="status" aria-live="polite" className="record-status">
        {busy !== null && (
          <p className="record-busy" data-testid="record-busy">
            <span className="spinner" aria-hidden="true" />
            {busyText(busy)}
          </p>
        )}
        {busy === null && saved !== null && (
          <p className="record-saved" data-testid="record-saved">
            Saved as <span className="record-file">{saved}</span>
          </p>
        )}
      </div>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="record-error">
          {error}
        </p>
      )}
      {isChair && (
        <section
          className="record-closing"
          aria-labelledby="record-closing-title"
          data-testid="record-closing"
        >
          <h3 className="meeting-form-title" id="record-closing-title">
            {closure === null ? 'At the end of the meeting' : 'This map is closed'}
          </h3>
          {closure === null ? (
            <>
              <p className="record-professionals-lead">
                Downloads the record as it stands, then closes the map: nobody can change anything on it after
                that, you included, unless you reopen it.
              </p>
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                onClick={exportAndClose}
                data-testid="record-export-and-close"
              >
                Export and close
              </button>
            </>
          ) : (
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void reopen()}
              data-testid="record-reopen"
            >
              Reopen the map
            </button>
          )}
        </section>
      )}
      {isChair && (
        <>
          <label className="check-field">
            <input
              type="checkbox"
              checked={familyMay}
              disabled={closure !== null}
              onChange={(event) => {
                const allowed = event.target.checked
                run(() => commands.setFamilyMayExport(allowed))
              }}
              data-testid="record-family-may-export"
            />
            Family and observers may download the record
          </label>
          <h3 className="meeting-form-title">Downloaded so far</h3>
          <ExportList
            exports={exports}
            loadError={listError}
            busy={busy !== null}
            onDownload={downloadAgain}
          />
        </>
      )}
    </div>
  )
}

function busyText(busy: Busy): string {
  switch (busy.kind) {
    case 'new':
      return BUSY_TEXT[busy.audience][busy.format]
    case 'again':
      return 'Fetching the earlier download…'
    case 'closing':
      return 'Generating the record, then closing the map…'
    case 'reopening':
      return 'Reopening the map…'
  }
}

function DownloadIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="button-icon">
      <path d="M12 4v11M7 10l5 5 5-5M5 20h14" />
    </svg>
  )
}
