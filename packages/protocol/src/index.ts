export { MessageType } from './MessageType.ts'
export { CloseCode, closeCodeReason } from './CloseCode.ts'
export { ROLES, isRole } from './Role.ts'
export { AUDIT_ACTIONS, AUDIT_AUDIENCES, isAuditAction } from './audit.ts'
export type { AuditAction, AuditActor, AuditAudience, AuditEntryInfo, AuditVerification } from './audit.ts'
export { PROFESSIONALS_ROOM_SUFFIX, mayOpenAudience, parseRoomName, roomNameOf } from './audience.ts'
export type { DocumentAudience } from './audience.ts'
export type { Role } from './Role.ts'
export type { TokenClaims, ParticipantClaims } from './TokenClaims.ts'
export type {
  CreateMapRequest,
  CreateMapResponse,
  CreateLinkRequest,
  EditRefusal,
  ErrorResponse,
  ExportFormat,
  ExportInfo,
  MapRestoration,
  JoinRequest,
  JoinResponse,
  LinkInfo,
  OpenScalingRoundRequest,
  OpenScalingRoundResponse,
  Participant,
  ReportsPolicyInfo,
  ScalingSubmission,
  ScalingSubmissionRequest,
} from './api.ts'
export { MAX_MESSAGE_BYTES, KEEPALIVE_INTERVAL_MS, PING_EVERY_ROUNDS } from './limits.ts'
