// The demo partnership: entirely fictional agencies, staff and children. NHS numbers are from the
// 999 000 0000 – 999 999 9999 test range; names are obviously made up; addresses are in the
// fictional town of Northbridge with ZZ99 pseudo-postcodes; e-mail domains are .example.
import type { AgencyKind, Role, Sector } from '../../domain/staff.ts';

export const DEMO_PASSWORD = 'concord-demo-password';
/** Every demo account has set up an authenticator app with this key (Base32), so the demo can be
 *  signed in to with MFA: add it to an authenticator app by hand ("enter a key"), or compute the code
 *  with `npx concord demo-code`. Printed by `npm start` and in the README. Demo data only. */
export const DEMO_TOTP_SECRET = 'CONCORDDEMOTOTPSECRETKEY234567AB';

export interface DemoAgency {
  key: string;
  name: string;
  sector: Sector;
  kind: AgencyKind;
}
export interface DemoStaff {
  agency: string;
  email: string;
  displayName: string;
  jobTitle: string;
  roles: Role[];
}
export interface DemoChild {
  givenName: string;
  familyName: string;
  aliases?: string[];
  dateOfBirth: string;
  gender: 'female' | 'male' | 'other' | 'not_known';
  ethnicity?: string;
  address: string;
  postcode: string;
  phone?: string;
  currentSetting?: string;
  nhsNumber?: string;
  careLeaver?: boolean;
  send?: boolean;
  /** Agency keys: the first holds the record, the rest are involved. */
  agencies: string[];
  family: { givenName: string; familyName: string; relationship: string; parentalResponsibility: boolean; isCarer?: boolean; livesWithChild?: boolean }[];
}

/** A request already waiting at the front door when the demo starts. */
export interface DemoRequest {
  from: string;
  child: string;
  to: string;
  input: Record<string, unknown>;
}

/** A dispute raised by `from` with the agency `with` about a child; each stage in `stages` is recorded
 *  as not agreed by its `by` and then escalated by `from`, so the dispute stands at the next stage. */
export interface DemoDispute {
  from: string;
  with: string;
  child: string;
  ground: string;
  summary: string;
  stages: { by: string; discussed: string; reasons: string }[];
}

/** A complaint recorded by `by` about the agency `about`, received today. */
export interface DemoComplaint {
  by: string;
  about: string;
  child?: string;
  complainant: string;
  summary: string;
}

/** A breach on the demo's register: reported `hoursAgo` hours before the demo loads, then taken
 *  through the steps given (each as the person named, a little later each time). */
export interface DemoBreach {
  reporter: string;
  children: string[];
  what: string;
  how: string;
  hoursAgo: number;
  /** Hours after the report each step happened, with who did it and what they recorded. */
  steps: { as: string; after: number; step: 'triage' | 'assess' | 'ico' | 'individuals' | 'action' | 'close'; input: Record<string, unknown> }[];
}

export interface DemoDecision {
  by: string;
  child: string;
  to: string;
  answers: Record<string, unknown>;
  record: { action: 'shared' | 'not_shared'; purposeDetail: string; informationShared: string | null; reasons: string | null };
}

export interface DemoPartnership {
  slug: string;
  name: string;
  /** A pack id (the loaded version is used) or id@version. */
  pack: string;
  agencies: DemoAgency[];
  staff: DemoStaff[];
  children: DemoChild[];
  requests?: DemoRequest[];
  /** Decisions recorded but not acted on yet: the chronology shows "Decided to share — not sent yet". */
  decisions?: DemoDecision[];
  disputes?: DemoDispute[];
  complaints?: DemoComplaint[];
  breaches?: DemoBreach[];
  /** The partnership's information sharing agreement as its paper register stands when the demo
   *  starts: who signed, when (days before today), and any signature that has lapsed. */
  agreement?: DemoAgreement;
}

export interface DemoAgreement {
  title: string;
  effectiveDaysAgo: number;
  /** The next review, in days from today (negative: overdue). */
  reviewInDays: number;
  parties: {
    agency: string;
    role: 'lead_signatory' | 'statutory_partner' | 'relevant_agency';
    signatory?: { name: string; title: string; daysAgo: number; lapsed?: { daysAgo: number; reason: string } };
  }[];
}

export const demoPartnership: DemoPartnership = {
  slug: 'northbridge',
  // Wirral 2022 App. 2 s.5.2: reviewed annually — the review is due in a fortnight. Northbridge Youth
  // Project's signatory left and nobody has signed since: it receives no information until it does.
  agreement: {
    title: 'Northbridge information sharing agreement',
    effectiveDaysAgo: 351,
    reviewInDays: 14,
    parties: [
      { agency: 'council', role: 'lead_signatory', signatory: { name: 'Ivy Governance', title: 'Data protection officer', daysAgo: 351 } },
      { agency: 'police', role: 'statutory_partner', signatory: { name: 'Sergeant Sid Single', title: 'Public protection unit, single point of contact', daysAgo: 340 } },
      { agency: 'health', role: 'statutory_partner', signatory: { name: 'Cal Guardian', title: 'Caldicott guardian', daysAgo: 330 } },
      { agency: 'school', role: 'relevant_agency', signatory: { name: 'Dee Lead', title: 'Designated safeguarding lead', daysAgo: 300 } },
      {
        agency: 'youth',
        role: 'relevant_agency',
        signatory: {
          name: 'Robin Former',
          title: 'Project manager (left in September)',
          daysAgo: 320,
          lapsed: { daysAgo: 75, reason: 'The signatory left the project; nobody has signed in their place' },
        },
      },
    ],
  },
  name: 'Northbridge Safeguarding Children Partnership',
  pack: 'wirral-2022',
  agencies: [
    { key: 'council', name: "Northbridge Council Children's Services", sector: 'local_authority', kind: 'statutory_partner' },
    { key: 'police', name: 'Northbridge Police', sector: 'police', kind: 'statutory_partner' },
    { key: 'health', name: 'Northbridge Community Health NHS Trust', sector: 'health', kind: 'statutory_partner' },
    { key: 'school', name: 'Riverside Primary School', sector: 'education', kind: 'relevant_agency' },
    { key: 'youth', name: 'Northbridge Youth Project', sector: 'voluntary', kind: 'relevant_agency' },
  ],
  staff: [
    { agency: 'council', email: 'sam.social@council.example', displayName: 'Sam Social', jobTitle: 'Social worker', roles: ['practitioner'] },
    { agency: 'council', email: 'fran.frontdoor@council.example', displayName: 'Fran Frontdoor', jobTitle: 'Front door team manager', roles: ['spoc', 'practitioner'] },
    { agency: 'council', email: 'ivy.governance@council.example', displayName: 'Ivy Governance', jobTitle: 'Data protection officer', roles: ['ig_lead'] },
    { agency: 'council', email: 'pat.partnership@council.example', displayName: 'Pat Partnership', jobTitle: 'Partnership business manager', roles: ['partnership_manager'] },
    { agency: 'council', email: 'ada.admin@council.example', displayName: 'Ada Admin', jobTitle: 'System administrator', roles: ['administrator'] },
    { agency: 'council', email: 'max.manager@council.example', displayName: 'Max Manager', jobTitle: "Team manager, children's social care", roles: ['designated_safeguarding_lead', 'manager'] },
    { agency: 'police', email: 'pc.penny@police.example', displayName: 'PC Penny Patrol', jobTitle: 'Police constable, public protection', roles: ['practitioner'] },
    { agency: 'police', email: 'sgt.sid@police.example', displayName: 'Sergeant Sid Single', jobTitle: 'Public protection unit, single point of contact', roles: ['spoc', 'practitioner'] },
    { agency: 'health', email: 'hana.visitor@health.example', displayName: 'Hana Visitor', jobTitle: 'Health visitor', roles: ['practitioner'] },
    { agency: 'health', email: 'cal.guardian@health.example', displayName: 'Cal Guardian', jobTitle: 'Caldicott guardian', roles: ['caldicott_guardian'] },
    { agency: 'school', email: 'dee.lead@school.example', displayName: 'Dee Lead', jobTitle: 'Designated safeguarding lead', roles: ['designated_safeguarding_lead', 'practitioner'] },
    { agency: 'youth', email: 'yan.worker@youth.example', displayName: 'Yan Worker', jobTitle: 'Youth worker', roles: ['practitioner'] },
  ],
  children: [
    {
      givenName: 'Ann',
      familyName: 'Example',
      dateOfBirth: '2017-03-27',
      gender: 'female',
      ethnicity: 'White British',
      address: '1 Example Street, Northbridge',
      postcode: 'ZZ99 1AA',
      currentSetting: 'Riverside Primary School',
      nhsNumber: '9990000018',
      agencies: ['council', 'school', 'health'],
      family: [
        { givenName: 'Alex', familyName: 'Example', relationship: 'mother', parentalResponsibility: true, isCarer: true, livesWithChild: true },
        { givenName: 'Chris', familyName: 'Example', relationship: 'father', parentalResponsibility: true },
      ],
    },
    {
      givenName: 'Ben',
      familyName: 'Sample',
      aliases: ['Benny Sample'],
      dateOfBirth: '2012-08-14',
      gender: 'male',
      ethnicity: 'Mixed White and Black Caribbean',
      address: '22 Placeholder Road, Northbridge',
      postcode: 'ZZ99 2BB',
      phone: '01632 960 101',
      currentSetting: 'Northbridge Academy',
      nhsNumber: '9990158398',
      agencies: ['council', 'police', 'youth'],
      family: [{ givenName: 'Dana', familyName: 'Sample', relationship: 'grandparent', parentalResponsibility: false, isCarer: true, livesWithChild: true }],
    },
    {
      givenName: 'Cara',
      familyName: 'Testwell',
      dateOfBirth: '2024-01-09',
      gender: 'female',
      ethnicity: 'Asian British — Pakistani',
      address: '3 Fictional Close, Northbridge',
      postcode: 'ZZ99 3CC',
      nhsNumber: '9990237581',
      agencies: ['health', 'council'],
      family: [{ givenName: 'Erin', familyName: 'Testwell', relationship: 'mother', parentalResponsibility: true, isCarer: true, livesWithChild: true }],
    },
    {
      givenName: 'Dev',
      familyName: 'Demo',
      dateOfBirth: '2006-05-30',
      gender: 'male',
      ethnicity: 'Black British — African',
      address: 'Flat 4, Imaginary House, Northbridge',
      postcode: 'ZZ99 4DD',
      phone: '07700 900 404',
      currentSetting: 'Northbridge College',
      nhsNumber: '9990316775',
      careLeaver: true,
      agencies: ['council', 'youth'],
      family: [],
    },
    {
      givenName: 'Ella',
      familyName: 'Mockford',
      dateOfBirth: '2015-11-02',
      gender: 'female',
      ethnicity: 'White — Irish',
      address: '5 Invented Avenue, Northbridge',
      postcode: 'ZZ99 5EE',
      currentSetting: 'Riverside Primary School',
      nhsNumber: '9990395969',
      send: true,
      agencies: ['school'],
      family: [{ givenName: 'Fin', familyName: 'Mockford', relationship: 'foster_carer', parentalResponsibility: false, isCarer: true, livesWithChild: true }],
    },
    {
      givenName: 'Finn',
      familyName: 'Pretend',
      dateOfBirth: '2010-02-18',
      gender: 'male',
      ethnicity: 'Not known',
      address: '6 Madeup Lane, Northbridge',
      postcode: 'ZZ99 6FF',
      nhsNumber: '9990475156',
      agencies: ['police'],
      family: [],
    },
  ],
  requests: [
    {
      from: 'pc.penny@police.example',
      child: 'Ben',
      to: 'council',
      input: {
        purpose: 'child_protection',
        lawfulBasis: 'children_act_2004_s11',
        urgency: 'urgent',
        informationNeeded: 'Whether Ben is known to children’s social care, and the name of his allocated social worker if he has one.',
        reason: 'Ben was found by officers late at night near the railway station with older young people; we are considering a referral for child exploitation.',
        consent: 'not_sought',
        consentDetail: 'Asking his grandparent first could alert the people he was with and increase the risk to him.',
      },
    },
  ],
  // A decision to share that has not been sent yet: its page has the Send button and the
  // chronology says "not sent yet" (docs/decisions-and-sending.md).
  decisions: [
    {
      by: 'hana.visitor@health.example',
      child: 'Cara',
      to: 'council',
      answers: {
        purpose: 'early_help',
        identifiable: true,
        level: 'minimum',
        confidential: true,
        // A two-year-old: not asked about their own view or sexual activity (ADR 0033).
        childAge: 2,
        consent: 'given',
        harm: 'emerging_needs',
      },
      record: {
        action: 'shared',
        purposeDetail: 'Referral to the family hub for early help with Cara’s speech and language',
        informationShared: 'Cara’s name, date of birth and address, and the health visitor’s contact details',
        reasons: null,
      },
    },
  ],
  // A dispute at stage two: the SPoCs could not agree (Wirral 2022 App. 2 s.5.5), so it is with the
  // statutory safeguarding partners (s.5.4), whose partnership manager acts at that stage.
  disputes: [
    {
      from: 'sam.social@council.example',
      with: 'police',
      child: 'Ben',
      ground: 'not_shared_in_time',
      summary: 'We asked the police for Ben’s recent missing-from-home reports before his child protection conference. They were not shared in time for the conference, which went ahead without them.',
      stages: [
        {
          by: 'sgt.sid@police.example',
          discussed: 'The front door manager and the police SPoC spoke about why the reports were late and whether they can now be shared in full.',
          reasons: 'No agreement: the police say two reports are part of a live investigation; the council say the conference needed them to assess risk.',
        },
      ],
    },
  ],
  complaints: [
    {
      by: 'ivy.governance@council.example',
      about: 'school',
      child: 'Ann',
      complainant: 'parent_or_carer',
      summary: 'Ann’s mother says the school told other parents about a social worker’s visit, and asks how the school came to know and who it told.',
    },
  ],
  breaches: [
    {
      // Open, with the ICO's 72 hours running (Wirral 2022 "Personal Data Breach").
      reporter: 'sam.social@council.example',
      children: ['Cara'],
      what: 'A child protection conference invitation for Cara was sent to a former address; the current occupants opened it.',
      how: 'The occupants telephoned the front door team this morning. The address on the letter had not been updated after the family moved.',
      hoursAgo: 20,
      steps: [{ as: 'ivy.governance@council.example', after: 2, step: 'triage', input: { outcome: 'confirm', note: 'Confirmed: personal data disclosed to people with no right to it.' } }],
    },
    {
      // Closed, reported to the ICO, with outcome and lessons.
      reporter: 'fran.frontdoor@council.example',
      children: ['Ann'],
      what: 'A referral form about Ann was e-mailed to a school with a similar name instead of Riverside Primary School.',
      how: 'The receiving school replied to say it did not know the child.',
      hoursAgo: 24 * 40,
      steps: [
        { as: 'ivy.governance@council.example', after: 1, step: 'triage', input: { outcome: 'confirm' } },
        {
          as: 'ivy.governance@council.example',
          after: 20,
          step: 'assess',
          input: { grade: 'risk', note: 'Sensitive details of one child; the recipient is a school bound by confidentiality and confirmed deletion.' },
        },
        { as: 'ivy.governance@council.example', after: 30, step: 'ico', input: { decision: 'reported', reference: 'IC-104233-K8F2', reportedAtHoursAfter: 30 } },
        { as: 'ivy.governance@council.example', after: 48, step: 'individuals', input: { decision: 'told', toldAtHoursAfter: 47 } },
        { as: 'ivy.governance@council.example', after: 72, step: 'action', input: { note: 'The receiving school confirmed in writing that the e-mail was deleted. Address book entry corrected.' } },
        {
          as: 'ivy.governance@council.example',
          after: 24 * 14,
          step: 'close',
          input: {
            outcome: 'Contained the same day; no further disclosure. The ICO took no further action.',
            lessons: 'Check the recipient against the partnership directory before sending; use the secure exchange rather than e-mail.',
          },
        },
      ],
    },
  ],
};

/** A second partnership on another protocol. Northbridge Police and the health trust work in both
 *  (the same organisations), and PC Penny Patrol has an account in each. */
export const eastholmePartnership: DemoPartnership = {
  slug: 'eastholme',
  // Derby & Derbyshire 2015 s.5 para. 1: reviewed annually — this year's review is three weeks overdue.
  agreement: {
    title: 'Eastholme and Derbyshire information sharing agreement',
    effectiveDaysAgo: 386,
    reviewInDays: -21,
    parties: [
      { agency: 'council', role: 'lead_signatory', signatory: { name: 'Ian Info', title: 'Lead information officer', daysAgo: 386 } },
      { agency: 'police', role: 'statutory_partner', signatory: { name: 'Chief Inspector Nora Nominee', title: 'Nominated officer, public protection', daysAgo: 380 } },
      { agency: 'health', role: 'statutory_partner', signatory: { name: 'Cal Guardian', title: 'Caldicott guardian', daysAgo: 370 } },
      { agency: 'school', role: 'relevant_agency', signatory: { name: 'Sol Teacher', title: 'Designated safeguarding lead', daysAgo: 200 } },
    ],
  },
  name: 'Eastholme Safeguarding Children Partnership',
  pack: 'derby-derbyshire-2015',
  agencies: [
    { key: 'council', name: "Eastholme Borough Council Children's Services", sector: 'local_authority', kind: 'statutory_partner' },
    { key: 'police', name: 'Northbridge Police', sector: 'police', kind: 'statutory_partner' },
    { key: 'health', name: 'Northbridge Community Health NHS Trust', sector: 'health', kind: 'statutory_partner' },
    { key: 'school', name: "St Hilda's Academy", sector: 'education', kind: 'relevant_agency' },
  ],
  staff: [
    { agency: 'council', email: 'eve.east@eastholme.example', displayName: 'Eve East', jobTitle: 'Social worker', roles: ['practitioner'] },
    { agency: 'council', email: 'ian.info@eastholme.example', displayName: 'Ian Info', jobTitle: 'Lead information officer', roles: ['ig_lead', 'spoc'] },
    { agency: 'police', email: 'pc.penny@police.example', displayName: 'PC Penny Patrol', jobTitle: 'Police constable, public protection', roles: ['practitioner'] },
    { agency: 'school', email: 'sol.teacher@sthildas.example', displayName: 'Sol Teacher', jobTitle: 'Designated safeguarding lead', roles: ['designated_safeguarding_lead', 'practitioner'] },
  ],
  children: [
    {
      givenName: 'Gemma',
      familyName: 'Fakename',
      dateOfBirth: '2014-07-21',
      gender: 'female',
      ethnicity: 'White British',
      address: '7 Nowhere Road, Eastholme',
      postcode: 'ZZ99 7GG',
      currentSetting: "St Hilda's Academy",
      nhsNumber: '9990633533',
      agencies: ['council', 'school', 'police'],
      family: [{ givenName: 'Harper', familyName: 'Fakename', relationship: 'mother', parentalResponsibility: true, isCarer: true, livesWithChild: true }],
    },
    {
      givenName: 'Hal',
      familyName: 'Placeholder',
      dateOfBirth: '2013-12-02',
      gender: 'male',
      ethnicity: 'Asian British — Indian',
      address: '8 Sample Street, Eastholme',
      postcode: 'ZZ99 8HH',
      nhsNumber: '9990712727',
      agencies: ['health', 'council'],
      family: [{ givenName: 'Indy', familyName: 'Placeholder', relationship: 'father', parentalResponsibility: true, isCarer: true, livesWithChild: true }],
    },
    {
      givenName: 'Iris',
      familyName: 'Madeup',
      dateOfBirth: '2020-04-15',
      gender: 'female',
      ethnicity: 'Mixed White and Asian',
      address: '9 Example Mews, Eastholme',
      postcode: 'ZZ99 9JJ',
      nhsNumber: '9990791910',
      agencies: ['health'],
      family: [],
    },
  ],
};

export const demoPartnerships: DemoPartnership[] = [demoPartnership, eastholmePartnership];
