import { apiRequest } from '../api/apiRequest.ts'

// "Export and close" over `POST /api/maps/<id>/close` and `/reopen` (chair only, decision 0042). The server writes
// the closure into the documents, so every board sees it arrive like any other change.
const closingPath = (mapId: string, action: 'close' | 'reopen'): string =>
  `/api/maps/${encodeURIComponent(mapId)}/${action}`

export async function closeMap(mapId: string, token: string): Promise<void> {
  await apiRequest(closingPath(mapId, 'close'), { method: 'POST', token })
}

export async function reopenMap(mapId: string, token: string): Promise<void> {
  await apiRequest(closingPath(mapId, 'reopen'), { method: 'POST', token })
}
