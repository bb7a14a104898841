import type { FastifyServerOptions } from 'fastify'

/** Query parameters whose values never reach a log. */
const SECRET_PARAMS = ['token']

/** `/sync/abc?token=xyz` → `/sync/abc?token=[redacted]`. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?')
  if (query === -1) return url
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? ''
      let decoded = name
      try {
        decoded = decodeURIComponent(name)
      } catch {
        // Undecodable names are compared as they are.
      }
      return SECRET_PARAMS.includes(decoded.toLowerCase()) ? `${name}=[redacted]` : pair
    })
  return `${url.slice(0, query)}?${params.join('&')}`
}

interface LoggedRequest {
  method: string
  url: string
  ip?: string
}

export type LoggerOption = boolean | Exclude<FastifyServerOptions['logger'], boolean | undefined>

/**
 * Fastify's logger options with our serializers on top, whatever the caller passed: a request is logged as
 * method + redacted url + ip, never with its headers (Authorization) or its raw query (the sync token).
 */
export function loggerOptions(logger: LoggerOption | undefined): FastifyServerOptions['logger'] {
  if (logger === false || logger === undefined) return false
  const base = logger === true ? {} : logger
  return {
    ...base,
    serializers: {
      ...base.serializers,
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        ip: request.ip,
      }),
    },
    redact: {
      paths: ['req.headers', 'headers.authorization', 'authorization', 'token'],
      censor: '[redacted]',
    },
  }
}
