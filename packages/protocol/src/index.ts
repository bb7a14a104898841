export { MessageType } from './MessageType.ts'
export { CloseCode, closeCodeReason } from './CloseCode.ts'
export { ROLES, isRole } from './Role.ts'
export type { Role } from './Role.ts'
export type { TokenClaims, ParticipantClaims } from './TokenClaims.ts'
export type {
  CreateMapRequest,
  CreateMapResponse,
  CreateLinkRequest,
  EditRefusal,
  ErrorResponse,
  JoinRequest,
  JoinResponse,
  LinkInfo,
  Participant,
} from './api.ts'
export { MAX_MESSAGE_BYTES, KEEPALIVE_INTERVAL_MS } from './limits.ts'
