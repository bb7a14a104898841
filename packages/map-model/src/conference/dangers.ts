// Danger statements, each paired with a safety goal and, when the family disagrees, the family's view (product
// brief, "The map"). A statement is composed from its three parts in plain sentences and can then be reworded. Every
// write is signed by whoever makes it (OWN-3), so an edit re-signs the entry.
import type { Doc } from 'yjs'
import { MapValidationError } from '../MapValidationError.ts'
import { getDangersMap, getFamilyViewsMap, getGoalsMap } from '../schema.ts'
import { validateTimestamp } from '../validation.ts'
import { MAX_DANGER_STATEMENTS } from './conferenceFields.ts'
import { freshId } from './entryId.ts'
import { sameValue } from './sameValue.ts'
import type { DangerStatement, FamilyView, RecordedBy, SafetyGoal } from './types.ts'
import {
  validateDangerParts,
  validateDangerStatement,
  validateEntryId,
  validateGoalParts,
  validateRecordedBy,
  validateStatementText,
} from './validateConference.ts'

export interface DangerInput {
  who: string
  worry: string
  outcome: string
  /** Defaults to composeDangerStatement of the three parts. */
  text?: string
  /** Defaults to a fresh random id. */
  id?: string
  /** Milliseconds since the epoch; defaults to now. */
  createdAt?: number
}

export type DangerPatch = Partial<Pick<DangerStatement, 'who' | 'worry' | 'outcome' | 'text'>>

export interface SafetyGoalInput {
  parents: string
  child: string
  professionals: string
  /** Defaults to composeSafetyGoal of the three parts. */
  text?: string
}

// Words after which "who" takes "are": "The social worker and the school are worried", "Parents are worried".
const PLURAL_WORDS = new Set(['we', 'they', 'you', 'parents', 'professionals', 'agencies', 'police', 'staff'])

/**
 * "Who is worried, what about, what will happen if nothing changes" in one plain sentence, the shape Signs of
 * Safety uses: "The school is worried that …, and that if nothing changes …". Empty parts are left out.
 */
export function composeDangerStatement(parts: { who: string; worry: string; outcome: string }): string {
  const who = clause(parts.who)
  const worry = clause(parts.worry)
  const outcome = clause(parts.outcome)
  if (who === '' && worry === '' && outcome === '') return ''
  const subject = who === '' ? 'We' : who
  const verb = who === '' || isPlural(who) ? 'are' : 'is'
  const what = [worry, outcome === '' ? '' : `if nothing changes ${outcome}`].filter((part) => part !== '')
  const body = what.length === 0 ? '' : ` that ${what.join(', and that ')}`
  return sentence(`${subject} ${verb} worried${body}`)
}

/** What would need to be seen to close the case, in one plain sentence; empty parts are left out. */
export function composeSafetyGoal(parts: { parents: string; child: string; professionals: string }): string {
  const seen = [parts.parents, parts.child, parts.professionals].map(clause).filter((part) => part !== '')
  if (seen.length === 0) return ''
  const last = seen.pop() as string
  const list = seen.length === 0 ? `that ${last}` : `that ${seen.join(', that ')} and that ${last}`
  return sentence(`To close the case we would need to see ${list}`)
}

/** Adds a danger statement with the lowest free number (1–4) and returns its id. */
export function addDangerStatement(
  doc: Doc,
  input: DangerInput,
  recordedBy: RecordedBy,
  origin?: unknown,
): string {
  const parts = validateDangerParts(input)
  const text = validateStatementText(input.text ?? composeDangerStatement(parts))
  const signed = validateRecordedBy(recordedBy)
  const createdAt =
    input.createdAt === undefined ? Date.now() : validateTimestamp(input.createdAt, 'createdAt')
  const dangers = getDangersMap(doc)
  if (dangers.size >= MAX_DANGER_STATEMENTS) {
    throw new MapValidationError(
      'TOO_MANY_DANGERS',
      'dangers',
      `A map has at most ${MAX_DANGER_STATEMENTS} danger statements.`,
    )
  }
  const id = input.id === undefined ? freshId(dangers) : validateEntryId(input.id)
  if (dangers.has(id))
    throw new MapValidationError('DUPLICATE_ID', 'id', `A danger statement with id "${id}" already exists.`)
  const taken = new Set(storedDangers(doc).map((danger) => danger.number))
  let number = 1
  while (taken.has(number)) number += 1
  const danger: DangerStatement = { id, ...parts, text, number, createdAt, recordedBy: signed }
  doc.transact(() => dangers.set(id, danger), origin ?? null)
  return id
}

/**
 * Changes parts or text of a statement. Changing a part recomposes the text unless the text was reworded by hand
 * (or the patch gives one).
 */
export function updateDangerStatement(
  doc: Doc,
  id: string,
  patch: DangerPatch,
  recordedBy: RecordedBy,
  origin?: unknown,
): void {
  const before = findDanger(doc, id)
  const parts = validateDangerParts({ ...partsOf(before), ...definedOnly(patch) })
  const composedBefore = before.text === composeDangerStatement(partsOf(before))
  const text =
    patch.text !== undefined
      ? validateStatementText(patch.text)
      : composedBefore
        ? validateStatementText(composeDangerStatement(parts))
        : before.text
  const after: DangerStatement = { ...before, ...parts, text, recordedBy: validateRecordedBy(recordedBy) }
  if (sameValue(after, before)) return
  doc.transact(() => getDangersMap(doc).set(before.id, after), origin ?? null)
}

/** Removes a statement with its safety goal and the family's view of it, in one transaction. */
export function removeDangerStatement(doc: Doc, id: string, origin?: unknown): void {
  const roots = [getDangersMap(doc), getGoalsMap(doc), getFamilyViewsMap(doc)]
  if (!roots.some((root) => root.has(id))) throw notFound(id)
  doc.transact(() => {
    for (const root of roots) if (root.has(id)) root.delete(id)
  }, origin ?? null)
}

/** Sets the safety goal paired with a statement. */
export function setSafetyGoal(
  doc: Doc,
  dangerId: string,
  input: SafetyGoalInput,
  recordedBy: RecordedBy,
  origin?: unknown,
): void {
  const danger = findDanger(doc, dangerId)
  const parts = validateGoalParts(input)
  const goal: SafetyGoal = {
    dangerId: danger.id,
    ...parts,
    text: validateStatementText(input.text ?? composeSafetyGoal(parts)),
    recordedBy: validateRecordedBy(recordedBy),
  }
  const goals = getGoalsMap(doc)
  if (sameValue(goal, goals.get(danger.id))) return
  doc.transact(() => goals.set(danger.id, goal), origin ?? null)
}

/** Records the family's view of a statement; empty text removes it. */
export function setFamilyView(
  doc: Doc,
  dangerId: string,
  text: string,
  recordedBy: RecordedBy,
  origin?: unknown,
): void {
  const danger = findDanger(doc, dangerId)
  const views = getFamilyViewsMap(doc)
  if (typeof text === 'string' && text.trim() === '') {
    if (views.has(danger.id)) doc.transact(() => views.delete(danger.id), origin ?? null)
    return
  }
  const view: FamilyView = {
    dangerId: danger.id,
    text: validateStatementText(text),
    recordedBy: validateRecordedBy(recordedBy),
  }
  if (sameValue(view, views.get(danger.id))) return
  doc.transact(() => views.set(danger.id, view), origin ?? null)
}

/** The valid statements the document holds, in no particular order. */
function storedDangers(doc: Doc): DangerStatement[] {
  const found: DangerStatement[] = []
  getDangersMap(doc).forEach((value, key) => {
    try {
      const danger = validateDangerStatement(value)
      if (danger.id === key) found.push(danger)
    } catch (error) {
      if (!(error instanceof MapValidationError)) throw error
    }
  })
  return found
}

function findDanger(doc: Doc, id: string): DangerStatement {
  const danger = storedDangers(doc).find((candidate) => candidate.id === id)
  if (danger === undefined) throw notFound(id)
  return danger
}

function notFound(id: unknown): MapValidationError {
  return new MapValidationError(
    'DANGER_NOT_FOUND',
    'id',
    `There is no danger statement ${JSON.stringify(id)}.`,
  )
}

function partsOf(danger: DangerStatement): { who: string; worry: string; outcome: string } {
  return { who: danger.who, worry: danger.worry, outcome: danger.outcome }
}

/** The patch without keys set to undefined, so spreading it keeps the old values. */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>
}

/** Trimmed, without the full stop or spaces it may end with, to go inside a longer sentence. */
function clause(text: string): string {
  return typeof text === 'string' ? text.trim().replace(/[\s.]+$/u, '') : ''
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.!?]$/u.test(capitalised) ? capitalised : `${capitalised}.`
}

function isPlural(who: string): boolean {
  if (/\band\b|&|,/iu.test(who)) return true
  const last = who.split(/\s+/u).pop() ?? ''
  const word = last.toLowerCase()
  // A capitalised last word is a name ("Mr Jones"), not a plural.
  if (last !== word && !PLURAL_WORDS.has(word)) return false
  return PLURAL_WORDS.has(word) || (word.endsWith('s') && !word.endsWith('ss'))
}
