// The written record, after the map page: every part product.md's "The record" lists, as real text that flows
// over as many A4 pages as it needs.
import { COLUMNS, SCALING_QUESTION, isOverdue, zoneLabel } from '@mapboard/map-model'
import type { NoteSnapshot, ScalingRound } from '@mapboard/map-model'
import type { FontWeight } from './fonts.ts'
import { INK, INK_MUTED } from './mapPalette.ts'
import { pdfFontName } from './pdfFonts.ts'
import { PROFESSIONALS_BANNER, RESTRICTED_MARK } from './RecordSnapshot.ts'
import type { RecordSnapshot } from './RecordSnapshot.ts'
import {
  categoryLabel,
  formatClock,
  formatDate,
  formatDateTime,
  isoDay,
  kindLabel,
  outcomeLabel,
  personLabel,
  subjectLabel,
} from './recordWords.ts'

/** Writes text in the flow of the document, breaking pages as pdfkit does. */
class RecordWriter {
  constructor(
    readonly pdf: PDFKit.PDFDocument,
    readonly width: number,
  ) {}

  #write(text: string, weight: FontWeight, size: number, colour: string, gapAfter: number, indent = 0): void {
    this.pdf
      .font(pdfFontName(weight))
      .fontSize(size)
      .fillColor(colour)
      .text(text, this.pdf.page.margins.left + indent, this.pdf.y, { width: this.width - indent })
    this.pdf.y += gapAfter
  }

  /** Starts a new page if less than `space` points are left on this one (a heading keeps its first lines). */
  keep(space: number): void {
    if (this.pdf.y + space > this.pdf.page.height - this.pdf.page.margins.bottom) this.pdf.addPage()
  }

  title(text: string): void {
    this.#write(text, 'bold', 20, INK, 6)
  }

  heading(text: string): void {
    this.pdf.y += 10
    this.keep(90)
    this.#write(text, 'bold', 15, INK, 4)
  }

  subheading(text: string): void {
    this.pdf.y += 4
    this.keep(60)
    this.#write(text, 'semibold', 11.5, INK, 2)
  }

  paragraph(text: string, indent = 0): void {
    this.#write(text, 'regular', 10.5, INK, 2, indent)
  }

  detail(text: string, indent = 0): void {
    this.#write(text, 'regular', 9, INK_MUTED, 5, indent)
  }

  field(label: string, value: string): void {
    this.pdf
      .font(pdfFontName('semibold'))
      .fontSize(10.5)
      .fillColor(INK)
      .text(`${label}: `, this.pdf.page.margins.left, this.pdf.y, { width: this.width, continued: true })
      .font(pdfFontName('regular'))
      .text(value)
    this.pdf.y += 1
  }
}

export function writeRecordText(pdf: PDFKit.PDFDocument, record: RecordSnapshot): void {
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right
  const out = new RecordWriter(pdf, width)
  writeHeader(out, record)
  writeAttendance(out, record)
  writeSections(out, record)
  writeInformation(out, record)
  writeDangers(out, record)
  writeScaling(out, record)
  writeNextSteps(out, record)
  writeDecision(out, record)
}

function writeHeader(out: RecordWriter, record: RecordSnapshot): void {
  out.title(record.title)
  out.field('Date', formatDate(record.date))
  out.field('Conference type', record.conferenceType)
  out.field(
    'Chair',
    record.chair === null ? 'Not recorded' : personLabel(record.chair.name, null, record.chair.agency),
  )
  out.field(
    'Audience',
    record.restricted === null
      ? 'The shared map: what every participant, the family included, could see. Professionals-only material is not in this record.'
      : `${PROFESSIONALS_BANNER}. The shared map and the professionals' document; each item from the professionals' document is marked “${RESTRICTED_MARK}”.`,
  )
  out.field(
    'Generated',
    `${formatDateTime(record.generatedAt)} by ${personLabel(record.generatedBy.name, record.generatedBy.role, record.generatedBy.agency)}`,
  )
  if (record.restricted === null) {
    out.field('Document version', `${record.documentVersion} (SHA-256 on the last page)`)
  } else {
    out.field(
      'Document versions',
      `shared ${record.documentVersion}, professionals' ${record.restricted.documentVersion} (SHA-256 of each on the last page)`,
    )
  }
}

function writeAttendance(out: RecordWriter, record: RecordSnapshot): void {
  const { attendance, apologies } = record.conference
  out.heading('Attendance')
  const present = attendance.filter((entry) => entry.present)
  const left = attendance.filter((entry) => !entry.present)
  out.subheading(`Present at the time of this record (${present.length})`)
  if (present.length === 0) out.detail('Nobody was connected.')
  for (const entry of present) {
    out.paragraph(
      `${personLabel(entry.name, entry.role, entry.agency)}, joined ${formatClock(entry.joinedAt)}`,
    )
  }
  out.subheading(`Attended and left (${left.length})`)
  if (left.length === 0) out.detail('Nobody.')
  for (const entry of left) {
    const leftAt = entry.leftAt === null ? '' : `, left ${formatClock(entry.leftAt)}`
    out.paragraph(
      `${personLabel(entry.name, entry.role, entry.agency)}, joined ${formatClock(entry.joinedAt)}${leftAt}`,
    )
  }
  out.subheading(`Apologies (${apologies.length})`)
  if (apologies.length === 0) out.detail('None recorded.')
  for (const apology of apologies) out.paragraph(personLabel(apology.name, apology.role, apology.agency))
  writeClosedSessions(out, record)
}

/**
 * When the professionals talked without the family, and who was there — in both records, so the family's says it
 * happened; what was said is in the professionals' document, so only in the professionals' record.
 */
function writeClosedSessions(out: RecordWriter, record: RecordSnapshot): void {
  const { closedSessions } = record.conference
  out.subheading(`Closed sessions (${closedSessions.length})`)
  if (closedSessions.length === 0) out.detail('None held.')
  for (const session of closedSessions) {
    const until = session.endedAt === null ? 'still under way' : `until ${formatClock(session.endedAt)}`
    const who = session.attendees.map((person) => personLabel(person.name, person.role, person.agency))
    out.paragraph(
      `From ${formatClock(session.startedAt)} ${until}, started by ${session.startedBy.name}. ` +
        `Attended by ${who.length === 0 ? 'nobody recorded' : who.join('; ')}.`,
    )
  }
}

function noteDetails(note: NoteSnapshot): string {
  const source = note.source === '' ? 'Source not given' : `Source: ${note.source}`
  const author =
    note.author === ''
      ? 'author not recorded'
      : note.agency === ''
        ? note.author
        : `${note.author}, ${note.agency}`
  const when = note.createdAt > 0 ? ` · ${formatDateTime(note.createdAt)}` : ''
  return `${kindLabel(note.kind)} · ${source} · Added by ${author}${when}`
}

function writeSections(out: RecordWriter, record: RecordSnapshot): void {
  const restricted = new Set(record.restricted?.noteIds ?? [])
  // A withdrawn note is not part of the map any more, but it was seen: it is listed apart, with the reason.
  const current = record.map.notes.filter((note) => note.withdrawal === undefined)
  for (const column of COLUMNS) {
    out.heading(column.label)
    for (const zone of column.zones) {
      const notes = current.filter((note) => note.zone === zone)
      const locked = record.map.locks.includes(zone) ? ' · locked' : ''
      out.subheading(`${zoneLabel(zone)} (${notes.length} ${notes.length === 1 ? 'item' : 'items'}${locked})`)
      if (notes.length === 0) out.detail('No items.')
      notes.forEach((note, index) => {
        out.keep(40)
        const mark = restricted.has(note.id) ? `[${RESTRICTED_MARK}] ` : ''
        out.paragraph(`${index + 1}. ${mark}${note.text}`)
        out.detail(noteDetails(note), 14)
        const seen = familySeenLine(record, note)
        if (seen !== null) out.detail(seen, 14)
        if (note.sharing !== undefined) {
          out.detail(`Shared with the family on ${formatDateTime(note.sharing.at)} by ${note.sharing.by}`, 14)
        }
      })
    }
  }
  writeWithdrawn(out, record)
}

function writeWithdrawn(out: RecordWriter, record: RecordSnapshot): void {
  const withdrawn = record.map.notes.filter((note) => note.withdrawal !== undefined)
  out.heading(`Withdrawn items (${withdrawn.length})`)
  if (withdrawn.length === 0) out.detail('None: no item was withdrawn.')
  withdrawn.forEach((note, index) => {
    const { withdrawal } = note
    if (withdrawal === undefined) return
    out.keep(40)
    out.paragraph(`${index + 1}. [Withdrawn] ${note.text}`)
    out.detail(`${zoneLabel(note.zone)} · ${noteDetails(note)}`, 14)
    out.detail(`Withdrawn by ${withdrawal.by} on ${formatDateTime(withdrawal.at)}: ${withdrawal.reason}`, 14)
  })
}

/** Fair process: what was shared after the reports deadline, and what was new at the conference, with its times. */
function writeInformation(out: RecordWriter, record: RecordSnapshot): void {
  const { schedule } = record.conference
  const { deadline, late } = record.information
  const fresh = record.information.new
  out.heading('When information was shared')
  if (schedule === null || deadline === null) {
    out.detail('The conference’s date and time were not set, so no item is marked as late or new.')
    writeFamilySeenCount(out, record)
    return
  }
  out.field('Conference started', formatDateTime(schedule.startsAt))
  out.field('Reports were due', formatDateTime(deadline))
  writeFamilySeenCount(out, record)
  const restricted = new Set(record.restricted?.noteIds ?? [])
  const list = (title: string, notes: readonly NoteSnapshot[], none: string): void => {
    out.subheading(`${title} (${notes.length} ${notes.length === 1 ? 'item' : 'items'})`)
    if (notes.length === 0) out.detail(none)
    notes.forEach((note, index) => {
      out.keep(40)
      const mark = restricted.has(note.id) ? `[${RESTRICTED_MARK}] ` : ''
      out.paragraph(`${index + 1}. ${mark}${note.text}`)
      out.detail(
        `Received ${formatDateTime(note.receivedAt)} · ${zoneLabel(note.zone)} · ${noteDetails(note)}`,
        14,
      )
      const seen = familySeenLine(record, note)
      if (seen !== null) out.detail(seen, 14)
    })
  }
  list('Shared late', late, 'Nothing was shared after the reports deadline.')
  list('New at the conference', fresh, 'Nothing new was added once the conference had started.')
}

/**
 * Whether the family saw a note before the conference (decision 0039): null for a note the family never receives
 * (professionals only) or when the record was made without the family's visits.
 */
function familySeenLine(record: RecordSnapshot, note: NoteSnapshot): string | null {
  if (record.familySeen === null || !record.familySeen.has(note.id)) return null
  const seenAt = record.familySeen.get(note.id) ?? null
  if (record.conference.schedule === null) {
    return seenAt === null ? 'Not seen by the family yet' : `Seen by the family: ${formatDateTime(seenAt)}`
  }
  return seenAt === null
    ? 'Not seen by the family before the conference'
    : `Seen by the family before the conference: ${formatDateTime(seenAt)}`
}

/** How many of the items the family receives they had opened the map to see, before the conference. */
function writeFamilySeenCount(out: RecordWriter, record: RecordSnapshot): void {
  if (record.familySeen === null) return
  const current = new Set(
    record.map.notes.filter((note) => note.withdrawal === undefined).map((note) => note.id),
  )
  const answers = [...record.familySeen].filter(([id]) => current.has(id))
  const seen = answers.filter(([, at]) => at !== null).length
  const label =
    record.conference.schedule === null ? 'Seen by the family' : 'Seen by the family before the conference'
  out.field(label, `${seen} of ${answers.length} ${answers.length === 1 ? 'item' : 'items'} shared with them`)
  out.detail(
    'An item counts as seen once a family member opened the map after the server received it. Opening the map is what the server can know; it cannot tell whether they read the item.',
  )
}

function roundNumber(record: RecordSnapshot, round: ScalingRound): number {
  return record.conference.rounds.indexOf(round) + 1
}

function dangerNumberOf(record: RecordSnapshot): (id: string) => number | undefined {
  return (id) => record.conference.dangers.find((danger) => danger.id === id)?.number
}

function writeDangers(out: RecordWriter, record: RecordSnapshot): void {
  const { dangers, goals, familyViews, rounds } = record.conference
  out.heading('Danger statements and safety goals')
  if (dangers.length === 0) out.detail('No danger statements were recorded.')
  for (const danger of dangers) {
    out.subheading(`Danger statement ${danger.number}`)
    out.paragraph(danger.text)
    out.detail(`Recorded by ${personLabel(danger.recordedBy.name, null, danger.recordedBy.agency)}`, 14)
    const goal = goals[danger.id]
    out.subheading(`Safety goal paired with danger statement ${danger.number}`)
    if (goal === undefined) out.detail('No safety goal recorded.')
    else {
      out.paragraph(goal.text)
      out.detail(`Recorded by ${personLabel(goal.recordedBy.name, null, goal.recordedBy.agency)}`, 14)
    }
    const view = familyViews[danger.id]
    out.subheading("The family's view")
    if (view === undefined) out.detail('The family did not record a different view.')
    else {
      out.paragraph(view.text)
      out.detail(`Recorded by ${personLabel(view.recordedBy.name, null, view.recordedBy.agency)}`, 14)
    }
    const scales = rounds.filter(
      (round) => round.subject.kind === 'danger' && round.subject.dangerId === danger.id,
    )
    out.subheading(`Scales about danger statement ${danger.number}`)
    if (scales.length === 0) out.detail('Not scaled.')
    for (const round of scales) {
      const scores = round.results.map((result) => result.score).join(', ')
      out.paragraph(
        round.status === 'revealed'
          ? `Scaling round ${roundNumber(record, round)}: ${scores === '' ? 'no answers' : scores} (reasons under Scaling)`
          : `Scaling round ${roundNumber(record, round)}: not revealed yet`,
      )
    }
  }
}

function writeScaling(out: RecordWriter, record: RecordSnapshot): void {
  out.heading('Scaling')
  out.detail(`The question, as asked: “${SCALING_QUESTION}”`)
  const { rounds } = record.conference
  if (rounds.length === 0) out.detail('No scaling rounds were held.')
  const dangerNumber = dangerNumberOf(record)
  rounds.forEach((round, index) => {
    out.subheading(`Scaling round ${index + 1}: ${subjectLabel(round.subject, dangerNumber)}`)
    if (round.status !== 'revealed') {
      out.detail(
        `Opened ${formatDateTime(round.openedAt)}; not revealed yet (${round.count} answered). Answers stay with the server until the chair reveals them, so none are in this record.`,
      )
      return
    }
    out.detail(
      `Opened ${formatDateTime(round.openedAt)}, revealed ${round.revealedAt === null ? '' : formatDateTime(round.revealedAt)}; ${round.results.length} answers${round.chairScales ? ', the chair scaling too' : ''}.`,
    )
    for (const result of round.results) {
      out.keep(30)
      out.paragraph(`${result.score} — ${personLabel(result.name, result.role, result.agency)}`)
      out.detail(`Reason: ${result.reason}`, 14)
    }
  })
}

function writeNextSteps(out: RecordWriter, record: RecordSnapshot): void {
  out.heading('Next steps')
  const today = isoDay(record.generatedAt)
  const { nextSteps } = record.conference
  if (nextSteps.length === 0) out.detail('No next steps were recorded.')
  nextSteps.forEach((step, index) => {
    out.keep(30)
    const state = step.done ? 'Done' : isOverdue(step, today) ? 'OVERDUE' : 'Open'
    out.paragraph(`${index + 1}. ${step.what}`)
    const owner = step.agency === '' ? step.who : `${step.who}, ${step.agency}`
    out.detail(
      `Owner: ${owner} · Due ${formatDate(Date.parse(`${step.due}T12:00:00Z`))} (${step.due}) · ${state}`,
      14,
    )
  })
}

function writeDecision(out: RecordWriter, record: RecordSnapshot): void {
  out.heading('Decision')
  const { decision } = record.conference
  if (decision === null) {
    out.detail('No decision has been recorded.')
    return
  }
  out.field('Decision', outcomeLabel(decision.outcome))
  if (decision.category !== null) out.field('Category', categoryLabel(decision.category))
  out.field('Recorded', formatDateTime(decision.recordedAt))
  out.subheading("The chair's reasons")
  out.paragraph(decision.reasons)
  out.subheading("Agencies' views")
  if (decision.agencyViews.length === 0) out.detail('None recorded.')
  for (const view of decision.agencyViews) out.paragraph(`${view.agency}: ${view.view}`)
  out.subheading('Dissent')
  if (decision.dissent.length === 0) out.detail('Nobody recorded dissent.')
  for (const dissent of decision.dissent) {
    out.paragraph(`${personLabel(dissent.name, null, dissent.agency)}: ${dissent.view}`)
  }
}
