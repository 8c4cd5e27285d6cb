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

/** Which due date a paying body's employer return has (skatteförfarandelagen 26 kap.). */
export const AGI_DUE_RULE_LABELS: Record<string, string> = {
  'municipality-region': 'Kommun eller region: den 12:e månaden efter',
  'vat-up-to-40m': 'Momspliktig, högst 40 miljoner kr: den 12:e (den 17:e i januari och augusti)',
  'vat-over-40m': 'Momspliktig, över 40 miljoner kr: den 26:e månaden efter',
  'no-vat': 'Inte momspliktig: den 12:e (den 17:e i januari och augusti)',
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

/** The coordinator's decision on a report, as the API reports it (`attestation.decision`). */
export const ATTESTATION_LABELS: Record<string, string> = { confirmed: 'Godkänd som rapporterad', adjusted: 'Justerad', rejected: 'Avslagen' };

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
  'yearly-report': 'Årsrapport',
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

/** A nomination's outcome as the organisation that made it reads it (issue 16 #1, 17 #4). */
export const NOMINATION_OUTCOME_LABELS: Record<string, string> = {
  proposed: 'Väntar på samordnarens beslut',
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

export const ROLE_LABELS: Record<'admin' | 'coordinator' | 'org-contact' | 'representative' | 'finance', string> = {
  admin: 'Administratör',
  coordinator: 'Samordnare',
  'org-contact': 'Kontaktperson för organisation',
  representative: 'Patient- eller närståendeföreträdare',
  finance: 'Ekonomi',
};

export const USER_STATUS_LABELS: Record<string, string> = { invited: 'Inbjuden, har inte valt lösenord', active: 'Aktiv', disabled: 'Avstängd' };

export const INVITATION_DELIVERY_LABELS: Record<string, string> = {
  smtp: 'Skickad med e-post',
  outbox: 'Sparad i tjänstens utkorg',
  failed: 'Kunde inte skickas',
  none: 'Inte skickad',
};

/** An assignment's place in the group's staffing (the recruitment's count). */
export const STAFFING_ASSIGNMENT_STATE_LABELS: Record<string, string> = { onboarding: 'På väg in i uppdraget', active: 'Aktivt uppdrag' };

export const TAX_MODE_LABELS: Record<string, string> = { 'side-income': 'Sidoinkomst (30 %)', 'tax-table': 'Enligt skattetabell' };

export const SIGNATURE_METHOD_LABELS: Record<string, string> = { 'authenticated-user': 'Inloggad i Medverkan' };

export const DOCUMENT_VARIANT_LABELS: Record<string, string> = { original: 'Original', sealed: 'Signerad version' };

/** The agreement's state, as the representative reads it on "Mina uppdrag". */
export const AGREEMENT_STATE_LABELS: Record<string, string> = {
  drafted: 'Klar att signera',
  signed: 'Signerad av dig, väntar på samordnarens kontrasignering',
  countersigned: 'Signerad av båda parter',
};

/** A stored declaration of interests. */
export const DECLARATION_RECORD_STATE_LABELS: Record<string, string> = {
  stored: 'Sparad',
  submitted: 'Inskickad – granskas',
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
  'assignment.decide-overdue-step': 'Besluta om försenat steg',
  'report.submit': 'Rapportera tid och kostnader',
  'report.attest': 'Attestera tidrapport',
  'nomination-request.answer': 'Svara på förfrågan om nominering',
  'nomination.decide': 'Pröva nominering',
  'working-group.below-minimum': 'Grupp med för få företrädare',
  'working-group.yearly-review': 'Årlig översyn av grupp',
  'batch.approve': 'Godkänna utbetalning',
  'input.evaluate': 'Svara: kom din kunskap till användning?',
  'material.send-overdue': 'Skicka underlag som är försenat',
  'material.sent-late': 'Underlag skickades för sent',
  'rate-table.next-year-missing': 'Lägg in nästa års taxetabell',
  'rate-table.next-year-own-missing': 'Betalarens egen taxetabell för nästa år saknas',
};

/** Where the assignment's declaration of interests stands (the workflow's view). */
export const DECLARATION_STATE_LABELS: Record<string, string> = {
  none: 'Inte lämnad',
  submitted: 'Inskickad – granskas',
  'needs-changes': 'Behöver kompletteras',
  approved: 'Godkänd',
  due: 'Dags att lämna en ny',
  overdue: 'En ny skulle ha lämnats',
};

export const REVIEW_OUTCOME_LABELS: Record<string, string> = { approved: 'Godkänd', 'needs-changes': 'Behöver kompletteras' };

export const PAYOUT_RUN_PHASE_LABELS: Record<string, string> = {
  gathering: 'Sammanställs',
  'awaiting-approval': 'Väntar på godkännande',
  approved: 'Godkänd',
  cancelled: 'Avslagen',
  empty: 'Inget att betala ut',
};

export const AGI_PAY_FIELD_LABELS: Record<string, string> = { '011': 'Kontant ersättning (fält 011)', '131': 'Ersättning utan arbetsgivaravgifter (fält 131)' };

export const BATCH_WARNING_KIND_LABELS: Record<string, string> = { 'payment-details-changed': 'Betalningsuppgifterna har ändrats' };

export const WAITING_FOR_LABELS: Record<string, string> = { representative: 'Företrädaren', coordinator: 'Samordnaren' };

/** What the coordinator chooses when attesting (the request's `decision`). */
export const ATTEST_ACTION_LABELS: Record<string, string> = { confirm: 'Godkänn som rapporterad', adjust: 'Godkänn med justering', reject: 'Avslå' };

export const REPORTING_FREQUENCY_LABELS: Record<string, string> = { monthly: 'Varje månad', quarterly: 'Varje kvartal' };

/** An assignment's fee (the agreement's terms): per session or per hour. */
export const ASSIGNMENT_FEE_MODE_LABELS: Record<string, string> = { session: 'Per möte (heldag, halvdag, kortare insats)', hourly: 'Per timme' };

export const INTRODUCTION_KIND_LABELS: Record<string, string> = { digital: 'Digital introduktion', meeting: 'Introduktionsmöte' };

export const PAIN_VERSION_LABELS: Record<string, string> = { 'pain.001.001.09': 'pain.001 version 09 (ISO 20022, 2019)', 'pain.001.001.03': 'pain.001 version 03 (äldre)' };

export const CATEGORY_PURPOSE_LABELS: Record<string, string> = { SALA: 'Lön (SALA)', SUPP: 'Leverantörsbetalning (SUPP)' };

/** The staffing state of a group's recruitment (the workflow's own view, without "not started"). */
export const RECRUITMENT_STATUS_LABELS: Record<string, string> = RECRUITMENT_STATE_LABELS;

/** How a paying body's own account is given. */
export const ACCOUNT_KIND_LABELS: Record<string, string> = { bban: 'Svenskt konto (clearingnummer och kontonummer)', iban: 'IBAN' };

/** Where a line of a rate change's effect comes from (issue 18 #7). */
export const EFFECT_SOURCE_LABELS: Record<string, string> = { attested: 'Attesterad, inte utbetald', 'open-agreement': 'Kommande aktivitet i en öppen överenskommelse' };

export const F_SKATT_POLICY_LABELS: Record<string, string> = {
  refuse: 'Avvisas (rutinen betalar bara privatpersoner)',
  'pay-without-deductions': 'Betalas utan skatteavdrag och arbetsgivaravgifter',
};

/** Whose turn the next step of an assignment is ("Mina uppdrag"). */
export const NEXT_STEP_WHO_LABELS: Record<string, string> = {
  you: 'Din tur',
  coordinator: 'Samordnarens tur',
  workflow: 'Tjänsten gör det själv',
  nobody: 'Inget steg väntar',
};

export const FEE_SCHEDULE_TIER_LABELS: Record<string, string> = { ...FEE_TIER_LABELS, hour: 'Per timme' };

export const PAYOUT_WORKLIST_NEXT_LABELS: Record<string, string> = {
  'ordinary-run-after-period': 'Betalas i den ordinarie körningen när perioden har slutat',
  'ordinary-run-due': 'Den ordinarie körningen kan sammanställas nu',
  'after-open-draft': 'Väntar tills det öppna utkastet är godkänt eller avslaget',
  'supplementary-run': 'Periodens körning är redan godkänd: en tilläggskörning behövs',
};

export const TAX_STATUS_LABELS: Record<string, string> = { none: 'Ingen av dem', 'fa-skatt': 'FA-skatt', 'f-skatt': 'F-skatt' };

export const INVITATION_STATE_LABELS: Record<string, string> = {
  'not-sent': 'Inte skickad',
  sent: 'Skickad, inte använd än',
  used: 'Använd – kontot är aktiverat',
  expired: 'Har gått ut',
  revoked: 'Ersatt av en ny inbjudan',
};

export const OVERDUE_DECISION_LABELS: Record<string, string> = { extend: 'Förläng tidsfristen', end: 'Avsluta uppdraget' };

/**
 * Every code the API can answer or take, by schema and field of its OpenAPI document, and the Swedish names it is
 * shown with. test/web-labels.spec.ts checks that every enum value of the document (and so of the generated types)
 * has a name here, so a new code never reaches a page as itself.
 */

/** Representativeness and workload (issue 19 #2). */
export const AGE_BAND_LABELS: Record<string, string> = { 'under-30': 'Under 30 år', '30-49': '30–49 år', '50-64': '50–64 år', '65-plus': '65 år eller äldre' };
export const WORK_STATUS_LABELS: Record<string, string> = { working: 'I arbete', 'not-working': 'Inte i arbete' };
export const DIVERSITY_VALUE_LABELS: Record<string, string> = {
  ...AGE_BAND_LABELS,
  ...PERSPECTIVE_LABELS,
  ...WORK_STATUS_LABELS,
  ...REGION_LABELS,
  'not-answered': 'Har inte svarat',
};
export const DIVERSITY_DIMENSION_LABELS: Record<string, string> = {
  ageBand: 'Ålder',
  perspective: 'Patient eller närstående',
  work: 'I arbete eller inte',
  region: 'Sjukvårdsregion där man bor',
};
export const DIVERSITY_SCOPE_LABELS: Record<string, string> = { national: 'Hela landet', region: 'En sjukvårdsregion', npo: 'Ett programområde (NPO)' };
export const BELOW_SINCE_REASON_LABELS: Record<string, string> = {
  'representative-left': 'sedan en företrädare lämnade',
  'never-staffed': 'har aldrig haft tillräckligt många (sedan gruppen skapades)',
};

/** What became of an input item (issue 19 #1). */
export const INPUT_OUTCOME_LABELS: Record<string, string> = { 'taken-in': 'Togs in', 'changed-text': 'Ändrade texten', 'not-taken-in': 'Togs inte in' };
/** A meeting's material against the group's notice policy (issue 19 #3). */
export const MATERIAL_STATUS_LABELS: Record<string, string> = {
  'on-time': 'I tid',
  late: 'Skickat för sent',
  'not-sent-overdue': 'Inte skickat – sista dagen har passerat',
  'not-due-yet': 'Inte skickat ännu',
};

/** The decision of a group's yearly review (§3.2). */
export const REVIEW_DECISION_LABELS: Record<string, string> = {
  continue: 'Gruppen fortsätter som i dag',
  change: 'Gruppen fortsätter med förändringar',
  end: 'Gruppen avslutas',
};

export const ENUM_LABELS: Record<string, Record<string, string>> = {
  'RecordInputItemDto.outcome': INPUT_OUTCOME_LABELS,
  'ChangeInputItemDto.outcome': INPUT_OUTCOME_LABELS,
  'InputItemDto.outcome': INPUT_OUTCOME_LABELS,
  'MeetingMaterialDto.status': MATERIAL_STATUS_LABELS,
  'ReviewRepresentativeDto.perspective': PERSPECTIVE_LABELS,
  'ReviewRepresentativeDto.representation': REPRESENTATION_LABELS,
  'ReviewRepresentativeDto.state': ASSIGNMENT_STATE_LABELS,
  'ReviewActivityDto.kind': GROUP_ACTIVITY_KIND_LABELS,
  'ReviewActivityDto.mode': ACTIVITY_MODE_LABELS,
  'ReviewDecisionDto.decision': REVIEW_DECISION_LABELS,
  'RecordReviewDecisionDto.decision': REVIEW_DECISION_LABELS,
  'GroupReviewDto.groupKind': GROUP_KIND_LABELS,
  'GroupStaffingDto.kind': GROUP_KIND_LABELS,
  'GroupStaffingDto.belowSinceReason': BELOW_SINCE_REASON_LABELS,
  'OrganisationLastAskedDto.perspective': ORGANISATION_PERSPECTIVE_LABELS,
  'SaveDiversityDto.consent': { true: 'Jag samtycker' },
  'SaveDiversityDto.ageBand': AGE_BAND_LABELS,
  'SaveDiversityDto.perspective': PERSPECTIVE_LABELS,
  'SaveDiversityDto.work': WORK_STATUS_LABELS,
  'SaveDiversityDto.region': REGION_LABELS,
  'DiversityAnswersDto.ageBand': AGE_BAND_LABELS,
  'DiversityAnswersDto.perspective': PERSPECTIVE_LABELS,
  'DiversityAnswersDto.work': WORK_STATUS_LABELS,
  'DiversityAnswersDto.region': REGION_LABELS,
  'DiversityCellDto.value': DIVERSITY_VALUE_LABELS,
  'DiversityDimensionDto.dimension': DIVERSITY_DIMENSION_LABELS,
  'DiversityFiguresDto.scope': DIVERSITY_SCOPE_LABELS,
  'DiversityFiguresDto.missingAgeBands': AGE_BAND_LABELS,
  'DiversityNpoDto.hostRegion': REGION_LABELS,
  'DiversityScopesDto.regions': REGION_LABELS,
  'CreateWorkingGroupDto.kind': GROUP_KIND_LABELS,
  'CreateWorkingGroupDto.hostRegion': REGION_LABELS,
  'WorkingGroupDto.kind': GROUP_KIND_LABELS,
  'WorkingGroupDto.hostRegion': REGION_LABELS,
  'WorkingGroupDto.recruitmentState': RECRUITMENT_STATE_LABELS,
  'RecruitmentRequestDto.state': REQUEST_STATE_LABELS,
  'RecruitmentAssignmentDto.state': STAFFING_ASSIGNMENT_STATE_LABELS,
  'RecruitmentStatusDto.state': RECRUITMENT_STATUS_LABELS,
  'AuthUserDto.roles': ROLE_LABELS,
  'HourlyRulesDto.counting': HOURLY_COUNTING_LABELS,
  'HourlyRulesDto.scope': HOURLY_SCOPE_LABELS,
  'ContributionRatesDto.rounding': ROUNDING_LABELS,
  'TaxRatesDto.rounding': ROUNDING_LABELS,
  'CreateRateTableDto.defaultFeeMode': FEE_MODE_LABELS,
  'CreateRateTableDto.rounding': ROUNDING_LABELS,
  'RateTableViewDto.defaultFeeMode': FEE_MODE_LABELS,
  'RateTableViewDto.rounding': ROUNDING_LABELS,
  'SupersedeRateTableDto.defaultFeeMode': FEE_MODE_LABELS,
  'SupersedeRateTableDto.rounding': ROUNDING_LABELS,
  'AgiSettingsDto.dueRule': AGI_DUE_RULE_LABELS,
  'PayingBodyDto.kind': PAYER_KIND_LABELS,
  'PayingBodyDto.healthcareRegion': REGION_LABELS,
  'PayingBodyDto.payoutFrequency': PAYOUT_FREQUENCY_LABELS,
  'PreviewActivityDto.kind': ACTIVITY_KIND_LABELS,
  'PreviewActivityDto.agreedTier': FEE_TIER_LABELS,
  'PreviewFeesDto.feeMode': FEE_MODE_LABELS,
  'PreviewFeesDto.taxMode': TAX_MODE_LABELS,
  'SignatureViewDto.role': SIGNER_ROLE_LABELS,
  'SignatureViewDto.method': SIGNATURE_METHOD_LABELS,
  'DocumentViewDto.kind': DOCUMENT_KIND_LABELS,
  'DocumentViewDto.variant': DOCUMENT_VARIANT_LABELS,
  'DocumentViewDto.pendingRoles': SIGNER_ROLE_LABELS,
  'CreateSignatureDto.role': SIGNER_ROLE_LABELS,
  'UserViewDto.roles': ROLE_LABELS,
  'UserViewDto.status': USER_STATUS_LABELS,
  'InviteUserDto.roles': ROLE_LABELS,
  'InvitationInfoDto.delivery': INVITATION_DELIVERY_LABELS,
  'AccessDto.roles': ROLE_LABELS,
  'CreateTimeReportDto.participation': PARTICIPATION_LABELS,
  'ActivityDto.kind': GROUP_ACTIVITY_KIND_LABELS,
  'ActivityDto.mode': ACTIVITY_MODE_LABELS,
  'ActivityDto.feeRule': FEE_RULE_LABELS,
  'AttestationDto.decision': ATTESTATION_LABELS,
  'LinePayoutViewDto.state': LINE_PAYOUT_STATE_LABELS,
  'TimeReportViewDto.kind': ACTIVITY_KIND_LABELS,
  'TimeReportViewDto.participation': PARTICIPATION_LABELS,
  'TimeReportViewDto.state': TIME_REPORT_STATE_LABELS,
  'UpdateTimeReportDto.participation': PARTICIPATION_LABELS,
  'AttestTimeReportDto.decision': ATTEST_ACTION_LABELS,
  'PayoutBatchDto.state': BATCH_STATE_LABELS,
  'PayoutRunStatusDto.phase': PAYOUT_RUN_PHASE_LABELS,
  'BatchPersonDto.agiPayField': AGI_PAY_FIELD_LABELS,
  'BatchLineDto.state': LINE_PAYOUT_STATE_LABELS,
  'BatchWarningDto.kind': BATCH_WARNING_KIND_LABELS,
  'NominationRequestDto.state': REQUEST_STATE_LABELS,
  'NomineeDto.perspective': PERSPECTIVE_LABELS,
  'NominationViewDto.state': NOMINATION_STATE_LABELS,
  'NominationViewDto.representation': REPRESENTATION_LABELS,
  'RequestNominationDto.perspective': PERSPECTIVE_LABELS,
  'RequestNominationDto.representation': REPRESENTATION_LABELS,
  'RequestNominationDto.state': NOMINATION_OUTCOME_LABELS,
  'NominateDto.perspective': PERSPECTIVE_LABELS,
  'NominateDto.representation': REPRESENTATION_LABELS,
  'AppointDto.reportingFrequency': REPORTING_FREQUENCY_LABELS,
  'AppointDto.feeMode': ASSIGNMENT_FEE_MODE_LABELS,
  'AssignmentRecordDto.representation': REPRESENTATION_LABELS,
  'AssignmentRecordDto.state': ASSIGNMENT_STATE_LABELS,
  'AssignmentRecordDto.feeMode': ASSIGNMENT_FEE_MODE_LABELS,
  'AssignmentRecordDto.reportingFrequency': REPORTING_FREQUENCY_LABELS,
  'AssignmentRecordDto.endReason': END_REASON_LABELS,
  'AssignmentRecordDto.introductionKind': INTRODUCTION_KIND_LABELS,
  'CompleteIntroductionDto.kind': INTRODUCTION_KIND_LABELS,
  'PayingBodySettingsPatchDto.payoutFrequency': PAYOUT_FREQUENCY_LABELS,
  'PayingBodySettingsPatchDto.painVersion': PAIN_VERSION_LABELS,
  'PayingBodySettingsPatchDto.categoryPurpose': CATEGORY_PURPOSE_LABELS,
  'PayingBodySettingsPatchDto.fSkattPolicy': F_SKATT_POLICY_LABELS,
  'PayingBodySettingsViewDto.payoutFrequency': PAYOUT_FREQUENCY_LABELS,
  'PayingBodySettingsViewDto.painVersion': PAIN_VERSION_LABELS,
  'PayingBodySettingsViewDto.categoryPurpose': CATEGORY_PURPOSE_LABELS,
  'PayingBodySettingsViewDto.fSkattPolicy': F_SKATT_POLICY_LABELS,
  'PayingBodyAccountViewDto.kind': ACCOUNT_KIND_LABELS,
  'AgiSettingsViewDto.dueRule': AGI_DUE_RULE_LABELS,
  'EffectLineDto.source': EFFECT_SOURCE_LABELS,
  'AgreementSummaryDto.state': AGREEMENT_STATE_LABELS,
  'DeclarationSummaryDto.state': DECLARATION_RECORD_STATE_LABELS,
  'ReportingPeriodDto.state': PERIOD_STATE_LABELS,
  'StatusDeclarationDto.state': DECLARATION_STATE_LABELS,
  'StatusPeriodDto.state': PERIOD_STATE_LABELS,
  'StatusReportingDto.frequency': REPORTING_FREQUENCY_LABELS,
  'AssignmentStatusDto.representation': REPRESENTATION_LABELS,
  'AssignmentStatusDto.state': ASSIGNMENT_STATE_LABELS,
  'AssignmentStatusDto.endReason': END_REASON_LABELS,
  'AssignmentStatusDto.waitingFor': WAITING_FOR_LABELS,
  'ReviewDeclarationDto.outcome': REVIEW_OUTCOME_LABELS,
  'OrganisationDto.perspective': ORGANISATION_PERSPECTIVE_LABELS,
  'CreateOrganisationDto.perspective': ORGANISATION_PERSPECTIVE_LABELS,
  'UpdateOrganisationDto.perspective': ORGANISATION_PERSPECTIVE_LABELS,
  'CreateGroupActivityDto.kind': GROUP_ACTIVITY_KIND_LABELS,
  'CreateGroupActivityDto.mode': ACTIVITY_MODE_LABELS,
  'CreateGroupActivityDto.feeRule': FEE_RULE_LABELS,
  'UpdateGroupActivityDto.kind': GROUP_ACTIVITY_KIND_LABELS,
  'UpdateGroupActivityDto.mode': ACTIVITY_MODE_LABELS,
  'UpdateGroupActivityDto.feeRule': FEE_RULE_LABELS,
  'PayingBodyDto.fSkattPolicy': F_SKATT_POLICY_LABELS,
  'MyAssignmentNextStepDto.who': NEXT_STEP_WHO_LABELS,
  'MyAssignmentPeriodDto.state': PERIOD_STATE_LABELS,
  'MyAssignmentDocumentDto.kind': DOCUMENT_KIND_LABELS,
  'MyAssignmentDeclarationDto.state': DECLARATION_RECORD_STATE_LABELS,
  'FeeScheduleTierView.tier': FEE_SCHEDULE_TIER_LABELS,
  'FeeScheduleView.feeMode': ASSIGNMENT_FEE_MODE_LABELS,
  'PayoutWorklistRunDto.state': BATCH_STATE_LABELS,
  'PayoutWorklistPeriodDto.next': PAYOUT_WORKLIST_NEXT_LABELS,
  'PayoutWorklistDto.frequency': PAYOUT_FREQUENCY_LABELS,
  'AssignmentRecordDto.perspective': PERSPECTIVE_LABELS,
  'PersonalDetailsDto.taxStatus': TAX_STATUS_LABELS,
  'OverdueStepDto.decision': OVERDUE_DECISION_LABELS,
  'InvitationStatusDto.state': INVITATION_STATE_LABELS,
};
