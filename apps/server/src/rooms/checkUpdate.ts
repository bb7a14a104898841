// Structural pre-check of a client's Yjs update, before anything of it touches the room's document. It knows the
// shape of a map document (map-model README, docs/protocol.md "The accepted shape"): the root maps of
// ROOT_TYPE_NAMES, each note a Y.Map directly under `notes`, plain values everywhere else. Nothing else may nest:
// Yjs frees a deleted nested type recursively, so a map nested thousands deep cannot even be reverted once applied
// (the revert overflows the stack on the server and on every client), and the stored map would no longer load.
// What a given role may change is the UpdateGate's business, not this file's.
//
// Three passes, cheapest first: the bytes (scanUpdate.ts: counts and content kinds, before Yjs builds anything),
// then each decoded item's content, then where each item will sit (placeItems.ts: parents inherited through
// origins, in the update or in the document).
import * as Y from 'yjs'
import { MAX_VALUE_STRING_LENGTH, ROOT_TYPE_NAMES as MAP_ROOT_TYPE_NAMES } from '@mapboard/map-model'
import {
  COLLECTED,
  ItemPlacer,
  MISSING,
  NOTE_MAP,
  NOT_A_TYPE,
  OTHER_TYPE,
  UnplaceableError,
} from './placeItems.ts'
import type { Placement } from './placeItems.ts'
import { scanUpdate } from './scanUpdate.ts'

/** The root types of a map document (map-model owns the list); an update that names any other is refused. */
export const ROOT_TYPE_NAMES: ReadonlySet<string> = new Set(MAP_ROOT_TYPE_NAMES)

/** The only root that holds shared types: each of its entries is a note's Y.Map. */
const NOTES_ROOT = 'notes'

export interface UpdateLimits {
  /** Structs (items, GC and Skip ranges) in one update. */
  maxStructs: number
  /** Shared types in one update; each one is a note map. */
  maxSharedTypes: number
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
  // A whole 2,000-note map is about 24,000 structs and 2,000 note maps: it fits in one update, with room to spare.
  // Decoding costs 2.5–6 µs a struct, so the bounds also cap what a hostile frame costs before it is refused.
  maxStructs: 30_000,
  maxSharedTypes: 3_000,
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

/**
 * Decodes `update` (Yjs v1 encoding) and checks every item against the map document's shape, as it would be
 * applied to `doc` (the room's document: items inherit their parent from neighbours it may hold).
 */
export function checkUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): UpdateCheck {
  const checked = decodeAndCheckUpdate(update, doc, limits)
  return checked.ok ? { ok: true } : checked
}

/** `checkUpdate`, handing on what it decoded so nothing has to decode the same bytes again. */
export function decodeAndCheckUpdate(
  update: Uint8Array,
  doc: Y.Doc,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): CheckedUpdate {
  const scanned = scanUpdate(update, limits)
  if (scanned !== undefined) return refuse(scanned)
  let decoded: DecodedUpdate
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return refuse('undecodable update')
  }
  const { structs } = decoded
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue // GC and Skip carry no content
    const problem = contentProblem(struct, limits)
    if (problem !== undefined) return refuse(problem)
  }
  try {
    const placer = new ItemPlacer(structs, doc)
    for (let i = 0; i < structs.length; i++) {
      const placement = placer.place(i)
      if (placement === undefined) continue
      const problem = placementProblem(structs[i] as Y.Item, placement)
      if (problem !== undefined) return refuse(problem)
    }
  } catch (error) {
    if (error instanceof UnplaceableError) return refuse(error.message)
    throw error
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

/** What is wrong with an item's own bytes: its key, a root it names, its content. */
function contentProblem(item: Y.Item, limits: UpdateLimits): string | undefined {
  const parent: unknown = item.parent
  if (typeof parent === 'string' && !ROOT_TYPE_NAMES.has(parent))
    return `unknown root type "${truncate(parent)}"`
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

/**
 * What is wrong with where an item will sit. A shared type (always a Y.Map, see contentProblem) must be an entry
 * of the `notes` root; a plain value or a deletion must sit in a root map or in a note map. An item that Yjs will
 * collect or keep pending joins no type, but a shared type must still show that it is a note map.
 */
function placementProblem(item: Y.Item, { parent, keyed }: Placement): string | undefined {
  if (item.content instanceof Y.ContentType) {
    if (parent === NOTES_ROOT) return keyed ? undefined : 'list content (every type in a map is a Y.Map)'
    if (parent === NOTE_MAP) return 'a map nested in a note'
    if (parent === MISSING) return 'a map whose parent the server does not have'
    if (parent === COLLECTED) return 'a map whose parent was deleted'
    if (typeof parent === 'string') return `a map in ${truncate(parent)} (only notes holds maps)`
    return 'a map nested below the notes'
  }
  if (parent === MISSING || parent === COLLECTED) return undefined
  if (parent === OTHER_TYPE) return 'a value inside a nested type'
  if (parent === NOT_A_TYPE) return 'a value whose parent is not a map'
  if (typeof parent === 'string' && !ROOT_TYPE_NAMES.has(parent))
    return `unknown root type "${truncate(parent)}"`
  return keyed ? undefined : 'list content (every type in a map is a Y.Map)'
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
