// A realistic conference for record tests and samples: 60 items in all seven sections from seven people, two
// danger statements with safety goals and a family view, a revealed scaling round of five, next steps (one
// overdue), apologies and a decision with dissent — written by real clients and the real API.
import { expect } from 'vitest'
import {
  addDangerStatement,
  addNextStep,
  addNote,
  readConference,
  readMap,
  recordDecision,
  setApologies,
  setFamilyView,
  setSafetyGoal,
  updateNextStep,
} from '@mapboard/map-model'
import type { NoteKind, RecordedBy, ZoneId } from '@mapboard/map-model'
import type { CreateMapResponse, JoinResponse } from '@mapboard/protocol'
import { connectClient, joinAs, noteAuthor, waitFor } from '@mapboard/test-kit'
import type { TestClient } from '@mapboard/test-kit'
import type { TestServer } from '@mapboard/server/testing'
import { api } from './api.ts'

export const ACCENTED_NAME = 'Zoë Łukasz-Nowak'

export interface SampleConference {
  map: CreateMapResponse
  chair: JoinResponse
  socialWorker: JoinResponse
  viewer: JoinResponse
  mum: JoinResponse
  /** Every note text, in the order written. */
  noteTexts: string[]
  scalingReasons: string[]
  decisionReasons: string
  /** Open clients; the caller destroys them. */
  clients: TestClient[]
}

type Who = 'chair' | 'sw' | 'teacher' | 'hv' | 'police' | 'mum' | 'dad'
type Item = [Who, ZoneId, NoteKind, string, string]

const ITEMS: Item[] = [
  [
    'police',
    'past-harm',
    'fact',
    'Police were called to the family home on 3 March after neighbours heard shouting and a child crying.',
    'Police incident log 3 March',
  ],
  [
    'sw',
    'past-harm',
    'observation',
    'Maya (6) had a bruise on her upper arm when seen at home on 5 March; she said she fell off the sofa.',
    'Home visit, social worker',
  ],
  [
    'teacher',
    'past-harm',
    'fact',
    'Maya missed 18 school days last term, 11 of them without a reason given.',
    'School attendance records',
  ],
  [
    'hv',
    'past-harm',
    'observation',
    'Leo (14 months) was behind with his immunisations and missed two health reviews.',
    'Health visiting records',
  ],
  [
    'police',
    'past-harm',
    'allegation',
    'A neighbour reported that the children were left alone overnight in February.',
    'Neighbour, reported to police',
  ],
  [
    'sw',
    'past-harm',
    'fact',
    'Two earlier referrals, in 2024 and 2025, about home conditions; both closed after advice.',
    'Children’s social care records',
  ],
  [
    'mum',
    'past-harm',
    'opinion',
    'The bruise happened when Maya fell; nobody hurt her.',
    'Mum, at this meeting',
  ],
  [
    'teacher',
    'past-harm',
    'observation',
    'Maya has come to school hungry on several mornings and asked staff for food.',
    'Class teacher',
  ],
  [
    'sw',
    'future-danger',
    'opinion',
    'If the arguments at home carry on, Maya and Leo could be hurt when adults lose their temper.',
    'Social worker assessment',
  ],
  [
    'police',
    'future-danger',
    'opinion',
    'Further incidents of domestic abuse are likely without support for both parents.',
    'Police risk assessment',
  ],
  [
    'hv',
    'future-danger',
    'opinion',
    'Leo may not get the health care he needs if appointments keep being missed.',
    'Health visitor',
  ],
  [
    'teacher',
    'future-danger',
    'opinion',
    'Maya’s learning will fall further behind if she keeps missing school.',
    'School',
  ],
  [
    'sw',
    'future-danger',
    'observation',
    'Maya says she hides in her room with Leo when the shouting starts.',
    'Maya, talking with the social worker',
  ],
  [
    'dad',
    'future-danger',
    'opinion',
    'We argue like any couple; the children are not in danger.',
    'Dad, at this meeting',
  ],
  [
    'sw',
    'complicating-factors',
    'fact',
    'Dad lost his job in January and the family is behind with rent.',
    'Dad, told the social worker',
  ],
  [
    'hv',
    'complicating-factors',
    'observation',
    'Mum told me she feels low most days and is not sleeping.',
    'Health visitor, home visit',
  ],
  [
    'police',
    'complicating-factors',
    'fact',
    'Dad has a caution for criminal damage from 2023.',
    'Police national computer',
  ],
  [
    'sw',
    'complicating-factors',
    'observation',
    'The family has no relatives nearby; grandparents live in Gdańsk.',
    'Family, told the social worker',
  ],
  [
    'mum',
    'complicating-factors',
    'fact',
    'The flat is damp and the boiler has been broken since December.',
    'Mum',
  ],
  [
    'teacher',
    'complicating-factors',
    'observation',
    'Maya is anxious at drop-off and does not want to leave her mum.',
    'Class teacher',
  ],
  [
    'sw',
    'complicating-factors',
    'opinion',
    'Money worries seem to set off most of the arguments.',
    'Social worker',
  ],
  [
    'hv',
    'complicating-factors',
    'fact',
    'Mum stopped her antidepressants in February.',
    'GP letter shared with the health visitor',
  ],
  [
    'teacher',
    'existing-strengths',
    'observation',
    'Maya is proud of her reading and talks warmly about her mum helping her.',
    'Class teacher',
  ],
  ['mum', 'existing-strengths', 'fact', 'I walk Maya to school myself most days.', 'Mum'],
  [
    'hv',
    'existing-strengths',
    'observation',
    'Leo is a happy, well-attached baby who goes to mum for comfort.',
    'Health visitor',
  ],
  [
    'dad',
    'existing-strengths',
    'fact',
    'I take Leo to the park every afternoon while Maya is at school.',
    'Dad',
  ],
  [
    'sw',
    'existing-strengths',
    'observation',
    'Both parents clearly love the children and want to work with us.',
    'Social worker',
  ],
  [
    'mum',
    'existing-strengths',
    'opinion',
    `My aunt ${ACCENTED_NAME} says the children can stay with her in an emergency.`,
    'Mum',
  ],
  [
    'teacher',
    'existing-strengths',
    'fact',
    'Maya’s attendance has been 96% since half term.',
    'School attendance records',
  ],
  ['dad', 'existing-strengths', 'fact', 'I have started a job search course at the job centre.', 'Dad'],
  [
    'hv',
    'existing-strengths',
    'observation',
    'Mum took Leo to his catch-up immunisations last week.',
    'Health visiting records',
  ],
  [
    'sw',
    'existing-strengths',
    'observation',
    'The home was clean and warm at the unannounced visit on 20 March.',
    'Home visit, social worker',
  ],
  ['mum', 'existing-safety', 'fact', 'When we argue now, Dad goes for a walk until he is calm.', 'Mum'],
  [
    'sw',
    'existing-safety',
    'observation',
    'Maya knows to call her aunt if she is scared, and has her number.',
    'Maya, talking with the social worker',
  ],
  [
    'teacher',
    'existing-safety',
    'fact',
    'Maya has a trusted adult at school she checks in with each morning.',
    'School',
  ],
  [
    'hv',
    'existing-safety',
    'observation',
    'Mum has registered with the GP again and booked an appointment about her mood.',
    'Health visitor',
  ],
  [
    'dad',
    'existing-safety',
    'fact',
    'I have agreed to go to the domestic abuse perpetrator programme.',
    'Dad',
  ],
  [
    'police',
    'existing-safety',
    'fact',
    'No police call-outs to the address since 3 March.',
    'Police incident log',
  ],
  [
    'sw',
    'existing-safety',
    'observation',
    'The aunt has visited twice a week since March and the children know her well.',
    'Social worker',
  ],
  [
    'sw',
    'safety-goals',
    'opinion',
    'Maya and Leo live in a home where adults sort out disagreements without shouting or hurting anyone.',
    'Social worker',
  ],
  [
    'hv',
    'safety-goals',
    'opinion',
    'Leo has all his health checks and immunisations on time.',
    'Health visitor',
  ],
  ['teacher', 'safety-goals', 'opinion', 'Maya is in school every day, on time, with breakfast.', 'School'],
  ['mum', 'safety-goals', 'opinion', 'We want to be a family where the children feel safe and happy.', 'Mum'],
  [
    'sw',
    'safety-goals',
    'opinion',
    'There is a safety network of at least four adults who know the worries and check in weekly.',
    'Social worker',
  ],
  ['police', 'safety-goals', 'opinion', 'No further incidents reported to police for six months.', 'Police'],
  ['dad', 'safety-goals', 'opinion', 'I want to finish the programme and show I can stay calm.', 'Dad'],
  [
    'hv',
    'safety-goals',
    'opinion',
    'Mum has support for her mood and tells someone when she is struggling.',
    'Health visitor',
  ],
  [
    'teacher',
    'safety-goals',
    'opinion',
    'Maya tells her trusted adult at school that things at home are calm.',
    'School',
  ],
  [
    'sw',
    'next-steps',
    'fact',
    'Social worker to visit weekly, at least one visit unannounced.',
    'Agreed at this meeting',
  ],
  [
    'hv',
    'next-steps',
    'fact',
    'Health visitor to see Leo fortnightly and book his 15-month review.',
    'Agreed at this meeting',
  ],
  [
    'teacher',
    'next-steps',
    'fact',
    'School to offer Maya a breakfast club place from Monday.',
    'Agreed at this meeting',
  ],
  [
    'dad',
    'next-steps',
    'fact',
    'Dad to start the perpetrator programme on 14 April.',
    'Agreed at this meeting',
  ],
  ['mum', 'next-steps', 'fact', 'Mum to see the GP about her mood this month.', 'Agreed at this meeting'],
  [
    'sw',
    'next-steps',
    'fact',
    'Family network meeting with the aunt and grandparents (by video) within four weeks.',
    'Agreed at this meeting',
  ],
  [
    'police',
    'next-steps',
    'fact',
    'Police to share any call-outs with the social worker within 24 hours.',
    'Agreed at this meeting',
  ],
  ['chair', 'next-steps', 'fact', 'Review conference in three months.', 'Chair'],
  [
    'sw',
    'next-steps',
    'fact',
    'Housing referral about the damp flat and the broken boiler.',
    'Agreed at this meeting',
  ],
  [
    'hv',
    'past-harm',
    'observation',
    'Leo’s weight dropped from the 50th to the 25th centile between 6 and 12 months.',
    'Health visiting growth chart',
  ],
  [
    'chair',
    'complicating-factors',
    'observation',
    'Interpreting: Dad prefers to talk in Polish for detailed discussions.',
    'Chair',
  ],
  [
    'police',
    'existing-safety',
    'observation',
    'Both parents engaged well with the officer at the follow-up visit.',
    'Police follow-up visit',
  ],
]

const recordedBy = (who: JoinResponse): RecordedBy => ({
  participantId: who.participant.id,
  name: who.participant.name,
  agency: who.participant.agency,
})

export async function buildSampleConference(s: TestServer): Promise<SampleConference> {
  const map = await s.createMap('Initial child protection conference — Maya and Leo Brown')
  const people: Record<Who, JoinResponse> = {
    chair: await joinAs(s, map.links.chair, { name: ACCENTED_NAME, agency: 'Independent Reviewing Service' }),
    sw: await joinAs(s, map.links.professional, { name: 'Sam Okafor', agency: 'Children’s Social Care' }),
    teacher: await joinAs(s, map.links.professional, { name: 'Ms Reid', agency: 'Ellis Primary School' }),
    hv: await joinAs(s, map.links.professional, { name: 'Priya Shah', agency: 'Health Visiting Service' }),
    police: await joinAs(s, map.links.professional, {
      name: 'DC Tom Hughes',
      agency: 'Police Public Protection Unit',
    }),
    mum: await joinAs(s, map.links.family, { name: 'Kayleigh Brown' }),
    dad: await joinAs(s, map.links.family, { name: 'Dmitri Brown' }),
  }
  const viewer = await joinAs(s, map.links.viewer, { name: 'Student social worker' })
  const clients = new Map<Who, TestClient>()
  for (const who of Object.keys(people) as Who[]) clients.set(who, connectClient(s, map.id, people[who]))
  const viewing = connectClient(s, map.id, viewer)
  await Promise.all([...clients.values(), viewing].map((client) => client.synced))
  const docOf = (who: Who) => {
    const client = clients.get(who)
    if (client === undefined) throw new Error(`no client for ${who}`)
    return client.doc
  }

  for (const [who, zone, kind, text, source] of ITEMS) {
    addNote(docOf(who), { zone, text, kind, source, ...noteAuthor(people[who]) })
  }
  const sw = docOf('sw')
  const dangerOne = addDangerStatement(
    sw,
    {
      who: 'The social worker, the school and the police',
      worry: 'that Maya and Leo see and hear their parents shouting and fighting, and Maya has been hurt',
      outcome: 'Maya or Leo could be badly hurt, and grow up frightened at home',
    },
    recordedBy(people.sw),
  )
  const dangerTwo = addDangerStatement(
    sw,
    {
      who: 'The health visitor and the school',
      worry: 'that Leo misses his health care and Maya comes to school hungry and misses days',
      outcome: 'the children’s health and learning will suffer and nobody will notice when things get worse',
    },
    recordedBy(people.sw),
  )
  setSafetyGoal(
    sw,
    dangerOne,
    {
      parents: 'sort out disagreements calmly, away from the children, and ask for help early',
      child: 'feel safe at home and know who to call',
      professionals: 'no incidents for six months and Maya telling school things are calm',
    },
    recordedBy(people.sw),
  )
  setSafetyGoal(
    sw,
    dangerTwo,
    {
      parents: 'keep every health appointment and get Maya to school with breakfast',
      child: 'be healthy, growing well and learning',
      professionals: 'full attendance and Leo’s checks up to date',
    },
    recordedBy(people.sw),
  )
  await waitFor(() => readConference(docOf('mum')).dangers.length === 2, 10_000, {
    message: 'the danger statements did not reach the family',
  })
  setFamilyView(
    docOf('mum'),
    dangerOne,
    'We do argue but we have never hurt the children. Dmitri is going to the programme and we want help with money.',
    recordedBy(people.mum),
  )
  const today = new Date().toISOString().slice(0, 10)
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
  addNextStep(
    sw,
    {
      what: 'Weekly visits, at least one unannounced',
      who: 'Sam Okafor',
      agency: 'Children’s Social Care',
      due: inDays(7),
    },
    recordedBy(people.sw),
  )
  addNextStep(
    sw,
    {
      what: 'Family network meeting with the aunt',
      who: 'Sam Okafor',
      agency: 'Children’s Social Care',
      due: inDays(28),
    },
    recordedBy(people.sw),
  )
  addNextStep(
    sw,
    { what: 'Start the perpetrator programme', who: 'Dmitri Brown', agency: '', due: inDays(14) },
    recordedBy(people.sw),
  )
  // Already late on the day of the record: the record marks it overdue.
  addNextStep(
    sw,
    {
      what: 'Send the housing referral',
      who: 'Sam Okafor',
      agency: 'Children’s Social Care',
      due: inDays(-3),
    },
    recordedBy(people.sw),
  )
  const booked = addNextStep(
    sw,
    { what: 'Book Leo’s 15-month review', who: 'Priya Shah', agency: 'Health Visiting Service', due: today },
    recordedBy(people.sw),
  )
  updateNextStep(sw, booked, { done: true }, recordedBy(people.sw))
  setApologies(docOf('chair'), [
    { name: 'Dr Ewa Kowalczyk', role: 'professional', agency: 'Riverside Surgery' },
  ])
  docOf('chair').getMap('meta').set('conferenceType', 'Initial child protection conference')

  await waitFor(
    () => {
      const room = s.app.rooms.getLoaded(map.id)
      return (
        room !== undefined &&
        room.read(readMap).notes.length === ITEMS.length &&
        room.read(readConference).nextSteps.length === 5
      )
    },
    10_000,
    { message: 'the sample did not reach the server' },
  )

  // A blind scaling round about the first danger statement, five people, revealed.
  const opened = await api(s.url, 'POST', `/api/maps/${map.id}/scaling`, people.chair.token, {
    subject: { dangerId: dangerOne },
    chairScales: true,
  })
  expect(opened.status, JSON.stringify(opened.body)).toBe(201)
  const { roundId } = opened.body as { roundId: string }
  const answers: Array<[Who, number, string]> = [
    [
      'chair',
      4,
      'Real worries about the fighting, but both parents are engaging and the network is growing.',
    ],
    ['sw', 3, 'The incidents were serious and the programme has not started yet.'],
    ['teacher', 5, 'Maya’s attendance is much better and she seems happier at school.'],
    ['mum', 8, 'We have changed a lot since March and the children are fine.'],
    ['dad', 7, 'I walk away now when I get angry, and I have signed up for the course.'],
  ]
  for (const [who, score, reason] of answers) {
    const answer = await api(
      s.url,
      'PUT',
      `/api/maps/${map.id}/scaling/${roundId}/submission`,
      people[who].token,
      {
        score,
        reason,
      },
    )
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  }
  const revealed = await api(
    s.url,
    'POST',
    `/api/maps/${map.id}/scaling/${roundId}/reveal`,
    people.chair.token,
  )
  expect(revealed.status).toBe(200)

  // And a round about the map overall, which the judgement band of the picture shows.
  const overall = await api(s.url, 'POST', `/api/maps/${map.id}/scaling`, people.chair.token, {
    subject: 'overall',
    chairScales: false,
  })
  expect(overall.status, JSON.stringify(overall.body)).toBe(201)
  const overallId = (overall.body as { roundId: string }).roundId
  const overallAnswers: Array<[Who, number, string]> = [
    ['sw', 3, 'Overall the risks are still high until the programme starts.'],
    ['teacher', 4, 'Overall school sees steady progress.'],
    ['mum', 7, 'Overall we are doing much better as a family.'],
  ]
  for (const [who, score, reason] of overallAnswers) {
    const path = `/api/maps/${map.id}/scaling/${overallId}/submission`
    const answer = await api(s.url, 'PUT', path, people[who].token, { score, reason })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  }
  const path = `/api/maps/${map.id}/scaling/${overallId}/reveal`
  expect((await api(s.url, 'POST', path, people.chair.token)).status).toBe(200)

  const decisionReasons =
    'The worries about domestic abuse and neglect of the children’s health and schooling are serious and recent; ' +
    'the parents are engaging, and a plan gives them a clear chance to show the changes.'
  recordDecision(docOf('chair'), {
    outcome: 'cp-plan',
    category: 'neglect',
    reasons: decisionReasons,
    agencyViews: [
      { agency: 'Children’s Social Care', view: 'Agrees with a Child Protection Plan' },
      { agency: 'Ellis Primary School', view: 'Agrees with a Child Protection Plan' },
      { agency: 'Police Public Protection Unit', view: 'Agrees with a Child Protection Plan' },
      { agency: 'Health Visiting Service', view: 'Would prefer a Child in Need Plan' },
    ],
    dissent: [
      {
        name: 'Priya Shah',
        agency: 'Health Visiting Service',
        view: 'Mum is engaging well with health; a Child in Need Plan would be enough.',
      },
    ],
  })
  // The teacher leaves before the end: the record lists her as attended and left.
  clients.get('teacher')?.destroy()
  clients.delete('teacher')
  await waitFor(
    () => {
      const room = s.app.rooms.getLoaded(map.id)
      if (room === undefined) return false
      const conference = room.read(readConference)
      return conference.decision !== null && conference.attendance.some((entry) => !entry.present)
    },
    10_000,
    { message: 'the decision did not reach the server' },
  )

  return {
    map,
    chair: people.chair,
    socialWorker: people.sw,
    viewer,
    mum: people.mum,
    noteTexts: ITEMS.map((item) => item[3]),
    scalingReasons: [...answers, ...overallAnswers].map((answer) => answer[2]),
    decisionReasons,
    clients: [...clients.values(), viewing],
  }
}
