import { formatDate, formatKronor, formatPercent, formatTimestamp, PdfLayout, required, TemplateDataError, fileNameParts } from './pdf-layout';
import { TemplateDefinition } from './template';

/**
 * Överenskommelse med patient- eller närståendeföreträdare (Rutin för patientmedverkan §4.3, §4.5.1–4.5.4).
 * The data holds exactly what is printed; free texts are printed in the template's language as given.
 */

export type RepresentativeRole = 'patient' | 'next-of-kin' | 'patient-and-next-of-kin';
export type RepresentationBasis = 'organisation-mandate' | 'own-experience' | 'both';
export type GroupKindCode = 'NPO' | 'NSG' | 'NAG' | 'RPO' | 'RAG';

/** One figure of the rate table: the amount in öre, and the share of the year's prisbasbelopp it is (if any). */
export interface FeeRate {
  amountOre: number;
  percentOfPbb: number | null;
}

export interface AgreementData {
  /** ISO timestamp; printed as "Upprättad" and used as the PDF's creation date. */
  generatedAt: string;
  /** The case the agreement belongs to (e.g. the assignment's reference), printed in the header. */
  caseReference: string;
  representative: { name: string; role: RepresentativeRole };
  group: {
    name: string;
    kind: GroupKindCode;
    /** The NPO or NSG a NAG belongs to, else null. */
    parentName: string | null;
    /** The group's commission (uppdragsbeskrivning). */
    commission: string;
  };
  /** Who pays fees and travel, and why, e.g. { name: 'Region Skåne', basis: 'värdregion för NPO Hjärt- och kärlsjukdomar' }. */
  payer: { name: string; basis: string };
  /** The representative's own assignment in the group. */
  assignment: string;
  /** Estimated time (tidsåtgång): the basis of the fee. */
  timeEstimate: {
    meetings: string;
    meetingHoursPerYear: number | null;
    outsideMeetings: string;
    outsideMeetingHoursPerYear: number | null;
  };
  /** The rate table's figures for the year; nothing is computed from them here. */
  fees: {
    year: number;
    rateTableName: string;
    prisbasbeloppOre: number | null;
    fullDay: FeeRate;
    halfDay: FeeRate;
    /** Per short session (up to 2 hours), when the rate table pays per session. */
    shortSession: FeeRate | null;
    /** Per hour, when the rate table pays per hour. */
    hourly: FeeRate | null;
    /**
     * The rounding rule as people read it, e.g. "till hela kronor, halva kronor uppåt". The wording of
     * src/fees' ROUNDING_RULE_TEXT ("avrundat till hela kronor, 50 öre uppåt") is accepted too: from version 2
     * the sentence leaves out a leading "avrundat", which it says itself ("Beloppen avrundas …").
     */
    rounding: string;
    /** Extra fee agreed for preparation or follow-up, or null. */
    extraPreparation: string | null;
    payoutFrequency: 'monthly' | 'quarterly';
  };
  travel: {
    /** Tax-free own-car rate in öre per mil (10 km), or null when own car is not reimbursed. */
    mileageOrePerMil: number | null;
    /** e.g. "inom 3 månader efter mötet; kvitton högst 6 månader gamla". */
    claimsDeadline: string | null;
    additionalTerms: string | null;
  };
  /** Group-specific additions to the information responsibility, or null. */
  informationResponsibility: string | null;
  /**
   * How often the conflict-of-interest declaration is renewed besides when circumstances change, e.g. "minst en
   * gång per år". From version 2 a leading "när förhållandena ändras och" is left out, since the sentence says
   * that itself ("Den förnyas när dina förhållanden ändras och …").
   */
  declarationRenewal: string;
  /** The agreement's period; `to` null means until further notice. */
  period: { from: string; to: string | null };
  contactPerson: { name: string; title: string; email: string; phone: string | null };
  representation: { basis: RepresentationBasis; nominatingOrganisation: string | null };
  /** Who countersigns for the group (name may be left open). */
  countersigner: { name: string | null; title: string };
}

/** Everything a language variant of the agreement supplies. The structure is shared, so a change there bumps both. */
export interface AgreementTexts {
  title: string;
  fileName: string;
  lang: string;
  caseReference: string;
  drawnUp: string;
  /** A percentage as written in the language (3,6 % / 3.6 %). */
  percent: (p: number) => string;
  roles: Record<RepresentativeRole, string>;
  kinds: Record<GroupKindCode, string>;
  sections: {
    parties: string;
    commission: string;
    assignment: string;
    representation: string;
    time: string;
    fees: string;
    travel: string;
    information: string;
    confidentiality: string;
    period: string;
    contact: string;
    signatures: string;
  };
  partyLabels: { representative: string; group: string; partOf: string; payer: string };
  assignmentFooter: string;
  representation: (basis: RepresentationBasis, org: string | null) => string;
  time: {
    meetings: string;
    outside: string;
    hoursPerYear: (h: number) => string;
    basisNote: string;
  };
  fees: {
    intro: (payer: string) => string;
    table: (year: number, rateTable: string, pbb: string | null) => string;
    columns: [string, string, string];
    fullDay: string;
    halfDay: string;
    shortSession: string;
    hourly: string;
    ofPbb: (p: string) => string;
    fixedAmount: string;
    rounding: (rule: string) => string;
    included: string;
    extraPreparation: (text: string) => string;
    noLostIncome: string;
    noFee: string;
    contributions: (payer: string) => string;
    payout: (frequency: 'monthly' | 'quarterly') => string;
    forsakringskassan: string;
  };
  travel: {
    rules: (payer: string) => string;
    mileage: (amount: string) => string;
    noMileage: string;
    claims: (deadline: string) => string;
  };
  information: string;
  confidentiality: string;
  declaration: (renewal: string) => string;
  period: (from: string, to: string | null) => string;
  ending: string;
  contactLabels: { name: string; email: string; phone: string };
  signatureIntro: string;
  signatureRepresentative: string;
  signatureGroup: string;
  signatureLines: { date: string; sign: string };
  countersignerOpen: string;
}

/**
 * The texts of agreement.sv@1, kept exactly as they printed so agreements made with version 1 re-render
 * unchanged. They repeat words when given src/fees' rounding wording or a renewal that names changed
 * circumstances ("Beloppen avrundas avrundat …", "… ändras och när förhållandena ändras …"): version 2 fixes that.
 */
export const AGREEMENT_TEXTS_SV_V1: AgreementTexts = {
  title: 'Överenskommelse om medverkan som patient- eller närståendeföreträdare',
  fileName: 'Överenskommelse',
  lang: 'sv-SE',
  caseReference: 'Ärende',
  drawnUp: 'Upprättad',
  percent: formatPercent,
  roles: {
    patient: 'patientföreträdare',
    'next-of-kin': 'närståendeföreträdare',
    'patient-and-next-of-kin': 'patient- och närståendeföreträdare',
  },
  kinds: {
    NPO: 'nationellt programområde (NPO)',
    NSG: 'nationell samverkansgrupp (NSG)',
    NAG: 'nationell arbetsgrupp (NAG)',
    RPO: 'sjukvårdsregionalt programområde (RPO)',
    RAG: 'sjukvårdsregional arbetsgrupp (RAG)',
  },
  sections: {
    parties: '1. Parter',
    commission: '2. Gruppens uppdrag',
    assignment: '3. Ditt uppdrag',
    representation: '4. Hur du företräder',
    time: '5. Beräknad tidsåtgång',
    fees: '6. Ersättning',
    travel: '7. Resor',
    information: '8. Informationsansvar',
    confidentiality: '9. Sekretess och jävsdeklaration',
    period: '10. Period',
    contact: '11. Kontaktperson',
    signatures: '12. Underskrifter',
  },
  partyLabels: { representative: 'Företrädare', group: 'Grupp', partOf: 'ingår i', payer: 'Betalar arvode och resor' },
  assignmentFooter:
    'Uppdraget följer gruppens fastställda uppdragsbeskrivning och Rutin för patientmedverkan. Du är fullvärdig medlem i gruppen och erbjuds en introduktion om gruppens syfte och uppdrag, rollerna i gruppen och kunskapsstyrningsorganisationen.',
  representation: (basis, org) => {
    const mandate = `Du företräder ${org ?? 'din organisation'} med organisationens mandat: du för fram organisationens samlade kunskap, återkopplar till organisationen och har uppdraget så länge organisationen har förtroende för dig.`;
    const own = 'Du medverkar utifrån din egen erfarenhet: du talar för dig själv och har uppdraget under den överenskomna perioden.';
    const nominated = org ? ` Du har nominerats av ${org}.` : ' Du har rekryterats direkt, utan nominering från en organisation.';
    if (basis === 'organisation-mandate') return mandate;
    if (basis === 'own-experience') return own + nominated;
    return `Du medverkar både med organisationens mandat och utifrån din egen erfarenhet. ${mandate} När du talar utifrån egen erfarenhet säger du det.`;
  },
  time: {
    meetings: 'Möten',
    outside: 'Arbete utanför möten',
    hoursPerYear: (h) => `Cirka ${String(h).replace('.', ',')} timmar per år.`,
    basisNote: 'Tidsåtgången är uppskattad tillsammans med dig och ligger till grund för ersättningen.',
  },
  fees: {
    intro: (payer) =>
      `Du får ett skattepliktigt arvode per möte eller aktivitet, betalt av ${payer} till dig som privatperson (inte till företag). Tiden räknas inklusive eventuell restid.`,
    table: (year, rateTable, pbb) => `Belopp för ${year} enligt ${rateTable}${pbb ? `, prisbasbelopp ${pbb}` : ''}:`,
    columns: ['Insats', 'Underlag', 'Arvode'],
    fullDay: 'Heldag, mer än fyra timmar',
    halfDay: 'Halvdag, två till fyra timmar',
    shortSession: 'Kortare insats, upp till två timmar',
    hourly: 'Per timme',
    ofPbb: (p) => `${p} av prisbasbeloppet`,
    fixedAmount: 'Fast belopp',
    rounding: (rule) => `Beloppen avrundas ${rule}.`,
    included:
      'Med möten avses fysiska möten och möten per telefon eller video. För- och efterarbete ingår normalt i ersättningen för mötet.',
    extraPreparation: (text) => `Extra ersättning för för- och efterarbete: ${text}`,
    noLostIncome: 'Inkomstbortfall ersätts inte utöver arvodet.',
    noFee:
      'Arvode betalas inte för allmänna öppna möten av informationskaraktär, och inte till den som är anställd i en patient- eller närståendeorganisation där uppdraget ingår i tjänsten.',
    contributions: (payer) => `${payer} betalar arbetsgivaravgifter utöver arvodet och drar preliminärskatt enligt Skatteverkets regler.`,
    payout: (f) =>
      `Du redovisar tid och kostnader efter möten. Utbetalning sker ${f === 'monthly' ? 'månadsvis' : 'kvartalsvis'}, och du får en utbetalningsspecifikation för varje utbetalning.`,
    forsakringskassan:
      'Viktigt om du får ersättning från Försäkringskassan: arvodet kan påverka till exempel sjukersättning, aktivitetsersättning eller sjukpenning. Kontakta din handläggare på Försäkringskassan och kontrollera vilka regler som gäller för dig innan du tar emot arvode.',
  },
  travel: {
    rules: (payer) =>
      `Resekostnader ersätts av ${payer}. Digital medverkan eftersträvas. Resor bokas i god tid, och billiga och miljövänliga alternativ används i möjligaste mån. Biljetter ersätts mot kvitto.`,
    mileage: (amount) => `Resor med egen bil ersätts enligt Skatteverkets regler med ${amount} per mil skattefritt.`,
    noMileage: 'Resor med egen bil ersätts bara efter överenskommelse i förväg.',
    claims: (deadline) => `Begär ersättning ${deadline}.`,
  },
  information:
    'Du för fram patienters och närståendes perspektiv i gruppens arbete. Företräder du en organisation håller du den informerad om arbetet och för dess synpunkter vidare till gruppen. Gruppen ansvarar för att du får underlag i god tid före möten och för att berätta hur det du har bidragit med har tagits om hand.',
  confidentiality:
    'Arbetsmaterial som ännu inte är offentligt, till exempel utkast, sprids inte utanför gruppen (och vid organisationsmandat den egna organisationen) utan gruppens medgivande. Uppgifter om enskilda personer som du får del av i uppdraget för du inte vidare.',
  declaration: (renewal) =>
    `Innan du deltar lämnar du en jävsdeklaration. Den förnyas när dina förhållanden ändras och ${renewal}. Har du jäv i en fråga deltar du inte i den frågan.`,
  period: (from, to) =>
    to ? `Överenskommelsen gäller från och med ${from} till och med ${to}.` : `Överenskommelsen gäller från och med ${from} och tills vidare.`,
  ending:
    'Överenskommelsen upphör också om gruppen avslutas, om du avslutar ditt uppdrag eller om organisationen återkallar sitt mandat. Meddela kontaktpersonen om du vill avsluta.',
  contactLabels: { name: 'Namn', email: 'E-post', phone: 'Telefon' },
  signatureIntro:
    'Överenskommelsen kan signeras elektroniskt i Medverkan. Varje signering redovisas då på ett signeringsintyg som läggs sist i en signerad version av dokumentet.',
  signatureRepresentative: 'Företrädare',
  signatureGroup: 'För gruppen',
  signatureLines: { date: 'Ort och datum', sign: 'Underskrift' },
  countersignerOpen: '(namn fylls i vid kontrasignering)',
};

function checkRate(rate: FeeRate | null, what: string): void {
  if (rate === null) return;
  if (!Number.isSafeInteger(rate.amountOre) || rate.amountOre < 0) throw new TemplateDataError(`${what}: beloppet måste vara ett heltal i öre.`);
}

function hoursOk(h: number | null, what: string): void {
  if (h !== null && !(typeof h === 'number' && Number.isFinite(h) && h >= 0)) throw new TemplateDataError(`${what} måste vara ett antal timmar.`);
}

/** Draws the agreement in the language of `t`. */
export function drawAgreement(layout: PdfLayout, d: AgreementData, t: AgreementTexts): void {
  // Check first, so nothing is drawn from bad data.
  const name = required(d.representative?.name, 'Företrädarens namn');
  const group = required(d.group?.name, 'Gruppens namn');
  required(d.group.commission, 'Gruppens uppdragsbeskrivning');
  required(d.assignment, 'Uppdraget');
  required(d.payer?.name, 'Betalande part');
  required(d.caseReference, 'Ärendet');
  if (!t.roles[d.representative.role]) throw new TemplateDataError('Företrädarens roll är okänd.');
  if (!t.kinds[d.group.kind]) throw new TemplateDataError('Gruppens typ är okänd.');
  checkRate(d.fees.fullDay, 'Heldag');
  checkRate(d.fees.halfDay, 'Halvdag');
  checkRate(d.fees.shortSession, 'Kortare insats');
  checkRate(d.fees.hourly, 'Per timme');
  if (!d.fees.shortSession && !d.fees.hourly) throw new TemplateDataError('Ange arvode för kortare insats eller per timme.');
  if (!Number.isInteger(d.fees.year)) throw new TemplateDataError('Arvodesåret saknas.');
  hoursOk(d.timeEstimate.meetingHoursPerYear, 'Tid för möten');
  hoursOk(d.timeEstimate.outsideMeetingHoursPerYear, 'Tid utanför möten');
  const from = formatDate(d.period.from, 'Periodens början');
  const to = d.period.to === null ? null : formatDate(d.period.to, 'Periodens slut');
  if (to !== null && to < from) throw new TemplateDataError('Perioden slutar före den börjar.');
  const drawnUp = formatTimestamp(d.generatedAt, 'generatedAt');

  layout.title(t.title, group);
  layout.field(t.caseReference, d.caseReference);
  layout.field(t.drawnUp, drawnUp);

  layout.heading(t.sections.parties);
  layout.field(t.partyLabels.representative, `${name}, ${t.roles[d.representative.role]}`);
  const kind = t.kinds[d.group.kind];
  layout.field(t.partyLabels.group, `${group}, ${kind}${d.group.parentName ? `, ${t.partyLabels.partOf} ${d.group.parentName}` : ''}`);
  layout.field(t.partyLabels.payer, d.payer.basis ? `${d.payer.name} (${d.payer.basis})` : d.payer.name);

  layout.heading(t.sections.commission);
  layout.paragraph(d.group.commission);

  layout.heading(t.sections.assignment);
  layout.paragraph(d.assignment);
  layout.paragraph(t.assignmentFooter);

  layout.heading(t.sections.representation);
  layout.paragraph(t.representation(d.representation.basis, d.representation.nominatingOrganisation));

  layout.heading(t.sections.time);
  layout.heading(t.time.meetings, 3);
  layout.paragraph(d.timeEstimate.meetings);
  if (d.timeEstimate.meetingHoursPerYear !== null) layout.paragraph(t.time.hoursPerYear(d.timeEstimate.meetingHoursPerYear));
  layout.heading(t.time.outside, 3);
  layout.paragraph(d.timeEstimate.outsideMeetings);
  if (d.timeEstimate.outsideMeetingHoursPerYear !== null) layout.paragraph(t.time.hoursPerYear(d.timeEstimate.outsideMeetingHoursPerYear));
  layout.paragraph(t.time.basisNote);

  layout.heading(t.sections.fees);
  layout.paragraph(t.fees.intro(d.payer.name));
  const pbb = d.fees.prisbasbeloppOre === null ? null : formatKronor(d.fees.prisbasbeloppOre, { decimals: 'auto' });
  layout.paragraph(t.fees.table(d.fees.year, d.fees.rateTableName, pbb));
  const basis = (r: FeeRate) => (r.percentOfPbb === null ? t.fees.fixedAmount : t.fees.ofPbb(t.percent(r.percentOfPbb)));
  const row = (label: string, r: FeeRate) => [label, basis(r), formatKronor(r.amountOre, { decimals: 'auto' })];
  const rows = [row(t.fees.fullDay, d.fees.fullDay), row(t.fees.halfDay, d.fees.halfDay)];
  if (d.fees.shortSession) rows.push(row(t.fees.shortSession, d.fees.shortSession));
  if (d.fees.hourly) rows.push(row(t.fees.hourly, d.fees.hourly));
  layout.table(
    [
      { header: t.fees.columns[0], width: '*' },
      { header: t.fees.columns[1], width: 160 },
      { header: t.fees.columns[2], width: 90, align: 'right' },
    ],
    rows,
  );
  layout.paragraph(t.fees.rounding(d.fees.rounding));
  layout.paragraph(t.fees.included);
  if (d.fees.extraPreparation) layout.paragraph(t.fees.extraPreparation(d.fees.extraPreparation));
  layout.paragraph(t.fees.noLostIncome);
  layout.paragraph(t.fees.noFee);
  layout.paragraph(t.fees.contributions(d.payer.name));
  layout.paragraph(t.fees.payout(d.fees.payoutFrequency));
  layout.paragraph(t.fees.forsakringskassan, { bold: true });

  layout.heading(t.sections.travel);
  layout.paragraph(t.travel.rules(d.payer.name));
  layout.paragraph(
    d.travel.mileageOrePerMil === null ? t.travel.noMileage : t.travel.mileage(formatKronor(d.travel.mileageOrePerMil, { decimals: 'auto' })),
  );
  if (d.travel.claimsDeadline) layout.paragraph(t.travel.claims(d.travel.claimsDeadline));
  if (d.travel.additionalTerms) layout.paragraph(d.travel.additionalTerms);

  layout.heading(t.sections.information);
  layout.paragraph(t.information);
  if (d.informationResponsibility) layout.paragraph(d.informationResponsibility);

  layout.heading(t.sections.confidentiality);
  layout.paragraph(t.confidentiality);
  layout.paragraph(t.declaration(required(d.declarationRenewal, 'Förnyelse av jävsdeklaration')));

  layout.heading(t.sections.period);
  layout.paragraph(t.period(from, to));
  layout.paragraph(t.ending);

  layout.heading(t.sections.contact);
  layout.field(t.contactLabels.name, `${required(d.contactPerson?.name, 'Kontaktpersonen')}, ${d.contactPerson.title}`);
  layout.field(t.contactLabels.email, d.contactPerson.email);
  if (d.contactPerson.phone) layout.field(t.contactLabels.phone, d.contactPerson.phone);

  layout.heading(t.sections.signatures);
  layout.paragraph(t.signatureIntro, { muted: true });
  layout.signatureFields([
    { heading: t.signatureRepresentative, name, dateLabel: t.signatureLines.date, signLabel: t.signatureLines.sign },
    {
      heading: `${t.signatureGroup}: ${d.countersigner.title}`,
      name: d.countersigner.name ?? t.countersignerOpen,
      dateLabel: t.signatureLines.date,
      signLabel: t.signatureLines.sign,
    },
  ]);
}

/**
 * The text `leading` would repeat in a sentence that already says it, left out (and the result trimmed); the
 * text as given when it does not start with it.
 */
export function withoutLeading(text: string, leading: RegExp): string {
  return text.trim().replace(leading, '').trim();
}

/** Words the data may start with that the version 2 sentences say themselves. */
const SV_ROUNDED = /^(?:avrundat|avrundade|avrundas)\s+/i;
const SV_CIRCUMSTANCES_CHANGE = /^när\s+(?:dina\s+)?förhållande(?:n|na)\s+ändras\s*(?:,\s*)?(?:och\s+)?/i;

/** Version 2: reads well with the rounding wording and the renewal text the application gives (see AgreementData). */
export const AGREEMENT_TEXTS_SV: AgreementTexts = {
  ...AGREEMENT_TEXTS_SV_V1,
  fees: { ...AGREEMENT_TEXTS_SV_V1.fees, rounding: (rule) => `Beloppen avrundas ${withoutLeading(rule, SV_ROUNDED)}.` },
  declaration: (renewal) => {
    const also = withoutLeading(renewal, SV_CIRCUMSTANCES_CHANGE);
    return `Innan du deltar lämnar du en jävsdeklaration. Den förnyas när dina förhållanden ändras${also ? ` och ${also}` : ''}. Har du jäv i en fråga deltar du inte i den frågan.`;
  },
};

/** One version of one language variant of the agreement: the shared drawing with that version's texts. */
export const agreementDefinition = (id: string, version: string, texts: AgreementTexts): TemplateDefinition<AgreementData> => ({
  id,
  version,
  kind: 'agreement',
  lang: texts.lang,
  title: (d) => `${texts.title} – ${d.group.name} – ${d.representative.name}`,
  fileName: (d) => fileNameParts(texts.fileName, d.representative.name, d.period.from),
  draw: (layout, d) => drawAgreement(layout, d, texts),
});

/** agreement.sv@1: kept for agreements made with it (templates/index.ts ALL_TEMPLATE_VERSIONS). */
export const agreementSvV1 = agreementDefinition('agreement.sv', '1', AGREEMENT_TEXTS_SV_V1);
/** The current Swedish agreement. */
export const agreementSv = agreementDefinition('agreement.sv', '2', AGREEMENT_TEXTS_SV);
