import type { ExportRecord, ExportStore, ExportSummary } from '../ExportStore.ts'
import type { ErasedRows, ErasureRequest, MapEraser } from '../MapErasure.ts'
import { removeWhere } from './MemoryLinkStore.ts'
import { copyBytes } from './MemoryDatabase.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/** Exports in memory, never replaced, removed only with their map when it is erased. */
export class MemoryExportStore implements ExportStore, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  async putExport(record: ExportRecord): Promise<void> {
    this.#db.map(record.mapId)
    const exports = this.#db.tables().exports
    if (exports.has(record.id)) throw new Error(`export ${record.id} exists`)
    if ((record.audience === 'professionals') !== (record.professionals !== null)) {
      throw new Error(`export ${record.id} does not match its audience`)
    }
    exports.set(record.id, {
      ...record,
      generatedBy: { ...record.generatedBy },
      professionals: record.professionals === null ? null : { ...record.professionals },
      bytes: copyBytes(record.bytes),
    })
  }

  async getExport(mapId: string, exportId: string): Promise<ExportRecord | undefined> {
    const record = this.#db.tables().exports.get(exportId)
    if (record === undefined || record.mapId !== mapId) return undefined
    return {
      ...record,
      generatedBy: { ...record.generatedBy },
      professionals: record.professionals === null ? null : { ...record.professionals },
      bytes: copyBytes(record.bytes),
    }
  }

  async listExports(mapId: string): Promise<ExportSummary[]> {
    // A stable sort keeps the order they were kept in among equal times, as SQLite's rowid does.
    return [...this.#db.tables().exports.values()]
      .filter((record) => record.mapId === mapId)
      .sort((a, b) => a.generatedAt - b.generatedAt)
      .map(({ bytes: _bytes, ...summary }) => ({
        ...summary,
        generatedBy: { ...summary.generatedBy },
        professionals: summary.professionals === null ? null : { ...summary.professionals },
      }))
  }

  eraseMapRows(mapId: string, request: ErasureRequest): ErasedRows {
    const exports = this.#db.tables().exports
    if (request.keepRecords) {
      const kept = [...exports.values()].filter((record) => record.mapId === mapId).length
      return { removed: {}, kept: { exports: kept } }
    }
    return { removed: { exports: removeWhere(exports, (record) => record.mapId === mapId) }, kept: {} }
  }
}
