/**
 * The origin of the server's own changes to a document (attendance, scaling rounds). It is no connection, so the
 * UpdateGate judges none of them (map-model's SERVER-1 lets only these write the server's roots) and every
 * connection is sent them, like any stored update.
 */
export const SERVER_ORIGIN: object = Object.freeze({ writer: 'mapboard-server' })
