// Order within a section. Each note carries an `order` key, a string compared code unit by code unit; a section
// lists its notes by (order, id). Placing a note gives it a key strictly between its new neighbours' keys. Keys
// are fractions written in base 62 ('0' < '9' < 'A' < 'Z' < 'a' < 'z', which is also code unit order), so there is
// always another key between two different ones: a placement writes the placed note and nothing else, never
// renumbering its neighbours. That matters to the server's rules: a professional moving their own note must not
// touch anyone else's (OWN-2).
//
// Every key ends in a short tail derived from the note's id. Two replicas placing different notes in the same gap
// at the same moment compute the same fraction, and the tails keep their keys apart, so a later placement can
// still go between them. Equal keys (hand-made or legacy data) stay legal: the id breaks the tie, and a placement
// that cannot fit between two equal keys lands at the nearest position that can.
import { zoneIndex } from './zones.ts'
import type { ZoneId } from './zones.ts'

/** What placing a note among others needs of each: its id and order key. */
export interface Ordered {
  id: string
  order: string
}

/** The digits of a key, in ascending code unit order. */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const ZERO = '0'
const TAIL_LENGTH = 4
/** Longest key a note may carry; real keys stay far shorter (a few characters more per thousand placements). */
export const MAX_ORDER_LENGTH = 400
const KEY_PATTERN = /^[0-9A-Za-z]+$/

/**
 * What a note without a usable key reads as (readMap): the smallest one-digit key, so such a note sorts near the
 * start of its section and there is still room to place another note before it. A note can lack its key for a
 * moment on a replica that has received a move's delete of the old key but not yet the new one.
 */
export const FALLBACK_ORDER = '1'

/** A usable order key: base-62 digits, not ending in '0' (so there is always room before and between keys). */
export function isOrderKey(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_ORDER_LENGTH &&
    KEY_PATTERN.test(value) &&
    !value.endsWith(ZERO)
  )
}

/** Sort key of notes across the whole map: section (ZONE_IDS order), then order, then id. */
export function compareNotes(a: Ordered & { zone: ZoneId }, b: Ordered & { zone: ZoneId }): number {
  return zoneIndex(a.zone) - zoneIndex(b.zone) || compareInZone(a, b)
}

/** Sort key within one section. Keys and ids compare by code unit, not locale, so every runtime agrees. */
export function compareInZone(a: Ordered, b: Ordered): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The order key that puts note `id` at `index` among `siblings` (the section's other notes, sorted by
 * compareInZone). Exactly at `index` whenever the neighbours' keys differ; between
 * two equal keys there is no room, so the note goes to the nearest position that has some.
 */
export function placeAt(siblings: readonly Ordered[], index: number, id: string): string {
  const at = Math.max(0, Math.min(index, siblings.length))
  const tail = orderTail(id)
  for (let distance = 0; distance <= siblings.length; distance++) {
    for (const position of distance === 0 ? [at] : [at - distance, at + distance]) {
      if (position < 0 || position > siblings.length) continue
      const key = keyBetween(siblings[position - 1]?.order, siblings[position]?.order, tail)
      if (key !== undefined) return key
    }
  }
  // Unreachable: after the last note there is always room. Kept so the function is total.
  return after(siblings[siblings.length - 1]?.order ?? '') + tail
}

/**
 * A key strictly between `before` and `after` (undefined = the start or the end of the section) ending in
 * `tail`, or undefined when there is none: the bounds are equal or out of order, or `after` is unusable.
 */
export function keyBetween(
  before: string | undefined,
  upper: string | undefined,
  tail: string,
): string | undefined {
  const low = before !== undefined && isOrderKey(before) ? before : ''
  if (upper !== undefined && (!isOrderKey(upper) || low >= upper)) return undefined
  let key = upper === undefined ? after(low) : midpoint(low, upper)
  // With the tail added, a key that is a prefix of `upper` could pass it; move closer until it is not one.
  while (upper !== undefined && upper.startsWith(key)) key = midpoint(key, upper)
  const placed = key + tail
  return placed.length <= MAX_ORDER_LENGTH ? placed : undefined
}

/** A short key after `low`: its first digit that can grow, grown (appends stay a few characters long). */
function after(low: string): string {
  for (let i = 0; i < low.length; i++) {
    const value = DIGITS.indexOf(low.charAt(i))
    if (value < DIGITS.length - 1) return low.slice(0, i) + digit(value + 1)
  }
  return low + digit(DIGITS.length >> 1)
}

/**
 * A key strictly between `low` ('' = zero) and `high`, neither ending in '0' — the midpoint of the two base-62
 * fractions, cut as short as possible.
 */
function midpoint(low: string, high: string): string {
  let n = 0
  while ((low.charAt(n) || ZERO) === high.charAt(n)) n++
  if (n > 0) return high.slice(0, n) + midpoint(low.slice(n), high.slice(n))
  const lowDigit = low === '' ? 0 : DIGITS.indexOf(low.charAt(0))
  const highDigit = DIGITS.indexOf(high.charAt(0))
  if (highDigit - lowDigit > 1) return digit(Math.round((lowDigit + highDigit) / 2))
  // Consecutive first digits: `high`'s first digit alone is between, if `high` goes on after it.
  if (high.length > 1) return high.charAt(0)
  return digit(lowDigit) + after(low.slice(1))
}

function digit(value: number): string {
  return DIGITS.charAt(value)
}

/** Four base-62 digits from the note id (FNV-1a), the last never '0'. The same id always gets the same tail. */
export function orderTail(id: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  let tail = ''
  for (let i = 0; i < TAIL_LENGTH - 1; i++) {
    tail += digit(hash % DIGITS.length)
    hash = Math.floor(hash / DIGITS.length)
  }
  return tail + digit(1 + (hash % (DIGITS.length - 1)))
}
