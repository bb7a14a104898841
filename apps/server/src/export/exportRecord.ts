// Generating one export: the stored document at its current version → snapshot → bytes → kept in the store.
import { randomBytes } from 'node:crypto'
import type { Role } from '@mapboard/protocol'
import { recordSnapshot, renderMapPng, renderRecordPdf } from '@mapboard/record'
import type { RecordSnapshot } from '@mapboard/record'
import type { RoomRegistry } from '../rooms/RoomRegistry.ts'
import type { DocumentLog } from '../storage/DocumentLog.ts'
import type { ExportAuthor, ExportFormat, ExportRecord, ExportStore } from '../storage/ExportStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import { documentAt, sha256Hex } from './documentAt.ts'
import { mayExport } from './exportRights.ts'

export interface ExportRequest {
  mapId: string
  format: ExportFormat
  by: ExportAuthor
}

/** Why an export was not made; the route turns it into an HTTP answer. */
export class ExportRefusedError extends Error {
  override readonly name = 'ExportRefusedError'
  constructor(readonly role: Role) {
    super(`a ${role} may not export this map`)
  }
}

export function renderExport(format: ExportFormat, snapshot: RecordSnapshot): Promise<Uint8Array> {
  return format === 'pdf' ? renderRecordPdf(snapshot) : renderMapPng(snapshot).then((png) => png.bytes)
}

/**
 * Makes an export and keeps it. The document comes from the store, never from a client: in the map's room turn
 * (so no server write is half done) the room stores everything it has accepted, then the store's snapshot and
 * tail are read in one transaction. Drawing happens after the turn, so the room is not held up meanwhile.
 */
export async function exportRecord(
  store: MapCatalog & DocumentLog & ExportStore,
  rooms: RoomRegistry,
  request: ExportRequest,
  now: () => number = Date.now,
): Promise<ExportRecord> {
  const { mapId, format, by } = request
  const map = await store.getMap(mapId)
  if (map === undefined) throw new Error(`no map ${mapId}`)
  const stored = await rooms.withRoom(mapId, async (room) => {
    await room.settle()
    return store.load(mapId)
  })
  const document = documentAt(stored)
  try {
    if (!mayExport(by.role, document.doc)) throw new ExportRefusedError(by.role)
    const generatedAt = now()
    const snapshot = recordSnapshot(document.doc, {
      mapId,
      audience: 'shared',
      fallbackTitle: map.title,
      fallbackDate: map.createdAt,
      documentVersion: document.version,
      documentSha256: document.sha256,
      generatedBy: by,
      generatedAt,
    })
    const bytes = await renderExport(format, snapshot)
    const record: ExportRecord = {
      id: randomBytes(12).toString('base64url'),
      mapId,
      format,
      audience: 'shared',
      documentVersion: document.version,
      documentSha256: document.sha256,
      bytesSha256: sha256Hex(bytes),
      byteLength: bytes.byteLength,
      bytes,
      generatedBy: by,
      generatedAt,
    }
    await store.putExport(record)
    return record
  } finally {
    document.doc.destroy()
  }
}
