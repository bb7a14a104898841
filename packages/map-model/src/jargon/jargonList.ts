// The plain-words list: terms and abbreviations of UK (England and Wales) child protection work, each with a
// plainer wording a parent would understand and a one-line explanation. en-GB spelling throughout.
//
// Rules for adding an entry (the tests check them): a term or spelling appears in one entry only; the plain
// wording contains no term of this list (so "Use plain words" never leaves new jargon behind); the explanation is
// one line. Abbreviations match only as written ("CIN", not "cin"), so ordinary words never hit; words and
// phrases match in any case. Spelled-out names that say what they are ("child protection plan", "review
// conference", "family group conference") are not jargon; their abbreviations are, and so are names that do not
// say what they are ("public law outline", "core group").
import { abbreviation, inPhrases, phrase } from './JargonEntry.ts'
import type { JargonEntry } from './JargonEntry.ts'

const SOCIAL_CARE: readonly JargonEntry[] = [
  abbreviation(
    's47',
    'child protection enquiry',
    "Children's services look into whether a child is being, or is likely to be, seriously harmed.",
    { exact: ['S47', 's.47', 'S.47', 's 47', 'S 47'], anyCase: ['section 47'] },
  ),
  phrase(
    'section 47 enquiry',
    'child protection enquiry',
    "Children's services' enquiry into whether a child is being, or is likely to be, seriously harmed.",
    {
      anyCase: [
        'section 47 investigation',
        's47 enquiry',
        's47 investigation',
        's.47 enquiry',
        's.47 investigation',
        's 47 enquiry',
      ],
    },
  ),
  abbreviation(
    's17',
    'help for a child in need',
    "The council's duty to give help to children who need it to be safe and healthy.",
    { exact: ['S17', 's.17', 'S.17', 's 17', 'S 17'], anyCase: ['section 17'] },
  ),
  abbreviation(
    's20',
    'care agreed by the parents',
    'A child is looked after by the council with the agreement of the parents, without a court order.',
    { exact: ['S20', 's.20', 'S.20', 's 20', 'S 20'], anyCase: ['section 20'] },
  ),
  abbreviation('s31', 'care order', 'The court order that places a child in the care of the council.', {
    exact: ['S31', 's.31', 'S.31'],
    anyCase: ['section 31'],
  }),
  abbreviation(
    's37',
    'report the court has asked the council to write',
    "The court asks the council to look into a child's situation and say whether it should apply for an order.",
    { exact: ['S37', 's.37', 'S.37'], anyCase: ['section 37'] },
  ),
  abbreviation(
    's7',
    "report for the court about the child's welfare",
    'A report the family court asks for before deciding where a child lives or who they see.',
    { exact: ['S7', 's.7', 'S.7'], anyCase: ['section 7 report'] },
  ),
  abbreviation('CP', 'child protection', 'Work to keep a child safe from serious harm.'),
  abbreviation(
    'CPP',
    'child protection plan',
    'The written plan of what everyone will do to keep the child safe, agreed at the conference.',
    { exact: ['CP plan', 'CPPlan'] },
  ),
  abbreviation(
    'CPC',
    'child protection conference',
    'The meeting where family and professionals share worries and decide whether a child needs a plan.',
  ),
  abbreviation(
    'ICPC',
    'first child protection conference',
    'The first meeting after the enquiry, where everyone decides whether the child needs a plan to keep them safe.',
  ),
  abbreviation(
    'RCPC',
    'review meeting about the child protection plan',
    'A later meeting to check how the plan is going and whether it is still needed.',
  ),
  abbreviation(
    'TCPC',
    'meeting when a family moves to a new council area',
    'A meeting held when a child on a plan moves to a new council area, so the new council can take over.',
    { anyCase: ['transfer-in conference', 'transfer in conference'] },
  ),
  abbreviation(
    'CIN',
    'child in need',
    'A child the council thinks needs extra help to be safe, healthy or to develop well.',
    { exact: ['CiN'] },
  ),
  abbreviation(
    'LAC',
    'child in care',
    'A child who is looked after by the council, living with foster carers, relatives or in a home.',
    {
      exact: ['CLA', 'CiC', 'CIC'],
      anyCase: ['looked after child', 'looked-after child', 'child looked after', 'looked after children'],
    },
  ),
  abbreviation(
    'LADO',
    'the council officer who looks into concerns about adults who work with children',
    'The Local Authority Designated Officer: the person who handles worries about staff or volunteers who work with children.',
  ),
  abbreviation(
    'MASH',
    'the team that first hears worries about a child',
    "The Multi-Agency Safeguarding Hub: police, health and children's services decide together what to do about a new worry.",
  ),
  abbreviation('NFA', 'no further action', 'Nobody will do anything more about this, for now.', {
    exact: ["NFA'd", 'NFAd', 'NFA-ed'],
  }),
  abbreviation(
    'IRO',
    'independent reviewing officer',
    'The person, independent of the social worker, who chairs meetings and checks the plan for a child in care.',
  ),
  abbreviation('SW', 'social worker', "The child's social worker."),
  abbreviation('TM', 'team manager', "The social worker's manager."),
  abbreviation(
    'CSC',
    "children's services",
    "The council's service for children and families (children's social care).",
  ),
  abbreviation('LA', 'the council', 'The local council (local authority).'),
  abbreviation(
    'EH',
    'extra help for the family, without social workers',
    'Support offered early, before worries become serious, usually by family workers, schools or health.',
    { anyCase: ['early help'] },
  ),
  abbreviation(
    'EHA',
    'a look at what help the family needs',
    'An early help assessment: a written look at what the family needs and who could help.',
    { anyCase: ['early help assessment'] },
  ),
  abbreviation(
    'CAF',
    'a look at what help the family needs',
    'The Common Assessment Framework: an older name for an early help assessment.',
    { anyCase: ['common assessment framework'] },
  ),
  abbreviation(
    'TAF',
    'the family, and the people helping them, meeting together',
    'Team Around the Family: meetings of the family and the workers who help them.',
    { anyCase: ['team around the family'] },
  ),
  abbreviation(
    'TAC',
    'the people helping the child, meeting together',
    'Team Around the Child: meetings of the family and the workers who help the child.',
    { anyCase: ['team around the child'] },
  ),
  abbreviation(
    'FGC',
    'family meeting to make a plan',
    'A meeting where the wider family makes its own plan to keep the child safe, with an independent coordinator.',
  ),
  phrase(
    'core group',
    'the group that meets between conferences to carry out the plan',
    'The parents, the child if old enough, and the main professionals, who meet regularly to put the plan into action.',
    { exact: ['CGM'], anyCase: ['core group meeting'] },
  ),
  phrase(
    'strategy discussion',
    'meeting of police, health and social workers about what to do next',
    'Police, health and social workers talk urgently about a worry and decide whether there should be an enquiry.',
    { anyCase: ['strategy meeting', 'strat meeting'] },
  ),
  inPhrases(
    'threshold',
    [
      'meets threshold',
      'met threshold',
      'meet threshold',
      'meeting threshold',
      'at threshold',
      'below threshold',
      'above threshold',
      'under threshold',
      'over threshold',
      'reached threshold',
      'threshold is met',
      'threshold was met',
      'threshold not met',
      'threshold has been met',
      'threshold criteria',
      'threshold of need',
      'threshold for significant harm',
      'threshold of significant harm',
      'safeguarding threshold',
      'statutory threshold',
      'threshold for intervention',
    ],
    'the level of worry at which the council must step in',
    'The point where worries about a child are serious enough for the council or the court to act.',
  ),
  phrase(
    'significant harm',
    'serious harm',
    'The legal test: harm to a child serious enough that the council must act.',
  ),
  phrase(
    'safeguarding',
    'keeping children safe',
    'Everything done to protect children from harm and help them grow up safely.',
  ),
  phrase(
    'single assessment',
    "social worker's look at the child's needs",
    "The social worker's written look at a child's needs, the family's strengths and the worries.",
    { anyCase: ['child and family assessment', 'C&F assessment'] },
  ),
  phrase(
    'core assessment',
    "social worker's detailed look at the child's needs",
    'An older name for a detailed assessment of a child and family by a social worker.',
  ),
  phrase(
    'parenting assessment',
    'a look at how the parents care for the child',
    'A set of meetings and observations to see how well the parents can care for the child.',
    { anyCase: ['PAMS assessment', 'parenting capacity assessment'] },
  ),
  abbreviation(
    'PAMS',
    'a way of assessing parents who may need extra support to learn',
    'Parent Assessment Manual Software: a way of assessing parents with a learning disability or difficulty.',
  ),
  phrase(
    'parenting capacity',
    'how well the parents can care for the child',
    "Whether parents can meet a child's needs, now and in the future.",
    { plural: false },
  ),
  phrase(
    'viability assessment',
    'first look at whether a relative could care for the child',
    'A short assessment of whether a family member or friend could care for the child.',
  ),
  phrase(
    'connected person',
    'relative or friend caring for the child',
    'A relative, friend or other person who knows the child and is approved to care for them.',
    { anyCase: ['connected persons', 'connected carer'], plural: false },
  ),
  phrase(
    'kinship care',
    'care by relatives or friends',
    'A child lives with a relative or family friend instead of their parents.',
    { anyCase: ['kinship carer', 'kinship carers'], plural: false },
  ),
  phrase(
    'private fostering',
    'a child living with someone who is not a close relative, arranged by the family',
    'A child under 16 lives for 28 days or more with an adult who is not a parent or close relative, by private arrangement.',
    { plural: false },
  ),
  phrase(
    'permanence',
    'a settled, lasting home',
    'Plans that give a child a stable home for the rest of their childhood.',
    { anyCase: ['permanency', 'permanence plan', 'permanency plan', 'permanence planning'], plural: false },
  ),
  phrase(
    'parallel planning',
    'planning for two possible futures at once',
    'Working towards the child going home while also planning another home in case that cannot happen.',
    { anyCase: ['twin tracking', 'twin-tracking', 'concurrent planning'], plural: false },
  ),
  phrase(
    'corporate parent',
    'the council as parent to children in its care',
    'The council and its staff have a duty to care for children in care as a good parent would.',
    { anyCase: ['corporate parenting'] },
  ),
  phrase(
    'pathway plan',
    'plan for leaving care',
    'A plan for a young person leaving care: where they will live, money, education and support.',
  ),
  phrase(
    'care leaver',
    'young person who has left care',
    'A young person who has been in care and is now moving to adult life; the council still has duties to them.',
  ),
  abbreviation(
    'PA',
    'leaving care adviser',
    'The personal adviser who supports a young person leaving care.',
  ),
  phrase(
    'placement',
    'where the child is living',
    'The home where a child in care lives, with foster carers, relatives or in a children’s home.',
    { anyCase: ['placement breakdown', 'placement move'] },
  ),
  abbreviation(
    'IFA',
    'fostering agency',
    'An independent fostering agency: a charity or company that recruits and supports foster carers.',
  ),
  abbreviation(
    'UASC',
    'child who came to the UK alone seeking safety',
    'An unaccompanied asylum-seeking child: under 18, claiming asylum, with no parent or carer in the UK.',
  ),
  abbreviation(
    'NRPF',
    'no right to most benefits',
    'No Recourse to Public Funds: an immigration rule that means most benefits and housing help cannot be claimed.',
  ),
  abbreviation('CWD', "children's disability team", 'The children with disabilities team of social workers.'),
  abbreviation('CYP', 'children and young people', 'Children and young people.'),
  abbreviation('YP', 'young person', 'A young person.'),
  phrase(
    'service user',
    'person being helped',
    'Someone who gets help from a service; here, usually the family.',
  ),
  abbreviation(
    'ISW',
    'independent social worker',
    'A social worker not employed by the council, often asked to do an assessment for the court.',
  ),
  phrase(
    'disguised compliance',
    'seeming to go along with the plan without really changing',
    'A worry that a parent appears to cooperate but things are not actually changing for the child.',
    { plural: false },
  ),
  phrase(
    'toxic trio',
    'domestic abuse, mental ill health and drug or alcohol misuse together',
    'An older phrase for when domestic abuse, mental ill health and substance use happen in the same family.',
    { plural: false },
  ),
  abbreviation(
    'ACEs',
    'hard things that happened in childhood',
    'Adverse childhood experiences: things like abuse, neglect or living with violence that can affect a child for life.',
    {
      exact: ['ACE'],
      anyCase: ['adverse childhood experiences', 'adverse childhood experience'],
      plural: false,
    },
  ),
  phrase(
    'chronology',
    'timeline of events',
    "A list, in date order, of important things that have happened in the child's life.",
  ),
  phrase('genogram', 'family tree', 'A drawing of the family tree showing who is related to whom.'),
  phrase(
    'ecomap',
    'drawing of who is important to the family',
    'A drawing of the people and services around the family and how close they are.',
    { anyCase: ['eco-map'] },
  ),
  phrase(
    'direct work',
    'time the social worker spends with the child',
    'Activities and conversations a worker has with the child to understand their views.',
    { plural: false },
  ),
  phrase(
    'voice of the child',
    'what the child says and feels',
    "The child's own views, wishes and feelings, which the meeting must hear.",
    { plural: false },
  ),
  phrase(
    'wishes and feelings',
    'what the child wants and how they feel',
    'What the child says they want and how they feel about what is happening.',
    { plural: false },
  ),
  phrase(
    'lived experience',
    'what daily life is like for the child',
    'What it is really like for the child, day to day, in their family.',
    { anyCase: ['lived experiences'], plural: false },
  ),
  phrase(
    'contingency plan',
    'what will happen if the plan does not work',
    'What everyone will do if things go wrong or the plan is not followed.',
  ),
  phrase(
    'de-plan',
    'end the child protection plan',
    'The conference decides the child no longer needs a child protection plan.',
    { anyCase: ['de-planned', 'deplan', 'deplanned', 'de-planning', 'deplanning'], plural: false },
  ),
  phrase(
    'step down',
    'move to less formal help',
    'The case moves to a lower level of help, for example from a child protection plan to a child in need plan.',
    { anyCase: ['stepped down', 'stepping down', 'step-down'], plural: false },
  ),
  phrase(
    'step up',
    'move to more formal help',
    'The case moves to a higher level, for example from early help to a social worker.',
    { anyCase: ['stepped up', 'stepping up', 'step-up'], plural: false },
  ),
  phrase('statutory', 'required by law', 'Something the law says must happen.', {
    anyCase: ['statutory visit', 'statutory visits', 'statutory services'],
    plural: false,
  }),
  abbreviation(
    'LSCP',
    'the local partnership that oversees keeping children safe',
    'The Local Safeguarding Children Partnership: the council, police and health working together across the area.',
    { exact: ['LSCB'] },
  ),
  abbreviation(
    'CSPR',
    'review to learn lessons after a child was seriously harmed',
    'A Child Safeguarding Practice Review looks at what agencies could have done better.',
    { exact: ['SCR'], anyCase: ['serious case review'] },
  ),
  abbreviation(
    'PR',
    'parental responsibility',
    'The legal rights and duties a parent has for a child, such as agreeing to medical treatment.',
  ),
  phrase(
    'Gillick competent',
    'old and mature enough to make this decision',
    'A child under 16 who understands enough to make their own decision, for example about medical treatment.',
    { anyCase: ['Gillick competence', 'Fraser guidelines', 'Fraser competent'], plural: false },
  ),
  phrase(
    'respite',
    'short breaks',
    'Planned short stays away from home to give the child and family a rest.',
    { anyCase: ['respite care'], plural: false },
  ),
  abbreviation('DOB', 'date of birth', 'Date of birth.', { exact: ['DoB', 'D.O.B.'] }),
  abbreviation('NOK', 'next of kin', 'The closest relative, to be contacted in an emergency.'),
  abbreviation(
    'NEET',
    'not in school, work or training',
    'A young person who is not in education, employment or training.',
  ),
  abbreviation('LD', 'learning disability', 'A learning disability.'),
  abbreviation('MH', 'mental health', 'Mental health.'),
]

const HEALTH: readonly JargonEntry[] = [
  abbreviation(
    'HV',
    'health visitor',
    'A nurse who visits families with babies and children under five at home.',
  ),
  abbreviation(
    'MW',
    'midwife',
    'A midwife, who cares for a mother and baby during pregnancy and after the birth.',
  ),
  abbreviation('GP', 'family doctor', 'The family doctor at the local surgery.'),
  abbreviation('A&E', 'hospital emergency department', 'The hospital accident and emergency department.', {
    exact: ['ED'],
  }),
  abbreviation(
    'CAMHS',
    "children's mental health service",
    'Child and Adolescent Mental Health Services: the NHS service for children with emotional or mental health difficulties.',
    { exact: ['CYPMHS'] },
  ),
  abbreviation(
    'CMHT',
    'adult mental health team',
    'The community mental health team that supports adults with mental ill health.',
  ),
  abbreviation(
    'SALT',
    'speech and language therapy',
    'Help for children who find talking, understanding or swallowing difficult.',
    { exact: ['SLT'] },
  ),
  abbreviation(
    'OT',
    'occupational therapist',
    'A therapist who helps with everyday skills and equipment at home or school.',
  ),
  abbreviation(
    'NAI',
    'an injury that may not have been an accident',
    'A non-accidental injury: doctors think the injury may have been caused on purpose.',
    { anyCase: ['non-accidental injury', 'non accidental injury'] },
  ),
  abbreviation(
    'SUDI',
    'sudden unexpected death of a baby',
    'Sudden unexpected death in infancy; safe sleep advice aims to prevent it.',
    { exact: ['SIDS'] },
  ),
  abbreviation(
    'FII',
    'a carer making up or causing illness in a child',
    'Fabricated or induced illness: a parent or carer exaggerates, invents or causes symptoms of illness in a child.',
  ),
  abbreviation(
    'FGM',
    'female genital mutilation (cutting)',
    "Cutting or injuring a girl's genitals for no medical reason; it is a crime in the UK.",
  ),
  abbreviation(
    'AHT',
    'head injury caused by shaking or hitting a baby',
    'Abusive head trauma: a serious head injury to a baby or young child caused on purpose.',
    { anyCase: ['shaken baby syndrome'] },
  ),
  phrase(
    'child protection medical',
    'a doctor’s check for signs of harm',
    "A children's doctor examines the child to see whether an injury or condition may have been caused by harm.",
    { anyCase: ['CP medical'] },
  ),
  phrase(
    'skeletal survey',
    'x-rays of the whole body',
    'A set of x-rays looking for broken bones, old or new, in a baby or young child.',
  ),
  phrase(
    'faltering growth',
    'not growing or gaining weight as expected',
    'The child is not gaining weight or growing as expected for their age.',
    { anyCase: ['failure to thrive', 'failing to thrive'], plural: false },
  ),
  phrase(
    'centile',
    'growth chart line',
    "A line on the growth chart comparing the child's weight or height with other children of the same age.",
    { anyCase: ['percentile'] },
  ),
  phrase('paediatrician', "children's doctor", 'A doctor who specialises in children.', {
    anyCase: ['paediatrics', 'paediatric'],
  }),
  phrase('antenatal', 'before the birth', 'During pregnancy, before the baby is born.', {
    anyCase: ['ante-natal', 'pre-birth'],
    plural: false,
  }),
  phrase('postnatal', 'after the birth', 'The weeks after a baby is born.', {
    anyCase: ['post-natal'],
    plural: false,
  }),
  abbreviation(
    'PND',
    'depression after having a baby',
    'Postnatal depression: low mood that can start in the year after birth.',
    { anyCase: ['postnatal depression', 'post-natal depression'] },
  ),
  abbreviation(
    'IHA',
    'first health check after coming into care',
    'The initial health assessment by a doctor when a child comes into care.',
    { exact: ['RHA'] },
  ),
  abbreviation('DNA', 'did not attend', 'The appointment was missed.', {
    exact: ["DNA'd", 'DNAd', 'DNAs', "DNA'ed"],
    plural: false,
  }),
  abbreviation(
    'WNB',
    'was not brought',
    'The child was not brought to the appointment (a child cannot take themselves).',
  ),
  abbreviation(
    'ASD',
    'autism',
    'Autism spectrum disorder (also called autism spectrum condition): a different way of experiencing the world.',
    { exact: ['ASC'] },
  ),
  abbreviation(
    'NAS',
    'withdrawal symptoms in a newborn baby',
    'Neonatal abstinence syndrome: a baby withdraws from drugs the mother took during pregnancy.',
  ),
  abbreviation(
    'FASD',
    'harm to a baby from alcohol in pregnancy',
    'Fetal alcohol spectrum disorder: lifelong difficulties caused by alcohol during pregnancy.',
  ),
  phrase('neonatal', 'newborn', 'About a baby in its first four weeks.', {
    exact: ['NNU', 'SCBU', 'NICU'],
    plural: false,
  }),
]

const SUBSTANCE_USE: readonly JargonEntry[] = [
  phrase('substance misuse', 'drug or alcohol use', 'Using drugs or alcohol in a way that causes harm.', {
    anyCase: ['substance use', 'substance abuse', 'substance misuser'],
    plural: false,
  }),
  abbreviation(
    'OST',
    'medicine that replaces heroin or similar drugs',
    'Opioid substitution therapy, such as methadone or buprenorphine, prescribed to help someone stop using opioids.',
  ),
  phrase(
    'methadone script',
    'methadone prescription',
    'A prescription for methadone, a medicine that replaces heroin.',
    { anyCase: ['on a script', 'subutex script', 'buprenorphine script'] },
  ),
  phrase(
    'Class A',
    'the most harmful illegal drugs',
    'Drugs like heroin, crack cocaine and cocaine, which the law treats most seriously.',
    { anyCase: ['Class A drugs', 'class B', 'class C'], plural: false },
  ),
  phrase(
    'hair strand test',
    'hair test for drugs or alcohol',
    'A laboratory test of a hair sample that shows drug or alcohol use over past months.',
    { anyCase: ['hair strand testing', 'hair strand tests', 'hair strand'], plural: false },
  ),
  phrase('toxicology', 'drug test results', 'Tests of blood, urine or hair for drugs or alcohol.', {
    anyCase: ['tox screen', 'toxicology screen'],
    plural: false,
  }),
  phrase(
    'harm reduction',
    'making drug or alcohol use less dangerous',
    'Advice and support to reduce the harm from drug or alcohol use, even before someone stops.',
    { plural: false },
  ),
  phrase(
    'cuckooing',
    "drug dealers taking over someone's home",
    "Criminals take over a vulnerable person's home to deal drugs from it.",
    { anyCase: ['cuckooed'], plural: false },
  ),
  phrase(
    'county lines',
    'gangs using children to carry drugs to other towns',
    'Gangs move drugs from cities to towns, often using children and young people to carry them.',
    { plural: false },
  ),
  abbreviation(
    'PWITS',
    'holding drugs to sell',
    'Possession with intent to supply: the crime of having drugs in order to sell or pass them on.',
  ),
]

const ABUSE_AND_EXPLOITATION: readonly JargonEntry[] = [
  abbreviation(
    'DA',
    'domestic abuse',
    'Violence, threats or controlling behaviour between partners or family members.',
    { exact: ['DA/DV'] },
  ),
  abbreviation('DV', 'domestic violence', 'Violence or threats between partners or family members.', {
    exact: ['DVA'],
  }),
  abbreviation(
    'CSE',
    'sexual exploitation of a child',
    'A child is tricked, pressured or forced into sexual activity, often in return for something.',
  ),
  abbreviation(
    'CCE',
    'criminal exploitation of a child',
    'A child is groomed or forced into crime, such as carrying drugs, by adults or older young people.',
  ),
  abbreviation(
    'CSA',
    'sexual abuse of a child',
    'Forcing or enticing a child into sexual activity, in person or online.',
  ),
  abbreviation(
    'HSB',
    'harmful sexual behaviour by a child',
    'Sexual behaviour by a child that is not right for their age or harms others.',
  ),
  abbreviation(
    'HBA',
    'abuse to protect so-called family honour',
    'Honour-based abuse: violence or control to stop someone bringing so-called shame on a family.',
    { exact: ['HBV'], anyCase: ['honour-based abuse', 'honour based violence', 'honour-based violence'] },
  ),
  abbreviation(
    'NRM',
    'the process for recognising victims of trafficking or modern slavery',
    'The National Referral Mechanism: the UK process for identifying and supporting victims of modern slavery.',
  ),
  abbreviation(
    'MARAC',
    'meeting about people at high risk of domestic abuse',
    'Multi-Agency Risk Assessment Conference: agencies plan together to protect someone at high risk of domestic abuse.',
  ),
  abbreviation(
    'DASH',
    'domestic abuse risk questions',
    'A checklist of questions to judge how much danger someone is in from domestic abuse.',
    { anyCase: ['DASH RIC', 'DASH risk assessment'] },
  ),
  abbreviation(
    'IDVA',
    'domestic abuse support worker',
    'An independent domestic violence adviser who supports people at high risk of domestic abuse.',
  ),
  abbreviation(
    'ISVA',
    'sexual violence support worker',
    'An independent sexual violence adviser who supports people who have been raped or sexually assaulted.',
  ),
  abbreviation(
    'DVDS',
    "the right to ask police about a partner's past abuse",
    "The Domestic Violence Disclosure Scheme (Clare's Law): police can tell someone about a partner's history of abuse.",
    { anyCase: ["Clare's Law", 'Clare’s Law'], plural: false },
  ),
  abbreviation(
    'DVPN',
    'police notice to keep an abuser away',
    'A Domestic Violence Protection Notice: police order someone to stay away from the home for 48 hours.',
  ),
  abbreviation(
    'DVPO',
    'court order to keep an abuser away',
    'A Domestic Violence Protection Order: the court orders someone to stay away, for up to 28 days.',
    { exact: ['DAPO'] },
  ),
  phrase(
    'non-mol',
    'court order stopping someone from threatening or harassing',
    'A non-molestation order: a civil court order forbidding someone from using or threatening violence or harassment.',
    { anyCase: ['non-molestation order', 'non molestation order'] },
  ),
  phrase(
    'coercive control',
    'controlling behaviour',
    'A pattern of threats, humiliation and control that takes away a person’s freedom; it is a crime.',
    { anyCase: ['coercive and controlling behaviour'], plural: false },
  ),
  phrase(
    'grooming',
    'building trust in order to abuse',
    'An adult builds a relationship with a child or family so they can abuse or exploit the child.',
    { plural: false },
  ),
]

const POLICE: readonly JargonEntry[] = [
  abbreviation(
    'PPN',
    'police report of a worry about a child',
    'A Public Protection Notice: the form police send to children’s services when they are worried about someone.',
    { exact: ['VPRF', 'MERLIN'] },
  ),
  abbreviation('MISPER', 'missing person', 'Someone reported to the police as missing.', {
    exact: ['misper', 'Misper', 'MFH'],
    anyCase: ['missing from home'],
  }),
  phrase(
    'return home interview',
    'talk with the child after they came back from being missing',
    'An independent worker talks with a child who has been missing about why they went and where.',
    { exact: ['RHI'] },
  ),
  abbreviation(
    'RUI',
    'released while police keep investigating',
    'Released under investigation: the person is not charged or on bail, but the police investigation goes on.',
  ),
  abbreviation(
    'CPS',
    'the people who decide whether to charge someone with a crime',
    'The Crown Prosecution Service decides whether there is enough evidence to take a case to court.',
  ),
  abbreviation(
    'DBS',
    'criminal record check',
    'The Disclosure and Barring Service check of someone’s criminal record before they work with children.',
    { exact: ['CRB'], anyCase: ['DBS check', 'CRB check'] },
  ),
  abbreviation('PCSO', 'community police officer', 'A police community support officer.'),
  abbreviation(
    'ABE',
    'video interview with a child by police',
    'An Achieving Best Evidence interview: police and social workers video-record what a child says, for use in court.',
    { anyCase: ['ABE interview', 'achieving best evidence'] },
  ),
  phrase(
    'police protection',
    'police taking a child somewhere safe in an emergency',
    'Police can remove a child to a safe place, or keep them there, for up to 72 hours in an emergency.',
    { exact: ['PPO', 's46', 'S46'], plural: false },
  ),
  abbreviation(
    'MAPPA',
    'how agencies manage people who could be dangerous',
    'Multi-Agency Public Protection Arrangements: police, probation and prisons manage people convicted of serious offences.',
  ),
  abbreviation(
    'RSO',
    'person on the sex offenders register',
    'A registered sex offender, who must tell the police where they live and other details.',
  ),
  abbreviation(
    'SHPO',
    'court order limiting what a sex offender may do',
    'A Sexual Harm Prevention Order, which can ban contact with children or use of the internet.',
  ),
  abbreviation(
    'CAWN',
    'police warning to stay away from a child',
    'A Child Abduction Warning Notice: police tell an adult they must not contact or be with a child.',
  ),
  abbreviation(
    'YOT',
    'youth justice team',
    'The youth offending team, which works with young people who get into trouble with the law.',
    { exact: ['YOS', 'YJS'] },
  ),
  abbreviation(
    'PPU',
    'the police team that protects children and vulnerable adults',
    'The police public protection unit, which investigates child abuse and domestic abuse.',
    { exact: ['CAIT', 'PVP'] },
  ),
  phrase('disclosure', 'what the child told someone', 'When a child tells someone they have been harmed.', {
    anyCase: ['disclosed', 'disclosing'],
  }),
]

const COURT: readonly JargonEntry[] = [
  abbreviation(
    'PLO',
    'the formal step before the council goes to court',
    'The Public Law Outline: the council meets the parents and their solicitor to try to avoid court proceedings.',
    { anyCase: ['public law outline', 'pre-proceedings', 'pre proceedings'], plural: false },
  ),
  phrase(
    'letter before proceedings',
    "the council's letter saying it may go to court",
    'A letter telling parents the council is thinking of going to court, inviting them to a meeting with a solicitor.',
    { exact: ['LBP'], anyCase: ['letter before process'] },
  ),
  phrase(
    'care proceedings',
    'the court case about whether the child should be in care',
    'The family court decides whether the council may take parental responsibility for the child.',
    { plural: false },
  ),
  abbreviation(
    'EPO',
    'emergency court order to keep a child safe',
    'An Emergency Protection Order lets the council remove a child, or keep them somewhere safe, for up to 8 days.',
    { exact: ['s44', 'S44'], anyCase: ['emergency protection order'] },
  ),
  abbreviation(
    'ICO',
    'temporary care order',
    'An interim care order: the court lets the council share parental responsibility until the case is decided.',
    { exact: ['s38', 'S38'], anyCase: ['interim care order'] },
  ),
  abbreviation(
    'SGO',
    'court order for a relative or friend to raise the child',
    'A Special Guardianship Order gives a carer, often a relative, parental responsibility until the child is 18.',
    { anyCase: ['special guardianship order', 'special guardian'] },
  ),
  abbreviation(
    'CAO',
    'court order saying where the child lives and who they see',
    'A Child Arrangements Order, decided by the family court.',
    { anyCase: ['child arrangements order'] },
  ),
  phrase(
    'supervision order',
    'court order for the council to advise and help the family',
    'The court orders the council to support and keep an eye on the child for up to a year; it does not give parental responsibility.',
  ),
  phrase(
    'placement order',
    'court order allowing the child to be placed for adoption',
    'The court allows the council to place a child with people who may adopt them.',
  ),
  phrase(
    'Cafcass',
    "the court's children's service",
    'The Children and Family Court Advisory and Support Service, which advises the family court about children.',
    { exact: ['CAFCASS'], plural: false },
  ),
  phrase(
    "children's guardian",
    "the child's independent representative in court",
    'A worker from the court’s children’s service who tells the court what they think is best for the child.',
    { anyCase: ['children’s guardian', 'childrens guardian', 'guardian ad litem'] },
  ),
  abbreviation(
    'FDAC',
    'family drug and alcohol court',
    'A court that helps parents with drug or alcohol problems change, with a team supporting them.',
  ),
  abbreviation(
    'IRH',
    'court hearing to narrow down what is agreed',
    'The issues resolution hearing: the court tries to settle what is agreed before the final hearing.',
  ),
  abbreviation(
    'CMH',
    'first court hearing to plan the case',
    'The case management hearing: the court sets the timetable and what evidence it needs.',
  ),
  phrase(
    'final hearing',
    'the last court hearing, where the judge decides',
    'The hearing at the end of the case, where the court makes its final decision.',
  ),
  phrase(
    'threshold document',
    "the council's written reasons for going to court",
    "The council's list of the harm it says the child has suffered or is likely to suffer.",
    { anyCase: ['thresholds document', 'threshold statement', 'threshold findings'] },
  ),
  phrase(
    'Regulation 24',
    'approval for a relative or friend to care for the child quickly',
    'Temporary approval of a relative or friend as a foster carer, so the child can move in quickly.',
    { exact: ['Reg 24', 'reg 24', 'Reg24'], plural: false },
  ),
  phrase(
    'family time',
    'time the child spends with their family',
    'Arranged time a child in care spends with parents, brothers, sisters or other family.',
    { anyCase: ['supervised contact'], plural: false },
  ),
]

const EDUCATION: readonly JargonEntry[] = [
  abbreviation(
    'DSL',
    'the teacher in charge of keeping children safe at school',
    'The designated safeguarding lead: the member of school staff responsible for child protection.',
    { exact: ['DDSL'] },
  ),
  abbreviation(
    'SENCO',
    'the teacher in charge of extra support for learning',
    'The special educational needs coordinator, who organises help for children who need extra support at school.',
    { exact: ['SENCo', 'Senco'] },
  ),
  abbreviation(
    'EHCP',
    "a legal plan for a child's extra needs at school",
    'An Education, Health and Care Plan sets out the support a child with special needs must get.',
    { exact: ['EHC plan', 'EHCNA'] },
  ),
  abbreviation(
    'SEND',
    'special educational needs and disabilities',
    'A child has a learning difficulty or disability that needs extra help in school.',
  ),
  abbreviation('SEN', 'special educational needs', 'A child needs extra help to learn.', {
    exact: ['SEN support'],
  }),
  abbreviation(
    'SEMH',
    'social, emotional and mental health needs',
    'A child who finds it hard to manage feelings, behaviour or friendships at school.',
  ),
  abbreviation(
    'SLCN',
    'speech, language and communication needs',
    'A child who finds it hard to talk, understand or communicate.',
  ),
  abbreviation(
    'EBSA',
    'finding it too hard, emotionally, to go to school',
    'Emotionally based school avoidance (also called emotionally based school non-attendance).',
    { exact: ['EBSNA'] },
  ),
  abbreviation(
    'PEP',
    "plan for a child in care's education",
    'A personal education plan: the school and council plan how a child in care will be helped at school.',
  ),
  phrase(
    'virtual school',
    "the council's team that helps children in care with school",
    'A team with a head teacher that makes sure children in care get the education they need.',
    { exact: ['VSH'] },
  ),
  abbreviation(
    'PRU',
    'a small school for pupils who cannot attend an ordinary school',
    'A pupil referral unit teaches children who have been excluded or cannot attend mainstream school.',
  ),
  abbreviation(
    'AP',
    'education outside an ordinary school',
    'Alternative provision: education arranged for a child who cannot go to an ordinary school.',
    { anyCase: ['alternative provision'] },
  ),
  abbreviation(
    'EWO',
    'school attendance officer',
    'The education welfare officer, who works with families when a child is missing school.',
    { exact: ['EWS', 'EWS officer'] },
  ),
  abbreviation(
    'EHE',
    'home schooling chosen by the parents',
    'Elective home education: parents choose to educate their child at home.',
    { anyCase: ['elective home education'] },
  ),
  abbreviation(
    'CME',
    'a child not in any school',
    'Children missing education: children of school age who are not on a school roll or being educated.',
    { anyCase: ['children missing education', 'child missing education'] },
  ),
  abbreviation('FSM', 'free school meals', 'Free school meals.'),
  abbreviation(
    'EP',
    'educational psychologist',
    'A psychologist who helps schools understand how a child learns and what support they need.',
  ),
  phrase(
    'managed move',
    'an agreed move to another school',
    'A planned move to a new school, agreed with the parents, to avoid a permanent exclusion.',
  ),
  phrase(
    'reduced timetable',
    'going to school for only part of the day',
    'The child attends school for fewer hours than usual, by arrangement with the school.',
    { anyCase: ['part-time timetable'] },
  ),
  phrase(
    'persistent absence',
    'missing a lot of school',
    'A child who misses 10% or more of school sessions.',
    { anyCase: ['persistently absent'], plural: false },
  ),
  phrase(
    'fixed-term exclusion',
    'suspension from school',
    'The child is sent home from school for a set number of days.',
    { exact: ['FTE', 'FTEs'], anyCase: ['fixed term exclusion'] },
  ),
  phrase(
    'permanent exclusion',
    'being expelled from school',
    'The child is no longer allowed to attend the school.',
    { exact: ['PEX'], anyCase: ['permanently excluded'] },
  ),
]

const HOUSING_AND_MONEY: readonly JargonEntry[] = [
  abbreviation(
    's21',
    'eviction notice',
    'A section 21 notice: a private landlord gives notice to end a tenancy without giving a reason.',
    { exact: ['S21', 's.21', 'S.21'], anyCase: ['section 21 notice', 'section 21'] },
  ),
  abbreviation(
    'NTQ',
    'notice to leave the home',
    'A notice to quit: the landlord or tenant formally ends the tenancy.',
  ),
  phrase(
    'intentionally homeless',
    'seen by the council as having caused their own homelessness',
    'The council decides the family lost their home because of something they did, so it owes a lesser duty.',
    { plural: false },
  ),
  abbreviation(
    'HMO',
    'shared house',
    'A house in multiple occupation: several unrelated people share a kitchen or bathroom.',
  ),
  abbreviation('RSL', 'housing association', 'A registered social landlord, such as a housing association.', {
    exact: ['RP'],
  }),
  phrase(
    'B&B',
    'bed and breakfast hotel',
    'Emergency housing in a hotel or guest house, often one room for a whole family.',
    { plural: false },
  ),
  abbreviation('UC', 'Universal Credit', 'Universal Credit, the main benefit for people of working age.'),
  abbreviation('HB', 'Housing Benefit', 'Housing Benefit, help with paying rent.'),
  abbreviation(
    'PIP',
    'disability benefit for adults',
    'Personal Independence Payment, a benefit for adults with a long-term illness or disability.',
  ),
  abbreviation(
    'DLA',
    'disability benefit for children',
    'Disability Living Allowance, a benefit for children with a disability or long-term illness.',
  ),
  abbreviation('ESA', 'benefit for adults too ill to work', 'Employment and Support Allowance.'),
]

/** Every entry, grouped by field of work; findJargon compiles this once. */
export const JARGON_LIST: readonly JargonEntry[] = Object.freeze([
  ...SOCIAL_CARE,
  ...HEALTH,
  ...SUBSTANCE_USE,
  ...ABUSE_AND_EXPLOITATION,
  ...POLICE,
  ...COURT,
  ...EDUCATION,
  ...HOUSING_AND_MONEY,
])
