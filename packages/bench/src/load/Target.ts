import type { ClientProtocol, ServerFamily, ServerId } from '../servers/serverKinds.ts'

/** The server a load generator drives (serialisable: it travels over IPC). */
export interface Target {
  serverId: ServerId
  family: ServerFamily
  protocol: ClientProtocol
  /** One per process serving the same maps (several: a cluster); maps are made over HTTP on the first. */
  ports: readonly number[]
}

/**
 * The port seat `seat` of a room connects to: seats take the instances in turn, so every room of a cluster has
 * clients (and writers) on each instance and its authority relays for the others.
 */
export function seatPort(ports: readonly number[], seat: number): number {
  const port = ports[seat % ports.length]
  if (port === undefined) throw new Error('the target has no port')
  return port
}

export const httpUrl = (target: Target): string => `http://127.0.0.1:${seatPort(target.ports, 0)}`
