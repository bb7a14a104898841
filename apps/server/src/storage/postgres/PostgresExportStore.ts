import type pg from 'pg'
import { bytes } from '../bytes.ts'
import type { ExportRecord, ExportStore, ExportSummary } from '../ExportStore.ts'
import type { ErasedRows, ErasureRequest } from '../MapErasure.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import {
  EXPORT_INSERT_COLUMNS,
  EXPORT_SUMMARY_COLUMNS,
  EXPORTS,
  exportInsertValues,
  toExportSummary,
} from '../sqlRows.ts'
import type { ExportRow } from '../sqlRows.ts'

/**
 * Table `exports`, whose triggers refuse any change of a row, and its removal unless its map is being erased
 * (migrations.ts).
 */
export class PostgresExportStore implements ExportStore, PostgresMapEraser {
  readonly tables = ['export_professionals_documents', 'exports']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  async putExport(record: ExportRecord): Promise<void> {
    if ((record.audience === 'professionals') !== (record.professionals !== null)) {
      throw new Error(`export ${record.id} does not match its audience`)
    }
    // The row and, for a professionals' export, its professionals' document, in one transaction.
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO exports (${EXPORT_INSERT_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        exportInsertValues(record),
      )
      if (record.professionals !== null) {
        await tx.query(
          `INSERT INTO export_professionals_documents (export_id, document_version, document_sha256)
           VALUES ($1, $2, $3)`,
          [record.id, record.professionals.documentVersion, record.professionals.documentSha256],
        )
      }
    })
  }

  async getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined> {
    const [row] = await this.#db.rows<ExportRow & { bytes: Buffer }>(
      `SELECT ${EXPORT_SUMMARY_COLUMNS}, bytes FROM ${EXPORTS} WHERE map_id = $1 AND id = $2`,
      [mapId, exportId],
    )
    return row === undefined ? undefined : { ...toExportSummary(row), bytes: bytes(row.bytes) }
  }

  async listExports(mapId: string): Promise<ExportSummary[]> {
    const rows = await this.#db.rows<ExportRow>(
      `SELECT ${EXPORT_SUMMARY_COLUMNS} FROM ${EXPORTS} WHERE map_id = $1 ORDER BY generated_at, exports.ord`,
      [mapId],
    )
    return rows.map(toExportSummary)
  }

  /**
   * The map's exports, unless the request keeps the records (in the erasure's transaction, after the map is
   * marked erased: the triggers allow nothing else to remove them).
   */
  async eraseMapRows(tx: pg.PoolClient, mapId: string, request: ErasureRequest): Promise<ErasedRows> {
    if (request.keepRecords) {
      const [row] = (
        await tx.query<{ count: number }>('SELECT count(*) AS count FROM exports WHERE map_id = $1', [mapId])
      ).rows
      return { removed: {}, kept: { exports: row?.count ?? 0 } }
    }
    await tx.query(
      `DELETE FROM export_professionals_documents
       WHERE export_id IN (SELECT id FROM exports WHERE map_id = $1)`,
      [mapId],
    )
    const deleted = await tx.query('DELETE FROM exports WHERE map_id = $1', [mapId])
    return { removed: { exports: deleted.rowCount ?? 0 }, kept: {} }
  }
}
