import type { ClientProtocol, ServerFamily, ServerId } from '../servers/serverKinds.ts'

/** The server a load generator drives (serialisable: it travels over IPC). */
export interface Target {
  serverId: ServerId
  family: ServerFamily
  protocol: ClientProtocol
  port: number
}

export const httpUrl = (target: Target): string => `http://127.0.0.1:${target.port}`
