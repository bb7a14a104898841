import type Database from 'better-sqlite3'
import { isRole } from '@mapboard/protocol'
import type { ExportRecord, ExportStore, ExportSummary } from '../ExportStore.ts'
import type { ErasedRows, ErasureRequest, MapEraser } from '../MapErasure.ts'
import { bytes } from './bytes.ts'

interface ExportRow {
  id: string
  map_id: string
  format: string
  audience: string
  document_version: number
  document_sha256: string
  bytes_sha256: string
  byte_length: number
  generated_by_id: string
  generated_by_name: string
  generated_by_role: string
  generated_by_agency: string
  generated_at: number
  professionals_version: number | null
  professionals_sha256: string | null
}

function toExportSummary(row: ExportRow): ExportSummary {
  const role = row.generated_by_role
  if (!isRole(role)) throw new Error(`export ${row.id} has an unknown role`)
  if (row.format !== 'pdf' && row.format !== 'png' && row.format !== 'letter')
    throw new Error(`export ${row.id} has an unknown format`)
  if (row.audience !== 'shared' && row.audience !== 'professionals') {
    throw new Error(`export ${row.id} has an unknown audience`)
  }
  const professionals =
    row.professionals_version === null || row.professionals_sha256 === null
      ? null
      : { documentVersion: row.professionals_version, documentSha256: row.professionals_sha256 }
  // A professionals' export always names the document it was made from; a shared one never does.
  if ((row.audience === 'professionals') !== (professionals !== null)) {
    throw new Error(`export ${row.id} does not match its audience`)
  }
  return {
    id: row.id,
    mapId: row.map_id,
    format: row.format,
    audience: row.audience,
    documentVersion: row.document_version,
    documentSha256: row.document_sha256,
    professionals,
    bytesSha256: row.bytes_sha256,
    byteLength: row.byte_length,
    generatedBy: {
      participantId: row.generated_by_id,
      name: row.generated_by_name,
      role,
      agency: row.generated_by_agency,
    },
    generatedAt: row.generated_at,
  }
}

// Every column but the bytes, and their length, with the professionals' document of a professionals' export.
const EXPORT_SUMMARY_COLUMNS = `id, map_id, format, audience, exports.document_version, exports.document_sha256,
  bytes_sha256, length(bytes) AS byte_length, generated_by_id, generated_by_name, generated_by_role,
  generated_by_agency, generated_at, p.document_version AS professionals_version,
  p.document_sha256 AS professionals_sha256`
const EXPORTS = `exports LEFT JOIN export_professionals_documents AS p ON p.export_id = exports.id`

/**
 * Table `exports`, whose triggers refuse any change of a row, and its removal unless its map is being erased
 * (schema.ts).
 */
export class SqliteExportStore implements ExportStore, MapEraser {
  readonly #statements
  /** The row and, for a professionals' export, its professionals' document, in one transaction. */
  readonly #put: (record: ExportRecord) => void

  constructor(db: Database.Database) {
    this.#statements = {
      insertExport: db.prepare<
        [
          string,
          string,
          string,
          string,
          number,
          string,
          string,
          Uint8Array,
          string,
          string,
          string,
          string,
          number,
        ]
      >(
        `INSERT INTO exports (id, map_id, format, audience, document_version, document_sha256, bytes_sha256, bytes,
           generated_by_id, generated_by_name, generated_by_role, generated_by_agency, generated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertProfessionals: db.prepare<[string, number, string]>(
        `INSERT INTO export_professionals_documents (export_id, document_version, document_sha256)
         VALUES (?, ?, ?)`,
      ),
      getExport: db.prepare<[string, string], ExportRow & { bytes: Buffer }>(
        `SELECT ${EXPORT_SUMMARY_COLUMNS}, bytes FROM ${EXPORTS} WHERE map_id = ? AND id = ?`,
      ),
      listExports: db.prepare<[string], ExportRow>(
        `SELECT ${EXPORT_SUMMARY_COLUMNS} FROM ${EXPORTS} WHERE map_id = ? ORDER BY generated_at, exports.rowid`,
      ),
      countExports: db.prepare<[string], { count: number }>(
        'SELECT count(*) AS count FROM exports WHERE map_id = ?',
      ),
      deleteProfessionals: db.prepare<[string]>(
        `DELETE FROM export_professionals_documents
         WHERE export_id IN (SELECT id FROM exports WHERE map_id = ?)`,
      ),
      deleteExports: db.prepare<[string]>('DELETE FROM exports WHERE map_id = ?'),
    }
    this.#put = db.transaction((record: ExportRecord) => {
      const { generatedBy: by } = record
      this.#statements.insertExport.run(
        record.id,
        record.mapId,
        record.format,
        record.audience,
        record.documentVersion,
        record.documentSha256,
        record.bytesSha256,
        record.bytes,
        by.participantId,
        by.name,
        by.role,
        by.agency,
        record.generatedAt,
      )
      if (record.professionals !== null) {
        const { documentVersion, documentSha256 } = record.professionals
        this.#statements.insertProfessionals.run(record.id, documentVersion, documentSha256)
      }
    })
  }

  async putExport(record: ExportRecord): Promise<void> {
    if ((record.audience === 'professionals') !== (record.professionals !== null)) {
      throw new Error(`export ${record.id} does not match its audience`)
    }
    this.#put(record)
  }

  async getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined> {
    const row = this.#statements.getExport.get(mapId, exportId)
    return row === undefined ? undefined : { ...toExportSummary(row), bytes: bytes(row.bytes) }
  }

  async listExports(mapId: string): Promise<ExportSummary[]> {
    return this.#statements.listExports.all(mapId).map(toExportSummary)
  }

  /**
   * The map's exports, unless the request keeps the records (in the erasure's transaction, after the map is
   * marked erased: the triggers allow nothing else to remove them).
   */
  eraseMapRows(mapId: string, request: ErasureRequest): ErasedRows {
    const statements = this.#statements
    if (request.keepRecords) {
      return { removed: {}, kept: { exports: statements.countExports.get(mapId)?.count ?? 0 } }
    }
    statements.deleteProfessionals.run(mapId)
    return { removed: { exports: statements.deleteExports.run(mapId).changes }, kept: {} }
  }
}
