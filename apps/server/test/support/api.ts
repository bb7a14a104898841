import { expect } from 'vitest'

/** A JSON answer from the API: status and parsed body (null for an empty body). */
export interface ApiAnswer {
  status: number
  body: unknown
}

/** One API request with an optional Bearer token and JSON body. */
export async function api(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  token?: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const headers: Record<string, string> = {}
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) }
}

/** The API's error shape with this status and code, and nothing that looks like a stack trace. */
export function expectError(answer: ApiAnswer, status: number, code: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status)
  expect(answer.body).toEqual({
    statusCode: status,
    code,
    error: expect.any(String),
    message: expect.any(String),
  })
  const text = JSON.stringify(answer.body)
  expect(text).not.toMatch(/\bat .*\.[jt]s:\d+/)
  expect(text).not.toMatch(/node_modules|Error:/)
}
