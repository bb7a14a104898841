import type { ErrorResponse } from '@mapboard/protocol'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { STATUS_CODES } from 'node:http'
import { MapValidationError } from '@mapboard/map-model'

/** An error meant for the client: its status, stable code and message are sent as they are. */
export class HttpError extends Error {
  override readonly name = 'HttpError'
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function errorBody(statusCode: number, code: string, message: string): ErrorResponse {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message }
}

export function sendError(
  reply: FastifyReply,
  statusCode: number,
  code: string,
  message: string,
): FastifyReply {
  return reply
    .code(statusCode)
    .type('application/json; charset=utf-8')
    .send(errorBody(statusCode, code, message))
}

/**
 * What a browser navigation to an unknown address gets instead of the JSON 404 (the web app's not-found page), or
 * undefined to answer with JSON after all.
 */
export type NotFoundPage = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>

/**
 * Every error leaves as `{statusCode, code, error, message}`; a 5xx says only "Internal server error" (the details
 * go to the log), and no message ever repeats the request URL, which may carry a token.
 */
export function installErrorHandlers(app: FastifyInstance, notFoundPage?: NotFoundPage): void {
  app.setErrorHandler((error: FastifyError | HttpError | MapValidationError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.statusCode, error.code, error.message)
    if (error instanceof MapValidationError) return sendError(reply, 400, error.code, error.message)
    if ('validation' in error && error.validation !== undefined) {
      return sendError(reply, 400, 'INVALID_REQUEST', error.message)
    }
    const statusCode = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500
    if (statusCode >= 400 && statusCode < 500) {
      const code = typeof error.code === 'string' ? error.code : 'BAD_REQUEST'
      return sendError(reply, statusCode, code, error.message)
    }
    request.log.error({ err: error }, 'request failed')
    return sendError(reply, 500, 'INTERNAL', 'Internal server error')
  })
  app.setNotFoundHandler(async (request, reply) => {
    const page = notFoundPage === undefined ? undefined : await notFoundPage(request, reply)
    return page ?? sendError(reply, 404, 'NOT_FOUND', 'Not found')
  })
}
