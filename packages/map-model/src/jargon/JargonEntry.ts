// One entry of the plain-words list: a term professionals use, every way it is written, and what to say instead.

export interface JargonEntry {
  /** The canonical term, as findJargon reports it. */
  readonly term: string
  /** Spellings matched only exactly as written: abbreviations, so "cin" in "cinema" or lower-case text never hits. */
  readonly exact: readonly string[]
  /** Spellings matched in any case: words and phrases ("core group", "Core Group"). */
  readonly anyCase: readonly string[]
  /** What to write instead, for a parent: it replaces the term in the text, so it reads in a sentence. */
  readonly plain: string
  /** What it means, in one line. */
  readonly explanation: string
}

interface EntryOptions {
  /** Other spellings matched only as written. */
  exact?: readonly string[]
  /** Other spellings matched in any case. */
  anyCase?: readonly string[]
  /** Add plural spellings (default true; off for words with no plural or whose plural is another word). */
  plural?: boolean
}

/** An abbreviation: the term itself matches in capitals only (as written), with its plural ("CPPs"). */
export function abbreviation(
  term: string,
  plain: string,
  explanation: string,
  options: EntryOptions = {},
): JargonEntry {
  return entry(term, [term, ...(options.exact ?? [])], options.anyCase ?? [], plain, explanation, options)
}

/** A word or phrase: the term itself matches in any case, with its plural ("core groups"). */
export function phrase(
  term: string,
  plain: string,
  explanation: string,
  options: EntryOptions = {},
): JargonEntry {
  return entry(term, options.exact ?? [], [term, ...(options.anyCase ?? [])], plain, explanation, options)
}

/**
 * A word that is jargon only in certain phrases: the bare term is not matched ("threshold" is also part of a
 * door), only the phrases given.
 */
export function inPhrases(
  term: string,
  phrases: readonly string[],
  plain: string,
  explanation: string,
): JargonEntry {
  return entry(term, [], phrases, plain, explanation, { plural: false })
}

function entry(
  term: string,
  exact: readonly string[],
  anyCase: readonly string[],
  plain: string,
  explanation: string,
  options: EntryOptions,
): JargonEntry {
  const withPlurals = (forms: readonly string[], plural: (form: string) => string | null): string[] =>
    options.plural === false ? [...forms] : [...forms, ...forms.flatMap((form) => plural(form) ?? [])]
  return Object.freeze({
    term,
    exact: Object.freeze(unique(withPlurals(exact, abbreviationPlural))),
    anyCase: Object.freeze(unique(withPlurals(anyCase, wordPlural))),
    plain,
    explanation,
  })
}

/** "CPP" → "CPPs"; none for forms ending in a digit, an s or punctuation ("s47", "CAMHS", "A&E"). */
function abbreviationPlural(form: string): string | null {
  return /[A-RT-Za-rt-z]$/u.test(form) ? `${form}s` : null
}

/** The plural of a phrase's last word: "core group" → "core groups", "enquiry" → "enquiries". */
function wordPlural(form: string): string | null {
  if (!/[a-z]$/iu.test(form) || /(?:s|ed)$/iu.test(form)) return null
  if (/child$/iu.test(form)) return `${form}ren`
  if (/[^aeiou]y$/iu.test(form)) return `${form.slice(0, -1)}ies`
  if (/(?:x|z|ch|sh)$/iu.test(form)) return `${form}es`
  return `${form}s`
}

function unique(forms: readonly string[]): string[] {
  return [...new Set(forms)]
}
