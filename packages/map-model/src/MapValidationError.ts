/** Stable codes: the server and the web app switch on these, so never rename one. */
export type MapValidationCode =
  | 'INVALID_TYPE'
  | 'TITLE_EMPTY'
  | 'TITLE_TOO_LONG'
  | 'NOTE_TEXT_EMPTY'
  | 'NOTE_TEXT_TOO_LONG'
  | 'SOURCE_TOO_LONG'
  | 'AUTHOR_TOO_LONG'
  | 'AGENCY_TOO_LONG'
  | 'INVALID_AUTHOR_ID'
  | 'INVALID_ORDER'
  | 'UNKNOWN_ZONE'
  | 'UNKNOWN_KIND'
  | 'UNKNOWN_COLOUR'
  | 'INVALID_TIMESTAMP'
  | 'INVALID_INDEX'
  | 'INVALID_ID'
  | 'DUPLICATE_ID'
  | 'NOTE_NOT_FOUND'
  /** Undo or redo would overwrite what someone else changed since (the board's undo, never the server). */
  | 'CHANGED_SINCE'
  // The conference (conference/validateConference.ts).
  | 'TEXT_EMPTY'
  | 'TEXT_TOO_LONG'
  | 'INVALID_DATE'
  | 'INVALID_NUMBER'
  | 'UNKNOWN_STEP'
  | 'UNKNOWN_VALUE'
  | 'INVALID_CATEGORY'
  | 'TOO_MANY_ITEMS'
  | 'TOO_MANY_DANGERS'
  | 'DANGER_NOT_FOUND'
  | 'NEXT_STEP_NOT_FOUND'
  // Sharing with the family and withdrawing (disclosure.ts).
  | 'REASON_EMPTY'
  | 'REASON_TOO_LONG'
  | 'WRONG_DOCUMENT'
  | 'ALREADY_SHARED'
  | 'ALREADY_WITHDRAWN'

/**
 * Thrown by a command whose input is wrong, before anything is written: a failed command leaves the document as it
 * was. `message` is for people; `code` and `field` are for code.
 */
export class MapValidationError extends Error {
  override readonly name = 'MapValidationError'
  readonly code: MapValidationCode
  /** The input field at fault, e.g. 'text', 'zone', 'id'. */
  readonly field: string

  constructor(code: MapValidationCode, field: string, message: string) {
    super(message)
    this.code = code
    this.field = field
  }
}
