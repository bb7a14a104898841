// Public entry of @mapboard/record: a map's record, read once from its document, drawn as a PDF and as a PNG.
export { PROFESSIONALS_BANNER, RESTRICTED_MARK, recordSnapshot } from './RecordSnapshot.ts'
export type {
  RecordSnapshot,
  RecordFacts,
  RecordAudience,
  RecordAuditEntry,
  RecordAuditTrail,
  RecordAuthor,
  RestrictedDocument,
  RestrictedPart,
} from './RecordSnapshot.ts'
export { renderRecordPdf } from './renderRecordPdf.ts'
export { renderMapPng } from './renderMapPng.ts'
export type { RenderedPng } from './renderMapPng.ts'
export { DEFAULT_CORRECTIONS_TEXT, renderFamilyLetterPdf, withPlainWords } from './renderFamilyLetterPdf.ts'
export type { FamilyLetterOptions } from './renderFamilyLetterPdf.ts'
