/** Swedish names for the API's codes. */

export const GROUP_KINDS = ['NPO', 'NSG', 'NAG', 'RPO', 'RAG'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const GROUP_KIND_LABELS: Record<GroupKind, string> = {
  NPO: 'Nationellt programområde (NPO)',
  NSG: 'Nationell samverkansgrupp (NSG)',
  NAG: 'Nationell arbetsgrupp (NAG)',
  RPO: 'Sjukvårdsregionalt programområde (RPO)',
  RAG: 'Sjukvårdsregional arbetsgrupp (RAG)',
};

export const REGIONS = ['norra', 'mellansverige', 'stockholm-gotland', 'sydostra', 'vastra', 'sodra'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, string> = {
  norra: 'Norra sjukvårdsregionen',
  mellansverige: 'Sjukvårdsregion Mellansverige',
  'stockholm-gotland': 'Sjukvårdsregion Stockholm-Gotland',
  sydostra: 'Sydöstra sjukvårdsregionen',
  vastra: 'Västra sjukvårdsregionen',
  sodra: 'Södra sjukvårdsregionen',
};

export const RECRUITMENT_STATE_LABELS: Record<string, string> = {
  'not-started': 'Rekryteringen har inte startat',
  open: 'För få företrädare – rekrytering behövs',
  recruiting: 'Rekrytering pågår – för få företrädare',
  staffed: 'Bemannad',
  ended: 'Gruppen är avslutad',
};

export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '';
  return map[code] ?? code;
}

export const ROUNDING_LABELS: Record<string, string> = {
  'kronor-half-up': 'Till hela kronor, 50 öre och mer avrundas uppåt',
  'kronor-half-even': 'Till hela kronor, exakt 50 öre till närmaste jämna krona',
  'kronor-down': 'Till hela kronor, alltid nedåt',
  ore: 'Ingen avrundning (hela öre)',
};

export const HOURLY_COUNTING_LABELS: Record<string, string> = {
  'started-half-hour': 'Varje påbörjad halvtimme räknas',
  'started-hour': 'Varje påbörjad timme räknas',
  'exact-minutes': 'Exakt antal minuter räknas',
};

export const HOURLY_SCOPE_LABELS: Record<string, string> = {
  'short-only': 'Timarvode bara för kortare insatser',
  all: 'Timarvode för alla insatser',
};

export const FEE_MODE_LABELS: Record<string, string> = {
  'per-session': 'Per tillfälle (heldag, halvdag, kortare insats)',
  hourly: 'Per timme',
};

export const PAYOUT_FREQUENCY_LABELS: Record<string, string> = { monthly: 'Varje månad', quarterly: 'Varje kvartal' };

export const PAYER_KIND_LABELS: Record<string, string> = {
  national: 'Nationell (SKR)',
  'healthcare-region': 'Sjukvårdsregion',
  region: 'Region',
};

export const ACTIVITY_KIND_LABELS: Record<string, string> = {
  meeting: 'Möte (på plats, video eller telefon)',
  introduction: 'Introduktion',
  'extra-preparation': 'Överenskommet extra förberedelsearbete',
  'open-information-meeting': 'Öppet informationsmöte (ingen ersättning)',
};

export const FEE_TIER_LABELS: Record<string, string> = {
  'full-day': 'Heldag',
  'half-day': 'Halvdag',
  short: 'Kortare insats',
  hourly: 'Per timme',
};

export const LINE_KIND_LABELS: Record<string, string> = {
  fee: 'Arvode',
  contributions: 'Arbetsgivaravgifter',
  tax: 'Skatteavdrag',
};

export const PARTICIPATION_LABELS: Record<string, string> = { 'on-site': 'På plats', video: 'Via video', phone: 'Via telefon' };

export const TIME_REPORT_STATE_LABELS: Record<string, string> = {
  draft: 'Utkast – inte inskickad',
  submitted: 'Inskickad – väntar på attest',
  attested: 'Attesterad',
  rejected: 'Avslagen – kan ändras och skickas igen',
};

export const ATTESTATION_LABELS: Record<string, string> = { confirm: 'Godkänd som rapporterad', adjust: 'Justerad', reject: 'Avslagen' };

export const LINE_PAYOUT_STATE_LABELS: Record<string, string> = {
  pending: 'Med i en kommande utbetalning',
  paid: 'Utbetald',
  held: 'Pausad',
  released: 'Släppt för utbetalning',
};

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  agreement: 'Överenskommelse',
  declaration: 'Jävsdeklaration',
  'payout-slip': 'Utbetalningsbesked',
};

export const SIGNER_ROLE_LABELS: Record<string, string> = {
  representative: 'företrädaren',
  countersigner: 'samordnaren för gruppen (kontrasignering)',
  declarant: 'den som deklarerar',
  assessor: 'samordnarens bedömning',
};

export const PERSPECTIVE_LABELS: Record<string, string> = { patient: 'Patient', 'next-of-kin': 'Närstående' };

export const REPRESENTATION_LABELS: Record<string, string> = {
  mandate: 'Organisationens mandat',
  'own-experience': 'Egen erfarenhet',
  both: 'Både organisationens mandat och egen erfarenhet',
};

export const REPRESENTATION_HINTS: Record<string, string> = {
  mandate: 'Bär organisationens kunskap, återrapporterar till den och sitter så länge organisationen har förtroende för personen.',
  'own-experience': 'Talar för sig själv och sitter den överenskomna perioden.',
  both: 'Båda delarna.',
};

export const REQUEST_STATE_LABELS: Record<string, string> = {
  sent: 'Väntar på svar',
  reminded: 'Väntar på svar (påmind)',
  nominated: 'Har nominerat',
  declined: 'Avstår',
  'no-answer': 'Svarade inte i tid',
  cancelled: 'Avbruten',
};

export const NOMINATION_STATE_LABELS: Record<string, string> = {
  submitted: 'Väntar på ditt beslut',
  proposed: 'Väntar på ditt beslut',
  appointed: 'Utsedd',
  rejected: 'Avböjd',
};

export const ASSIGNMENT_STATE_LABELS: Record<string, string> = {
  nominated: 'Erbjuden uppdraget – väntar på svar',
  accepted: 'Har tackat ja – person- och betalningsuppgifter saknas',
  declined: 'Tackade nej',
  'details-given': 'Uppgifterna är lämnade – överenskommelsen tas fram',
  'agreement-drafted': 'Överenskommelsen väntar på företrädarens underskrift',
  signed: 'Överenskommelsen väntar på kontrasignering',
  countersigned: 'Jävsdeklarationen saknas',
  'declaration-submitted': 'Jävsdeklarationen granskas',
  'declaration-needs-changes': 'Jävsdeklarationen behöver kompletteras',
  'declaration-approved': 'Introduktionen återstår',
  active: 'Aktivt uppdrag',
  ended: 'Avslutat',
};

export const END_REASON_LABELS: Record<string, string> = {
  'period-ended': 'uppdragets tid är slut',
  withdrawn: 'företrädaren har avslutat uppdraget',
  'mandate-withdrawn': 'organisationen har dragit tillbaka sitt mandat',
  'group-ended': 'gruppen har avslutats',
  declined: 'personen tackade nej',
  'no-answer': 'personen svarade inte i tid',
  'step-overdue': 'ett steg blev inte gjort trots påminnelser',
};

export const PERIOD_STATE_LABELS: Record<string, string> = {
  open: 'Pågår',
  'awaiting-report': 'Väntar på din rapport',
  submitted: 'Inskickad',
  attested: 'Attesterad',
  missed: 'Ingen rapport kom in',
  unattested: 'Inte attesterad i tid',
};

export const BATCH_STATE_LABELS: Record<string, string> = {
  draft: 'Utkast – väntar på godkännande',
  approved: 'Godkänd',
  cancelled: 'Avslagen',
  empty: 'Inget att betala ut',
};

export const ORGANISATION_PERSPECTIVE_LABELS: Record<string, string> = {
  patient: 'Patienter',
  'next-of-kin': 'Närstående',
  both: 'Patienter och närstående',
};

/** The kinds of a group's activity (what the coordinator calls to). */
export const GROUP_ACTIVITY_KINDS = ['meeting', 'other-work', 'extra-preparation', 'open-information-meeting'] as const;

export const GROUP_ACTIVITY_KIND_LABELS: Record<string, string> = {
  meeting: 'Möte',
  'other-work': 'Annat arbete',
  'extra-preparation': 'Överenskommet extra förberedelsearbete',
  'open-information-meeting': 'Öppet informationsmöte (ingen ersättning)',
};

export const GROUP_ACTIVITY_KIND_HINTS: Record<string, string> = {
  meeting: 'Ett möte som gruppen kallar till, på plats, via video eller telefon.',
  'other-work': 'Arbete utanför möten som gruppen ber om, till exempel att läsa och lämna synpunkter på ett underlag.',
  'extra-preparation': 'Till exempel en inläsningsdag, när den står i företrädarnas överenskommelse.',
  'open-information-meeting': 'Ett möte som är öppet för alla. Det ger inget arvode.',
};

/** How an activity is held (the same codes as a report's participation). */
export const ACTIVITY_MODE_LABELS: Record<string, string> = { 'on-site': 'På plats', video: 'Via video', phone: 'Via telefon' };

export const FEE_RULE_LABELS: Record<string, string> = {
  'by-length': 'Efter tiden: heldag, halvdag eller kortare insats',
  hourly: 'Per timme',
  'full-day': 'Heldag',
  'half-day': 'Halvdag',
  short: 'Kortare insats',
};

export const FEE_RULE_HINTS: Record<string, string> = {
  'by-length': 'Arvodet avgörs av den tid var och en rapporterar, restiden inräknad.',
  hourly: 'Arvode för varje timme enligt taxetabellen.',
  'full-day': 'Samma arvode för alla som deltar, oavsett tid.',
  'half-day': 'Samma arvode för alla som deltar, oavsett tid.',
  short: 'Samma arvode för alla som deltar, oavsett tid.',
};

/** The agreement's state, as the representative reads it on "Mina uppdrag". */
export const AGREEMENT_STATE_LABELS: Record<string, string> = {
  drafted: 'Klar att signera',
  signed: 'Signerad av dig, väntar på samordnarens kontrasignering',
  countersigned: 'Signerad av båda parter',
};

/** The declaration of interests' state. */
export const DECLARATION_STATE_LABELS: Record<string, string> = {
  stored: 'Sparad, inte inskickad',
  submitted: 'Inskickad, granskas av samordnaren',
  approved: 'Godkänd',
  'needs-changes': 'Behöver kompletteras',
};

/** What kind of task a task in "Att göra nu" is (for the filter). */
export const TASK_KIND_LABELS: Record<string, string> = {
  'assignment.answer-offer': 'Svara på erbjudande',
  'assignment.give-details': 'Lämna uppgifter',
  'assignment.sign-agreement': 'Signera överenskommelse',
  'assignment.submit-declaration': 'Lämna jävsdeklaration',
  'assignment.revise-declaration': 'Komplettera jävsdeklaration',
  'assignment.countersign-agreement': 'Kontrasignera överenskommelse',
  'assignment.review-declaration': 'Granska jävsdeklaration',
  'assignment.record-introduction': 'Registrera introduktion',
  'report.submit': 'Rapportera tid och kostnader',
  'report.attest': 'Attestera tidrapport',
  'nomination-request.answer': 'Svara på förfrågan om nominering',
  'nomination.decide': 'Pröva nominering',
  'working-group.below-minimum': 'Grupp med för få företrädare',
  'batch.approve': 'Godkänna utbetalning',
};
