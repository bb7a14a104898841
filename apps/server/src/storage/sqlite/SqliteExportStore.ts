import type Database from 'better-sqlite3'
import type { ExportRecord, ExportStore, ExportSummary } from '../ExportStore.ts'
import type { ErasedRows, ErasureRequest, MapEraser } from '../MapErasure.ts'
import { bytes } from '../bytes.ts'
import {
  EXPORT_INSERT_COLUMNS,
  EXPORT_SUMMARY_COLUMNS,
  EXPORTS,
  exportInsertValues,
  toExportSummary,
} from '../sqlRows.ts'
import type { ExportInsertValues, ExportRow } from '../sqlRows.ts'

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
      insertExport: db.prepare<ExportInsertValues>(
        `INSERT INTO exports (${EXPORT_INSERT_COLUMNS})
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
      this.#statements.insertExport.run(...exportInsertValues(record))
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
