// Conference times are local to England and Wales: a date and a clock time in Europe/London, whose offset from UTC
// changes twice a year (GMT in winter, BST in summer). Intl knows the changes; nothing else here does.

const LONDON = 'Europe/London'
const HOUR = 3_600_000

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** A moment as London's clocks and calendars show it. `weekday` is 0 for Sunday … 6 for Saturday. */
export interface LondonTime {
  year: number
  /** 1–12 */
  month: number
  day: number
  hour: number
  minute: number
  second: number
  weekday: number
}

/** What the clocks in London show at `ms` (milliseconds since the epoch). */
export function londonTime(ms: number): LondonTime {
  const parts: Record<string, number> = {}
  for (const part of PARTS.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value)
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts
  return {
    year,
    month,
    day,
    hour,
    minute,
    second,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  }
}

/** London's offset from UTC at `ms`, in milliseconds (0 in GMT, one hour in BST). */
export function londonOffset(ms: number): number {
  const t = londonTime(ms)
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second)
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000))
}

/**
 * The moment London's clocks show this date and time. A time the clocks skip (01:00–01:59 on the last Sunday of
 * March) is read as GMT, an hour later than it says; a time they show twice (01:00–01:59 on the last Sunday of
 * October) is the first of the two, in BST.
 */
export function fromLondonTime(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute)
  // Try the offset of the hours around it; the earliest moment that London shows as this time wins.
  for (const offset of [HOUR, 0]) {
    const ms = asUtc - offset
    if (londonOffset(ms) === offset) return ms
  }
  return asUtc
}

/** 'YYYY-MM-DD' of a London calendar day. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
