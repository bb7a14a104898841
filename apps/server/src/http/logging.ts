import type { FastifyServerOptions } from 'fastify'

/** Query parameters whose values may reach a log, if short and plain: known ones that are never secret. */
const PLAIN_PARAMS: ReadonlySet<string> = new Set(['format'])
const PLAIN_NAME = /^[A-Za-z0-9_.-]{1,32}$/
const PLAIN_VALUE = /^[A-Za-z0-9_.,-]{0,32}$/
const REDACTED = '[redacted]'

/**
 * A request URL as it may be logged: `/sync/abc?token=xyz` → `/sync/abc?token=[redacted]`. The query is parsed
 * (as the server parses it, `+` and percent escapes decoded), and every value is redacted except those of
 * `PLAIN_PARAMS`; a name is shown only when it is a short plain word. So no token reaches the log whatever the
 * query looks like: `?x=1?token=…` (the token inside x's value), `?token%00=…`, `?%74oken=…`, a token as a name.
 * A query with broken escapes, and anything after a `#`, is redacted whole.
 */
export function redactUrl(url: string): string {
  const hash = url.indexOf('#')
  const target = hash === -1 ? url : url.slice(0, hash)
  const tail = hash === -1 ? '' : `#${REDACTED}`
  const query = target.indexOf('?')
  if (query === -1) return target + tail
  const path = target.slice(0, query)
  const search = target.slice(query + 1)
  if (search === '') return `${path}?${tail}`
  try {
    // URLSearchParams leaves a broken escape as it is; a strict decode tells the query is not well formed.
    decodeURIComponent(search.replace(/\+/g, ' '))
  } catch {
    return `${path}?${REDACTED}${tail}`
  }
  const shown = [...new URLSearchParams(search)].map(([name, value]) => {
    const plainName = PLAIN_NAME.test(name) && !/token/i.test(name) ? name : undefined
    const plainValue = plainName !== undefined && PLAIN_PARAMS.has(plainName) && PLAIN_VALUE.test(value)
    const shownName = PLAIN_NAME.test(name) ? name : REDACTED
    return `${shownName}=${plainValue ? value : REDACTED}`
  })
  return `${path}?${shown.join('&')}${tail}`
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
