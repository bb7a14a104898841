// Where each item of a decoded update will sit once Yjs integrates it into the room's document, worked out before
// anything is applied (the structural pre-check needs it to refuse nesting).
//
// A decoded item names its parent — a root type by name, or the id of the item that holds the parent type — only
// when it has neither a left nor a right origin. Otherwise Yjs gives it the parent (and map key) of its left
// neighbour, or else of its right one (yjs `Item.getMissing`), and that neighbour may be an earlier struct of the
// same update or an item the document already has. So a map nested a thousand deep need not name a single parent:
// each level can inherit it from a plain value written under the level above. This follows Yjs's own rules:
//
// - an origin or parent the document has (its clock is below the document's state for that client) is the
//   document's item; otherwise the update's own struct, if it has one there; otherwise it is missing;
// - anything missing means Yjs keeps the item pending (the room then drops it and asks again);
// - a neighbour or parent that Yjs has garbage-collected (a GC struct, an item whose content is deleted) means Yjs
//   collects the new item too: it is never part of any type.
//
// Items depend on one another in any order (another client's struct later in the update), so the walk keeps its
// own stack: a chain 200,000 long must not overflow ours.
import * as Y from 'yjs'

/** The parent an item of the update will have: a root type's name, or one of these. */
export const NOTE_MAP = Symbol('a note map')
export const OTHER_TYPE = Symbol('a type that is not a note map')
/** The referenced item holds no type at all (a plain value). */
export const NOT_A_TYPE = Symbol('not a type')
/** Yjs will collect the item: it never joins a type. */
export const COLLECTED = Symbol('collected')
/** It builds on content neither the update nor the document has: Yjs keeps it pending. */
export const MISSING = Symbol('missing')

export type Parent =
  string | typeof NOTE_MAP | typeof OTHER_TYPE | typeof NOT_A_TYPE | typeof COLLECTED | typeof MISSING

export interface Placement {
  parent: Parent
  /** Whether it is map content (has a key); list content has none. Meaningless when collected or missing. */
  keyed: boolean
}

/** Why the update cannot be placed at all. */
export class UnplaceableError extends Error {}

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number]

/** A referenced id: the document's struct, the index of one of the update's structs, or missing. */
type Located = Y.Item | Y.GC | number | typeof MISSING

// #state: 0 while unseen, then OPEN while on the walk's stack, DONE once placed.
const OPEN = 1
const DONE = 2

/** Places the items of `structs` (decoded from one update) against `doc`; `undefined` for GC and Skip structs. */
export class ItemPlacer {
  readonly #structs: Struct[]
  readonly #doc: Y.Doc
  /** Per client: the range of `structs` that holds its structs (one contiguous run, in clock order). */
  readonly #runs = new Map<number, { start: number; end: number }>()
  readonly #state: Uint8Array
  readonly #placed: Array<Placement | undefined>
  #roots: Map<unknown, string> | undefined

  constructor(structs: Struct[], doc: Y.Doc) {
    this.#structs = structs
    this.#doc = doc
    this.#state = new Uint8Array(structs.length)
    this.#placed = new Array<Placement | undefined>(structs.length)
    let previous: Struct | undefined
    for (const [i, struct] of structs.entries()) {
      const client = struct.id.client
      if (previous !== undefined && previous.id.client === client) {
        // Yjs reads one run of structs per client and keeps only the last run it reads for a client: a client
        // listed twice would be checked in one version and applied in the other.
        if (struct.id.clock !== previous.id.clock + previous.length)
          throw new UnplaceableError('a client listed twice')
        ;(this.#runs.get(client) as { end: number }).end = i + 1
      } else {
        if (this.#runs.has(client)) throw new UnplaceableError('a client listed twice')
        this.#runs.set(client, { start: i, end: i + 1 })
      }
      previous = struct
    }
  }

  /** Where the item at `index` will sit. Throws UnplaceableError for references Yjs could not follow either. */
  place(index: number): Placement | undefined {
    if (!(this.#structs[index] instanceof Y.Item)) return undefined
    if (this.#state[index] !== DONE) this.#walk(index)
    return this.#placed[index]
  }

  /** Places `start` and everything it depends on, dependencies first, on an explicit stack. */
  #walk(start: number): void {
    const stack = [start]
    this.#state[start] = OPEN
    while (stack.length > 0) {
      const index = stack[stack.length - 1] as number
      const item = this.#structs[index] as Y.Item
      const refs = this.#references(item)
      let waiting = false
      for (const ref of refs) {
        if (typeof ref !== 'number' || !(this.#structs[ref] instanceof Y.Item)) continue
        if (this.#state[ref] === DONE) continue
        if (this.#state[ref] === OPEN)
          throw new UnplaceableError('items that refer to each other in a circle')
        this.#state[ref] = OPEN
        stack.push(ref)
        waiting = true
      }
      if (waiting) continue
      this.#placed[index] = this.#placeWith(item, refs)
      this.#state[index] = DONE
      stack.pop()
    }
  }

  /** The structs `item` refers to: its parent if it names one, else its left and right origins. */
  #references(item: Y.Item): Located[] {
    const parent: unknown = item.parent
    if (parent instanceof Y.ID) return [this.#locate(parent, item.id)]
    if (typeof parent === 'string') return []
    const refs: Located[] = []
    if (item.origin !== null) refs.push(this.#locate(item.origin, item.id))
    if (item.rightOrigin !== null) refs.push(this.#locate(item.rightOrigin, item.id))
    return refs
  }

  #placeWith(item: Y.Item, refs: Located[]): Placement {
    const parent: unknown = item.parent
    if (typeof parent === 'string') return { parent, keyed: item.parentSub !== null }
    if (parent instanceof Y.ID) {
      return { parent: this.#typeAt(refs[0] as Located), keyed: item.parentSub !== null }
    }
    if (refs.length === 0) throw new UnplaceableError('an item with no parent and no neighbours')
    const sides = refs.map((ref) => this.#neighbour(ref))
    if (sides.includes(MISSING)) return { parent: MISSING, keyed: false }
    // A collected neighbour on either side collects the item, whatever the other side is (yjs getMissing).
    if (sides.includes(COLLECTED)) return { parent: COLLECTED, keyed: false }
    // The left neighbour's parent and key if there is one, else the right one's.
    return sides[0] as Placement
  }

  /** The parent and key an item inherits from a neighbour, or what stops it from inheriting any. */
  #neighbour(ref: Located): Placement | typeof MISSING | typeof COLLECTED {
    if (ref === MISSING) return MISSING
    if (typeof ref === 'number') {
      const struct = this.#structs[ref]
      if (!(struct instanceof Y.Item)) return struct instanceof Y.GC ? COLLECTED : MISSING // a Skip: not sent
      const placed = this.#placed[ref] as Placement
      if (placed.parent === MISSING || placed.parent === COLLECTED) return placed.parent
      return placed
    }
    if (!(ref instanceof Y.Item)) return COLLECTED
    return { parent: this.#docParent(ref.parent), keyed: ref.parentSub !== null }
  }

  /** The type held by the item at `ref`, as a parent for an item that names it. */
  #typeAt(ref: Located): Parent {
    if (ref === MISSING) return MISSING
    if (typeof ref === 'number') {
      const struct = this.#structs[ref]
      if (!(struct instanceof Y.Item)) return struct instanceof Y.GC ? COLLECTED : MISSING
      const placed = this.#placed[ref] as Placement
      if (placed.parent === MISSING || placed.parent === COLLECTED) return placed.parent
      return typeHeldBy(struct, placed.parent === 'notes' && placed.keyed)
    }
    if (!(ref instanceof Y.Item)) return COLLECTED
    return typeHeldBy(ref, this.#isNotesRoot(ref.parent) && ref.parentSub !== null)
  }

  /** What a type of the document is, as a parent. */
  #docParent(type: unknown): Parent {
    if (!(type instanceof Y.AbstractType)) return COLLECTED
    const holder = type._item
    if (holder === null) return this.#rootName(type)
    return type instanceof Y.Map && this.#isNotesRoot(holder.parent) && holder.parentSub !== null
      ? NOTE_MAP
      : OTHER_TYPE
  }

  #isNotesRoot(type: unknown): boolean {
    return type !== null && type === this.#doc.share.get('notes')
  }

  #rootName(type: unknown): string {
    this.#roots ??= new Map([...this.#doc.share].map(([name, root]) => [root as unknown, name]))
    // A root the document holds under no name cannot be: say so with a name no map has.
    return this.#roots.get(type) ?? '(unnamed root)'
  }

  /** Finds the struct holding `id`, as Yjs would when integrating the item `from`. */
  #locate(id: Y.ID, from: Y.ID): Located {
    if (id.clock < Y.getState(this.#doc.store, id.client))
      return Y.getItem(this.#doc.store, id) as Y.Item | Y.GC
    // Yjs integrates a client's structs in clock order: an item cannot build on its own client's later ones.
    if (id.client === from.client && id.clock >= from.clock)
      throw new UnplaceableError('an item refers ahead')
    const run = this.#runs.get(id.client)
    if (run === undefined) return MISSING
    let low = run.start
    let high = run.end - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const struct = this.#structs[middle] as Struct
      if (id.clock < struct.id.clock) high = middle - 1
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1
      else return middle
    }
    return MISSING
  }
}

/** The parent an item gets that names `holder` as its parent: a note map only if `holder` is one. */
function typeHeldBy(holder: Y.Item, isNoteEntry: boolean): Parent {
  const content = holder.content
  if (content instanceof Y.ContentDeleted) return COLLECTED
  if (!(content instanceof Y.ContentType)) return NOT_A_TYPE
  return content.type instanceof Y.Map && isNoteEntry ? NOTE_MAP : OTHER_TYPE
}
