// Structural pre-check of a client's Yjs update, before anything of it touches the room's document.
// It knows the shape of a map document (map-model README): three root Y.Maps, notes as nested Y.Maps,
// plain values everywhere else. What a given role may change is the UpdateGate's business, not this file's.
import * as Y from 'yjs'
import { MAX_VALUE_STRING_LENGTH, ROOT_TYPE_NAMES as MAP_ROOT_TYPE_NAMES } from '@mapboard/map-model'

/** The root types of a map document (map-model owns the list); an update that names any other is refused. */
export const ROOT_TYPE_NAMES: ReadonlySet<string> = new Set(MAP_ROOT_TYPE_NAMES)

export interface UpdateLimits {
  /** Longest string anywhere in a value (the longest legitimate one is a danger statement's or a note's text). */
  maxStringLength: number
  /** Longest map key (note ids, field names, zone ids are all short). */
  maxKeyLength: number
  /** Largest content of a single item, in bytes of its JSON. */
  maxContentBytes: number
  /** Deepest nesting of arrays/objects inside one value. */
  maxValueDepth: number
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = {
  maxStringLength: MAX_VALUE_STRING_LENGTH,
  maxKeyLength: 256,
  // A decision with many agencies' views and dissents is one plain value; the frame cap (2 MiB) still applies.
  maxContentBytes: 512 * 1024,
  maxValueDepth: 8,
}

export type UpdateCheck = { ok: true } | { ok: false; reason: string }

/** A client's update, decoded once: the room's later steps (client ids, late deletes) read this, not the bytes. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** The outcome of `decodeAndCheckUpdate`: the decoded update when it fits the map document. */
export type CheckedUpdate = { ok: true; decoded: DecodedUpdate } | { ok: false; reason: string }

const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason })

/** Decodes `update` (Yjs v1 encoding) and checks every item against the map document's shape. */
export function checkUpdate(update: Uint8Array, limits: UpdateLimits = DEFAULT_UPDATE_LIMITS): UpdateCheck {
  const checked = decodeAndCheckUpdate(update, limits)
  return checked.ok ? { ok: true } : checked
}

/** `checkUpdate`, handing on what it decoded so nothing has to decode the same bytes again. */
export function decodeAndCheckUpdate(
  update: Uint8Array,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): CheckedUpdate {
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return refuse('undecodable update')
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue // GC and Skip carry no content
    const problem = checkItem(struct, limits)
    if (problem !== undefined) return refuse(problem)
  }
  return { ok: true, decoded }
}

/**
 * For each client an update writes under, the clock just past its last struct: `Y.parseUpdateMeta(update).to`,
 * read from the structs already decoded (which come sorted by client, as parseUpdateMeta reads them).
 */
export function structEnds(structs: DecodedUpdate['structs']): Map<number, number> {
  const to = new Map<number, number>()
  for (const struct of structs) to.set(struct.id.client, struct.id.clock + struct.length)
  return to
}

function checkItem(item: Y.Item, limits: UpdateLimits): string | undefined {
  // A decoded item names its parent (root name or parent item id) only when it has no left/right origin to
  // inherit it from; an inheriting item sits beside one that was checked when it arrived.
  const parent: unknown = item.parent
  if (typeof parent === 'string' && !ROOT_TYPE_NAMES.has(parent))
    return `unknown root type "${truncate(parent)}"`
  if (parent !== null && item.parentSub === null) return 'list content (every type in a map is a Y.Map)'
  if (item.parentSub !== null && item.parentSub.length > limits.maxKeyLength) return 'map key too long'

  const content = item.content
  if (content instanceof Y.ContentDeleted) return undefined
  if (content instanceof Y.ContentType) {
    return content.type instanceof Y.Map ? undefined : `nested ${content.type.constructor.name} (only Y.Map)`
  }
  if (content instanceof Y.ContentAny) {
    let bytes = 0
    for (const value of content.arr) {
      const problem = checkValue(value, limits, 0)
      if (problem !== undefined) return problem
      bytes += jsonBytes(value)
      if (bytes > limits.maxContentBytes) return 'value too large'
    }
    return undefined
  }
  if (content instanceof Y.ContentDoc) return 'sub-document'
  return `${content.constructor.name} is not part of a map document`
}

function checkValue(value: unknown, limits: UpdateLimits, depth: number): string | undefined {
  if (typeof value === 'string') return value.length > limits.maxStringLength ? 'string too long' : undefined
  if (value === null || typeof value !== 'object') return undefined // numbers, booleans, undefined
  if (depth >= limits.maxValueDepth) return 'value nested too deeply'
  if (value instanceof Uint8Array) return 'binary value'
  if (Array.isArray(value)) {
    for (const element of value) {
      const problem = checkValue(element, limits, depth + 1)
      if (problem !== undefined) return problem
    }
    return undefined
  }
  for (const [key, element] of Object.entries(value)) {
    if (key.length > limits.maxKeyLength) return 'object key too long'
    const problem = checkValue(element, limits, depth + 1)
    if (problem !== undefined) return problem
  }
  return undefined
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null')
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
