import type { Role } from './Role.ts'

/** `POST /api/maps` body. */
export interface CreateMapRequest {
  title: string
}

/** `POST /api/maps` → 201. Each link is `<origin>/m/<mapId>#<token>`. */
export interface CreateMapResponse {
  id: string
  title: string
  links: Record<Role, string>
}

/** `POST /api/maps/<id>/join` body; the link token rides in `Authorization: Bearer`. */
export interface JoinRequest {
  name: string
  /** Asked of professionals (and the chair); ignored for family and viewers. */
  agency?: string
}

/** Who someone is on a map, as the server knows them. */
export interface Participant {
  id: string
  name: string
  role: Role
  agency: string
}

/**
 * When this deployment wants agencies' reports (decision 0035): hours before an initial conference, working days
 * before a review, and the days it does not work besides weekends and the England and Wales bank holidays that
 * map-model already knows (only the extra ones travel, not a century of holidays).
 */
export interface ReportsPolicyInfo {
  initialHours: number
  reviewWorkingDays: number
  /** London dates, 'YYYY-MM-DD'. */
  extraBankHolidays: string[]
}

/** `POST /api/maps/<id>/join` → 200. `token` is the participant token to use for `/sync` and the API. */
export interface JoinResponse {
  token: string
  participant: Participant
  map: { id: string; title: string }
  /** The deployment's reports policy, so the board marks late items as the record will. Absent from older servers. */
  reportsPolicy?: ReportsPolicyInfo
}

/** One invite link, as the chair sees it (`GET /api/maps/<id>/links`). */
export interface LinkInfo {
  id: string
  role: Role
  /** `<origin>/m/<mapId>#<token>`; the same url every time it is listed. */
  url: string
  /** Milliseconds since the epoch. */
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

/** `POST /api/maps/<id>/links` body. */
export interface CreateLinkRequest {
  role: Role
  /** Defaults to 30 days; at most a year. */
  expiresInHours?: number
}

/**
 * Why the server reverted an edit: sent to its author in a y-protocols auth message (type 2, permission denied)
 * whose reason string is this object as JSON. Stock y-websocket clients just log it.
 */
export interface EditRefusal {
  /** Rule id from map-model's permission rules, e.g. 'LOCK-1'. */
  rule: string
  /** One short sentence for the author, e.g. "Past harm is locked by the chair." */
  message: string
}

/** Every non-2xx JSON answer. `code` is stable; `message` is for people. */
export interface ErrorResponse {
  statusCode: number
  code: string
  error: string
  message: string
}

// Blind scaling. Submissions are held by the server outside the shared document until the chair reveals them; the
// document only ever shows how many have been made (map-model's ScalingRound).

/** `POST /api/maps/<id>/scaling` body (chair only) → 201 `OpenScalingRoundResponse`. */
export interface OpenScalingRoundRequest {
  /** 'overall', or the id of a danger statement. */
  subject: 'overall' | { dangerId: string }
  /** Whether the chair scales too. */
  chairScales: boolean
}

export interface OpenScalingRoundResponse {
  roundId: string
}

/**
 * `PUT /api/maps/<id>/scaling/<roundId>/submission` body → 200 `ScalingSubmission` (the caller's own). Allowed
 * for professionals and family (and the chair when the round says so) while the round is open; a later PUT
 * replaces the earlier one. `GET` on the same path returns the caller's own submission (404 if none).
 */
export interface ScalingSubmissionRequest {
  /** Whole number 0–10; 10 means everyone knows the child is safe enough for the case to be closed. */
  score: number
  /** Why: required, 1–1000 characters. */
  reason: string
}

export interface ScalingSubmission {
  roundId: string
  score: number
  reason: string
  /** Milliseconds since the epoch. */
  updatedAt: number
}

// `POST /api/maps/<id>/scaling/<roundId>/reveal` (chair only) → 200 `{ count }`: every submission goes into the
// shared document at once. A second reveal is 409 ROUND_CLOSED.

// Records. `GET /api/maps/<id>/export.pdf` and `/export.png` (Bearer participant token; chair and professionals,
// family and observers only while the chair allows it with `meta.familyMayExport = true`) generate a new export
// from the stored document and answer its bytes, with headers `X-Export-Id`, `X-Document-Version` and
// `X-Document-Sha256`. Refused: 403 EXPORT_FORBIDDEN, 403 JOIN_REQUIRED (a bare link token).
// `GET /api/maps/<id>/professionals/export.pdf` and `.png` (chair and professionals only; 403 AUDIENCE_FORBIDDEN
// before anything else for family and viewer tokens) make the professionals' record from both documents: the same
// headers for the shared document, plus `X-Record-Audience: professionals`, `X-Professionals-Document-Version`
// and `X-Professionals-Document-Sha256`.

/** 'letter' is the family letter (decision 0038), a PDF too. */
export type ExportFormat = 'pdf' | 'png' | 'letter'

/** One kept export, as `GET /api/maps/<id>/exports` lists it (chair only); its bytes are at `.../exports/<id>`. */
export interface ExportInfo {
  id: string
  format: ExportFormat
  /**
   * Whose view it shows: 'shared' is the map every participant, the family included, receives; 'professionals'
   * adds the professionals' document (never listed or given to a family or viewer token).
   */
  audience: 'shared' | 'professionals'
  /** The store's sequence number of the last update of the shared document included (whatever the audience). */
  documentVersion: number
  /** SHA-256 (hex) of `Y.encodeStateAsUpdate` of the shared document at that version, as printed in the record. */
  documentSha256: string
  /** A professionals' export only: the professionals' document's version and hash, read the same way. */
  professionalsDocument?: { documentVersion: number; documentSha256: string }
  /** SHA-256 (hex) of the export's bytes. */
  sha256: string
  byteLength: number
  /** Who generated it, as they were then. */
  generatedBy: Participant
  /** Milliseconds since the epoch. */
  generatedAt: number
}

/**
 * One time the server restored a map because stored changes could not be read (`GET /api/maps/<id>/restorations`,
 * chair only, oldest first). The map holds everything stored except the changes set aside; those are kept by the
 * server for investigation, never shown.
 */
export interface MapRestoration {
  /** Milliseconds since the epoch. */
  restoredAt: number
  /** The document version the restored map starts from (the store's sequence number of the last update). */
  version: number
  /** How many stored changes were set aside. */
  setAside: number
  /** Their versions (sequence numbers), oldest first. */
  versions: number[]
}
