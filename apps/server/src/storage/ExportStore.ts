import type { Role } from '@mapboard/protocol'

/** What an export is: the map drawn as a PNG, or the whole written record as a PDF. */
/** 'letter' is the family letter (decision 0038), a PDF from the shared document only. */
export type ExportFormat = 'pdf' | 'png' | 'letter'

/**
 * Whose view of the map an export shows. 'shared' is the shared document every participant, the family included,
 * receives; 'professionals' adds the professionals' document (decision 0031) and is never for a family or viewer.
 */
export type ExportAudience = 'shared' | 'professionals'

/** The professionals' document a professionals' export was made from: its version and hash, read as the shared one's. */
export interface ExportRestrictedDocument {
  documentVersion: number
  documentSha256: string
}

/** Who generated an export, as their token said at the time. */
export interface ExportAuthor {
  participantId: string
  name: string
  role: Role
  agency: string
}

/** An export as listed: everything but its bytes. */
export interface ExportSummary {
  id: string
  mapId: string
  format: ExportFormat
  audience: ExportAudience
  /**
   * The store's sequence number of the last update of the shared document the export includes
   * (`StoredDocument.lastSeq`) — the shared document's in every export, whatever its audience.
   */
  documentVersion: number
  /** SHA-256 (hex) of `Y.encodeStateAsUpdate` of the shared document at that version, as printed in the record. */
  documentSha256: string
  /** The professionals' document too, for audience 'professionals'; null for 'shared'. */
  professionals: ExportRestrictedDocument | null
  /** SHA-256 (hex) of `bytes`. */
  bytesSha256: string
  byteLength: number
  generatedBy: ExportAuthor
  /** Milliseconds since the epoch. */
  generatedAt: number
}

/** One generated export, kept as it was made: the same bytes every time it is downloaded, never changed. */
export interface ExportRecord extends ExportSummary {
  bytes: Uint8Array
}

/** Generated records (decision 0018), kept as made: never replaced, changed or removed. */
export interface ExportStore {
  /** Keeps an export. Fails if the map does not exist or the id is taken: an export is never replaced. */
  putExport(record: ExportRecord): Promise<void>
  /** One export of a map, bytes included; undefined if the map has no such export. */
  getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined>
  /** A map's exports without their bytes, oldest first. */
  listExports(mapId: string): Promise<ExportSummary[]>
}
