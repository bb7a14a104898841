import type { ErrorResponse } from '@mapboard/protocol'

/** A refused or failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's stable error code (`ErrorResponse.code`), or '' when there was none. */
    readonly code: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Sent as `Authorization: Bearer <token>`: a link token to join, the participant token afterwards. */
  token?: string
  body?: unknown
}

/**
 * One JSON call to this page's own origin. Resolves with the parsed body (undefined for 204), rejects with an
 * ApiError carrying the server's status and code, so callers can tell "withdrawn" from "expired" from "offline".
 */
export async function apiRequest(path: string, options: ApiRequestOptions = {}): Promise<unknown> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      cache: 'no-store',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    })
  } catch {
    throw new ApiError('Could not reach the server. Check your connection and try again.', 0, '')
  }
  if (response.status === 204) return undefined
  const body: unknown = await response.json().catch(() => undefined)
  if (!response.ok) {
    const error = isErrorResponse(body) ? body : null
    throw new ApiError(
      error?.message ?? `The server said ${response.status}.`,
      response.status,
      error?.code ?? '',
    )
  }
  return body
}

function isErrorResponse(value: unknown): value is Pick<ErrorResponse, 'message' | 'code'> {
  if (typeof value !== 'object' || value === null) return false
  const { message, code } = value as { message?: unknown; code?: unknown }
  return typeof message === 'string' && (code === undefined || typeof code === 'string')
}
