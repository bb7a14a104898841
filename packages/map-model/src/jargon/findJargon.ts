// Finds the jargon of the plain-words list in a text, fast enough to run on every keystroke: the list is compiled
// once into a character trie, and the text is read once, trying a match only where a word starts. Each attempt
// walks at most the longest spelling's length, so the cost grows with the text, not with the list.
import { JARGON_LIST } from './jargonList.ts'
import type { JargonEntry } from './JargonEntry.ts'

export interface JargonHit {
  /** The entry's canonical term ("s47" for "section 47", "S.47", …). */
  term: string
  /** Where the words start in the text as given, in UTF-16 code units. */
  index: number
  /** How long they are, in UTF-16 code units. */
  length: number
  plain: string
  explanation: string
}

interface Ending {
  entry: JargonEntry
  /** The spelling as written, for exact (capitals-only) matches; null when any case matches. */
  exact: string | null
}

interface TrieNode {
  next: Map<string, TrieNode>
  endings: Ending[]
}

// Letters, marks and digits make words (any script), so "cinema", "CINs2" or "LADOé" never hit "CIN" or "LADO".
const WORD_CHARACTER = /[\p{L}\p{M}\p{N}]/u
const SPACE = /\s/u

let compiled: TrieNode | null = null

/** Every jargon term in `text`, sorted by index; where spellings overlap, the longest wins. */
export function findJargon(text: string): JargonHit[] {
  const root = (compiled ??= compile(JARGON_LIST))
  const hits: JargonHit[] = []
  let index = 0
  while (index < text.length) {
    const hit = startsWord(text, index) ? longestAt(root, text, index) : null
    if (hit) {
      hits.push(hit)
      index += hit.length
    } else {
      index += 1
    }
  }
  return hits
}

function compile(list: readonly JargonEntry[]): TrieNode {
  const root = node()
  const add = (spelling: string, ending: Ending): void => {
    let at = root
    for (const character of normalised(spelling).toLowerCase()) {
      let child = at.next.get(character)
      if (!child) at.next.set(character, (child = node()))
      at = child
    }
    at.endings.push(ending)
  }
  for (const entry of list) {
    for (const spelling of entry.exact) add(spelling, { entry, exact: normalised(spelling) })
    for (const spelling of entry.anyCase) add(spelling, { entry, exact: null })
  }
  return root
}

/** The longest spelling that starts at `start` and ends at a word boundary, if its case rule holds. */
function longestAt(root: TrieNode, text: string, start: number): JargonHit | null {
  let best: JargonHit | null = null
  let at: TrieNode | undefined = root
  let written = ''
  let index = start
  while (at && index < text.length) {
    const character = text.charAt(index)
    if (SPACE.test(character)) {
      // Any run of spaces, tabs or line breaks reads as one space ("section\u00a047", "core\n group").
      at = at.next.get(' ')
      written += ' '
      while (index < text.length && SPACE.test(text.charAt(index))) index += 1
    } else {
      const same = sameCharacter(character)
      at = at.next.get(same.toLowerCase())
      written += same
      index += 1
    }
    if (at && at.endings.length > 0 && endsWord(text, index)) {
      const ending = at.endings.find((candidate) => candidate.exact === null || candidate.exact === written)
      if (ending) best = hitOf(ending.entry, start, index - start)
    }
  }
  return best
}

function hitOf(entry: JargonEntry, index: number, length: number): JargonHit {
  return { term: entry.term, index, length, plain: entry.plain, explanation: entry.explanation }
}

function node(): TrieNode {
  return { next: new Map(), endings: [] }
}

/** One spelling of a character for matching: typographic apostrophes read as straight ones. */
function sameCharacter(character: string): string {
  return character === '\u2019' ? "'" : character
}

function normalised(spelling: string): string {
  return [...spelling].map(sameCharacter).join('').replace(/\s+/gu, ' ')
}

function startsWord(text: string, index: number): boolean {
  return isWordCharacter(codePointAt(text, index)) && !isWordCharacter(codePointBefore(text, index))
}

function endsWord(text: string, index: number): boolean {
  return !isWordCharacter(codePointAt(text, index))
}

function isWordCharacter(codePoint: number | undefined): boolean {
  return codePoint !== undefined && WORD_CHARACTER.test(String.fromCodePoint(codePoint))
}

function codePointAt(text: string, index: number): number | undefined {
  return index < text.length ? text.codePointAt(index) : undefined
}

/** The code point that ends just before `index`, reading a surrogate pair whole. */
function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined
  const low = text.charCodeAt(index - 1)
  if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(index - 2)
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2)
  }
  return text.codePointAt(index - 1)
}
