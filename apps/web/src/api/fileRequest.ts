import { ApiError } from './apiRequest.ts'

/** A file the server answered: its bytes and the headers that describe them. */
export interface FileResponse {
  blob: Blob
  headers: Headers
}

/**
 * One GET for a file from this page's own origin with `Authorization: Bearer`. Rejects with an ApiError carrying
 * the server's status and code (its refusals are JSON even when the success is bytes).
 */
export async function fileRequest(path: string, token: string): Promise<FileResponse> {
  let response: Response
  try {
    response = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.', 0, '')
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined)
    const { message, code } = (typeof body === 'object' && body !== null ? body : {}) as {
      message?: unknown
      code?: unknown
    }
    throw new ApiError(
      typeof message === 'string' ? message : `The server said ${response.status}.`,
      response.status,
      typeof code === 'string' ? code : '',
    )
  }
  let blob: Blob
  try {
    blob = await response.blob()
  } catch {
    throw new ApiError('The download was cut off. Check your connection and try again.', 0, '')
  }
  return { blob, headers: response.headers }
}
