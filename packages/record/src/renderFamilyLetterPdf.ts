// The family letter: the conference in plain words, large type and short sentences, built from the shared
// record only (decision 0038). Jargon in what people wrote stays as written, followed by its plain wording.
import PDFDocument from 'pdfkit'
import { COLUMNS, findJargon, zoneLabel } from '@mapboard/map-model'
import type { NoteSnapshot } from '@mapboard/map-model'
import { INK, INK_MUTED } from './mapPalette.ts'
import { pdfBytes } from './pdfBytes.ts'
import { pdfFontName, registerPdfFonts } from './pdfFonts.ts'
import type { RecordSnapshot } from './RecordSnapshot.ts'
import { categoryLabel, formatDate, outcomeLabel, personLabel } from './recordWords.ts'

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 56
/** Body text size: at least 14 pt, so the letter reads on paper and on a phone. */
export const LETTER_BODY_SIZE = 14

/** Said when the deployment gives no text of its own (MAPBOARD_LETTER_CORRECTIONS_TEXT). */
export const DEFAULT_CORRECTIONS_TEXT =
  'If something in this letter is wrong, tell your social worker or the conference chair. ' +
  'You can ask for it to be put right. You can also make a complaint to the council. ' +
  'Nobody will treat you or your children worse for asking.'

export interface FamilyLetterOptions {
  /** How to ask for a correction or complain, as this deployment words it. */
  correctionsText?: string
}

/** `text` with each jargon term followed by its plain wording in brackets, once per term. */
export function withPlainWords(text: string): string {
  const hits = findJargon(text)
  let out = ''
  let at = 0
  const explained = new Set<string>()
  for (const hit of hits) {
    const end = hit.index + hit.length
    out += text.slice(at, end)
    if (!explained.has(hit.term)) {
      out += ` (${hit.plain})`
      explained.add(hit.term)
    }
    at = end
  }
  return out + text.slice(at)
}

class LetterWriter {
  constructor(readonly pdf: PDFKit.PDFDocument) {}
  get width(): number {
    return this.pdf.page.width - 2 * MARGIN
  }
  #write(text: string, weight: 'regular' | 'semibold' | 'bold', size: number, colour: string, gap: number) {
    this.pdf
      .font(pdfFontName(weight))
      .fontSize(size)
      .fillColor(colour)
      .text(text, MARGIN, this.pdf.y, { width: this.width, lineGap: 3 })
    this.pdf.y += gap
  }
  title(text: string): void {
    this.#write(text, 'bold', 24, INK, 10)
  }
  heading(text: string): void {
    this.pdf.y += 12
    if (this.pdf.y + 100 > this.pdf.page.height - MARGIN) this.pdf.addPage()
    this.#write(text, 'bold', 19, INK, 6)
  }
  say(text: string): void {
    this.#write(text, 'regular', LETTER_BODY_SIZE, INK, 6)
  }
  quote(text: string): void {
    this.#write(withPlainWords(text), 'semibold', LETTER_BODY_SIZE, INK, 6)
  }
  aside(text: string): void {
    this.#write(text, 'regular', LETTER_BODY_SIZE, INK_MUTED, 8)
  }
}

/**
 * The family letter of a shared record. A professionals' record is refused: the letter is for the family and
 * must never carry restricted material.
 */
export async function renderFamilyLetterPdf(
  record: RecordSnapshot,
  options: FamilyLetterOptions = {},
): Promise<Uint8Array> {
  if (record.restricted !== null) throw new Error('The family letter is made from the shared record only')
  const pdf = new PDFDocument({
    autoFirstPage: false,
    size: A4,
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
    info: {
      Title: `${record.title} — letter for the family`,
      Creator: 'Mapboard',
      CreationDate: new Date(record.generatedAt),
    },
  })
  const done = pdfBytes(pdf)
  registerPdfFonts(pdf)
  pdf.addPage()
  const out = new LetterWriter(pdf)
  writeLetter(out, record, options.correctionsText?.trim() || DEFAULT_CORRECTIONS_TEXT)
  pdf.end()
  return done
}

function writeLetter(out: LetterWriter, record: RecordSnapshot, correctionsText: string): void {
  out.title('What happened at the meeting')
  out.say(`This letter is about the meeting on ${formatDate(record.date)}: ${record.title}.`)
  out.say('It says what people said, what was decided, and what happens next.')

  const { attendance, apologies, dangers, goals, familyViews, nextSteps, decision } = record.conference
  out.heading('Who came')
  if (attendance.length === 0) out.say('Nobody was recorded as coming.')
  for (const person of attendance) out.say(personLabel(person.name, person.role, person.agency))
  if (apologies.length > 0) {
    out.say('These people could not come:')
    for (const person of apologies) out.say(personLabel(person.name, person.role, person.agency))
  }

  // Withdrawn notes are not in the letter: they are no longer part of the map (decision 0038).
  const current = record.map.notes.filter((note) => note.withdrawal === undefined)
  const column = (index: number): NoteSnapshot[] =>
    current.filter((note) => COLUMNS[index]?.zones.includes(note.zone) === true)
  const notes = (heading: string, list: NoteSnapshot[], none: string): void => {
    out.heading(heading)
    if (list.length === 0) out.say(none)
    for (const note of list) {
      out.quote(note.text)
      const who =
        note.author === ''
          ? ''
          : ` Written by ${note.agency === '' ? note.author : `${note.author}, ${note.agency}`}.`
      out.aside(`${zoneLabel(note.zone)}.${who}`)
    }
  }
  notes('What people are worried about', column(0), 'Nobody wrote down a worry.')
  notes('What is going well', column(1), 'Nobody wrote down what is going well.')

  out.heading('The worries and the goals')
  if (dangers.length === 0) out.say('No danger statements were written.')
  for (const danger of dangers) {
    out.say(`Worry ${danger.number}. People are worried that:`)
    out.quote(danger.text)
    const goal = goals[danger.id]
    if (goal === undefined) out.say('No goal was agreed for this worry yet.')
    else {
      out.say('To feel this worry is gone, people need to see:')
      out.quote(goal.text)
    }
    const view = familyViews[danger.id]
    if (view !== undefined) {
      out.say('The family said:')
      out.quote(view.text)
    }
  }

  out.heading('What was decided, and why')
  if (decision === null) out.say('No decision was written down yet.')
  else {
    out.say(`The decision: ${outcomeLabel(decision.outcome)}.`)
    if (decision.category !== null) out.say(`The reason for the plan: ${categoryLabel(decision.category)}.`)
    out.say('The chair said why:')
    out.quote(decision.reasons)
    if (decision.dissent.length === 0) out.say('Nobody said they disagreed.')
    for (const dissent of decision.dissent) {
      out.say(`${personLabel(dissent.name, null, dissent.agency)} did not agree. They said:`)
      out.quote(dissent.view)
    }
  }

  out.heading('The plan: who will do what, and by when')
  if (nextSteps.length === 0) out.say('No next steps were written down yet.')
  for (const step of nextSteps) {
    out.quote(step.what)
    const owner = step.agency === '' ? step.who : `${step.who}, ${step.agency}`
    out.aside(`Who: ${owner}. By: ${formatDate(Date.parse(`${step.due}T12:00:00Z`))}.`)
  }

  out.heading('If something is wrong, or you want to complain')
  out.say(correctionsText)
}
