// The lawful bases the engine can give for sharing (stable codes; display order). Protocol packs
// name their preferred bases from this list, and requests cite one.
export const LAWFUL_BASES = [
  'anonymised_information',
  'uk_gdpr_6_1_a',
  'uk_gdpr_6_1_c',
  'uk_gdpr_6_1_d',
  'uk_gdpr_6_1_e',
  'uk_gdpr_9_2_a',
  'uk_gdpr_9_2_b',
  'uk_gdpr_9_2_c',
  'uk_gdpr_9_2_f',
  'uk_gdpr_9_2_g',
  'uk_gdpr_9_2_h',
  'dpa_2018_sch_1_para_10',
  'dpa_2018_sch_1_para_18',
  'dpa_2018_sch_2_para_2',
  'children_act_1989_s17',
  'children_act_1989_s47',
  'children_act_2004_s10',
  'children_act_2004_s11',
  'children_act_2004_s14b',
  'crime_and_disorder_act_1998_s115',
  'court_order',
] as const;
export type LawfulBasisCode = (typeof LAWFUL_BASES)[number];
/** The UK GDPR Art. 6 bases a pack may prefer that the engine relies on (never consent: ADR 0006). */
export const PREFERABLE_ART6_BASES = ['uk_gdpr_6_1_c', 'uk_gdpr_6_1_e'] as const satisfies readonly LawfulBasisCode[];
export type LawfulBasis = { code: LawfulBasisCode; label: string };

export const lawfulBasisLabels: Readonly<Record<LawfulBasisCode, string>> = {
  anonymised_information: 'Not personal data: anonymised or aggregated information shared for a legitimate purpose',
  uk_gdpr_6_1_a: 'UK GDPR Art. 6(1)(a) — consent',
  uk_gdpr_6_1_c: 'UK GDPR Art. 6(1)(c) — legal obligation',
  uk_gdpr_6_1_d: 'UK GDPR Art. 6(1)(d) — vital interests',
  uk_gdpr_6_1_e: 'UK GDPR Art. 6(1)(e) — public task',
  uk_gdpr_9_2_a: 'UK GDPR Art. 9(2)(a) — explicit consent (special category data)',
  uk_gdpr_9_2_b: 'UK GDPR Art. 9(2)(b) — employment, social security and social protection law',
  uk_gdpr_9_2_c: 'UK GDPR Art. 9(2)(c) — vital interests (special category data)',
  uk_gdpr_9_2_f: 'UK GDPR Art. 9(2)(f) — legal claims and courts acting in their judicial capacity',
  uk_gdpr_9_2_g: 'UK GDPR Art. 9(2)(g) — substantial public interest',
  uk_gdpr_9_2_h: 'UK GDPR Art. 9(2)(h) — health or social care',
  dpa_2018_sch_1_para_10: 'Data Protection Act 2018 Sch. 1 para. 10 — preventing or detecting unlawful acts',
  dpa_2018_sch_1_para_18: 'Data Protection Act 2018 Sch. 1 para. 18 — safeguarding of children and of individuals at risk',
  dpa_2018_sch_2_para_2: 'Data Protection Act 2018 Sch. 2 para. 2 — crime and taxation (prevention or detection of crime)',
  children_act_1989_s17: 'Children Act 1989 s.17 — services for children in need',
  children_act_1989_s47: "Children Act 1989 s.47 — local authority's duty to investigate significant harm",
  children_act_2004_s10: 'Children Act 2004 s.10 — co-operation to improve the well-being of children',
  children_act_2004_s11: 'Children Act 2004 s.11 — duty to safeguard and promote the welfare of children',
  children_act_2004_s14b: 'Children Act 2004 s.14B — information requested by the safeguarding partnership',
  crime_and_disorder_act_1998_s115: 'Crime and Disorder Act 1998 s.115 — disclosure to a relevant authority to prevent crime and disorder',
  court_order: 'Court order — the court has ordered disclosure',
};
