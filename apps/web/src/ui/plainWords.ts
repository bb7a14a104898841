// Putting a plain wording in place of a flagged term, as the "Use plain words" button does.
import type { JargonHit } from '@mapboard/map-model'

/** The words of the text that a hit covers, as written ("S.47", "core groups"). */
export function writtenTerm(text: string, hit: JargonHit): string {
  return text.slice(hit.index, hit.index + hit.length)
}

/**
 * The text with the hit's words replaced by its plain wording. The wordings are written to sit inside a
 * sentence: at the start of one they take a capital letter, and after an article they drop their own ("the LADO"
 * becomes "the council officer who…", not "the the council officer who…").
 */
export function withPlainWords(text: string, hit: JargonHit): string {
  const before = text.slice(0, hit.index)
  let plain = hit.plain
  if (/\b(?:the|a|an)\s+$/iu.test(before)) plain = plain.replace(/^(?:the|a|an)\s+/iu, '')
  if (/(?:^|[.!?]\s+)$/u.test(before)) plain = plain.charAt(0).toLocaleUpperCase('en-GB') + plain.slice(1)
  return before + plain + text.slice(hit.index + hit.length)
}
