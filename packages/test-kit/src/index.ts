// Test helpers for Mapboard's tests: protocol clients, seeded random numbers, polling. Private: only tests import
// this package. It does not depend on the server; starting one is @mapboard/server/testing's job.
export { connectClient, tokenFromLink, mapIdFromLink } from './connectClient.ts'
export type { ConnectClientOptions, TestClient, CloseInfo, SyncServer } from './connectClient.ts'
export { connectRawSocket } from './connectRawSocket.ts'
export { joinAs } from './joinAs.ts'
export { noteAuthor } from './noteAuthor.ts'
export type { NoteAuthor } from './noteAuthor.ts'
export type { ApiServer } from './joinAs.ts'
export type { RawSocket, RawSocketOptions, UpgradeResult } from './connectRawSocket.ts'
export { createRng } from './createRng.ts'
export type { Rng } from './createRng.ts'
export { waitFor } from './waitFor.ts'
export type { WaitForOptions } from './waitFor.ts'
