// Generating one export: the stored document(s) at their current versions → snapshot → bytes → kept in the store.
import { randomBytes } from 'node:crypto'
import { mayOpenAudience, roomNameOf } from '@mapboard/protocol'
import type { Role } from '@mapboard/protocol'
import type { ReportsPolicy } from '@mapboard/map-model'
import { recordSnapshot, renderFamilyLetterPdf, renderMapPng, renderRecordPdf } from '@mapboard/record'
import type { RecordSnapshot } from '@mapboard/record'
import type { RoomOperations } from '../rooms/RoomOperations.ts'
import type { AuditStore } from '../storage/AuditStore.ts'
import type { DocumentLog } from '../storage/DocumentLog.ts'
import type {
  ExportAudience,
  ExportAuthor,
  ExportFormat,
  ExportRecord,
  ExportStore,
} from '../storage/ExportStore.ts'
import type { FamilyVisitStore } from '../storage/FamilyVisitStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import { documentAt, sha256Hex } from './documentAt.ts'
import type { DocumentAt } from './documentAt.ts'
import { mayExport } from './exportRights.ts'
import { recordAuditTrail } from './recordAuditTrail.ts'

export interface ExportRequest {
  mapId: string
  format: ExportFormat
  /** 'shared': the shared document only; 'professionals': the shared and the professionals' document. */
  audience: ExportAudience
  by: ExportAuthor
  /** When reports were due (the deployment's policy); map-model's default when absent. */
  reportsPolicy?: ReportsPolicy
  /** The deployment's words for asking for a correction, in the family letter. */
  letterCorrectionsText?: string
}

/** Why an export was not made; the route turns it into an HTTP answer. */
export class ExportRefusedError extends Error {
  override readonly name = 'ExportRefusedError'
  constructor(readonly role: Role) {
    super(`a ${role} may not export this map`)
  }
}

/** A professionals' record asked for by a role that may never see the professionals' document. */
export class AudienceRefusedError extends Error {
  override readonly name = 'AudienceRefusedError'
  constructor(readonly role: Role) {
    super(`a ${role} may not have the professionals' record`)
  }
}

export function renderExport(
  format: ExportFormat,
  snapshot: RecordSnapshot,
  letterCorrectionsText?: string,
): Promise<Uint8Array> {
  if (format === 'letter') return renderFamilyLetterPdf(snapshot, { correctionsText: letterCorrectionsText })
  return format === 'pdf' ? renderRecordPdf(snapshot) : renderMapPng(snapshot).then((png) => png.bytes)
}

/**
 * Makes an export and keeps it. Each document comes from the store, never from a client: in its room's turn (so
 * no server write is half done), on whichever instance serves it, the room stores everything it has accepted;
 * then the store's snapshot and tail are read in one transaction (the store is every instance's, so the document
 * never crosses between them). A professionals' record reads the shared document first, then the professionals'
 * one (opening its room makes it, empty, if nobody ever has: the same as a first connection does), then, for its
 * PDF, the map's audit trail for the appendix (decision 0043). Drawing happens after the turns, so the rooms are
 * not held up meanwhile.
 */
export async function exportRecord(
  store: MapCatalog & DocumentLog & ExportStore & FamilyVisitStore & AuditStore,
  rooms: RoomOperations,
  request: ExportRequest,
  now: () => number = Date.now,
): Promise<ExportRecord> {
  const { mapId, format, audience, by } = request
  // Before any work: the route has refused already; this keeps a caller that forgot from reading anything.
  if (!mayOpenAudience(by.role, audience)) throw new AudienceRefusedError(by.role)
  // The family letter is made from the shared document only: the professionals' is never read for it.
  if (format === 'letter' && audience !== 'shared')
    throw new Error('the family letter has no professionals version')
  const map = await store.getMap(mapId)
  if (map === undefined) throw new Error(`no map ${mapId}`)
  const readSettled = async (room: string): Promise<DocumentAt> => {
    await rooms.settle(room)
    return documentAt(await store.load(room))
  }
  const document = await readSettled(mapId)
  // After the settled read: the room has stored every visit it admitted by then (Room.settle waits for them).
  const familyVisits = await store.listFamilyVisits(mapId)
  let restricted: DocumentAt | undefined
  try {
    if (!mayExport(by.role, document.doc)) throw new ExportRefusedError(by.role)
    if (audience === 'professionals') restricted = await readSettled(roomNameOf(mapId, 'professionals'))
    // After both documents: the trail holds the entries of every change they were read with (stored together).
    const audit =
      restricted !== undefined && format === 'pdf'
        ? recordAuditTrail(await store.readAudit(mapId))
        : undefined
    const generatedAt = now()
    const snapshot = recordSnapshot(
      document.doc,
      {
        mapId,
        fallbackTitle: map.title,
        fallbackDate: map.createdAt,
        documentVersion: document.version,
        documentSha256: document.sha256,
        generatedBy: by,
        generatedAt,
        ...(request.reportsPolicy === undefined ? {} : { reportsPolicy: request.reportsPolicy }),
        familyVisits,
      },
      restricted === undefined
        ? undefined
        : {
            doc: restricted.doc,
            documentVersion: restricted.version,
            documentSha256: restricted.sha256,
            ...(audit === undefined ? {} : { audit }),
          },
    )
    const bytes = await renderExport(format, snapshot, request.letterCorrectionsText)
    const record: ExportRecord = {
      id: randomBytes(12).toString('base64url'),
      mapId,
      format,
      audience,
      documentVersion: document.version,
      documentSha256: document.sha256,
      professionals:
        restricted === undefined
          ? null
          : { documentVersion: restricted.version, documentSha256: restricted.sha256 },
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
    restricted?.doc.destroy()
  }
}
