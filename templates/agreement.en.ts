import { agreementDefinition, AgreementTexts, withoutLeading } from './agreement.sv';
import { formatPercent } from './pdf-layout';

/**
 * The agreement in English, for representatives who read English better than Swedish. Same data and structure
 * as agreement.sv (free texts in the data are printed as given, so supply them in English).
 */
/** The texts of agreement.en@1, kept exactly as they printed (see AGREEMENT_TEXTS_SV_V1). */
export const AGREEMENT_TEXTS_EN_V1: AgreementTexts = {
  title: 'Agreement on participation as a patient or next-of-kin representative',
  fileName: 'Agreement',
  lang: 'en-GB',
  caseReference: 'Case',
  drawnUp: 'Drawn up',
  percent: (p) => `${formatPercent(p).replace(',', '.')}`,
  roles: {
    patient: 'patient representative',
    'next-of-kin': 'next-of-kin representative',
    'patient-and-next-of-kin': 'patient and next-of-kin representative',
  },
  kinds: {
    NPO: 'national programme area (NPO)',
    NSG: 'national collaboration group (NSG)',
    NAG: 'national working group (NAG)',
    RPO: 'regional programme area (RPO)',
    RAG: 'regional working group (RAG)',
  },
  sections: {
    parties: '1. Parties',
    commission: "2. The group's commission",
    assignment: '3. Your assignment',
    representation: '4. Whom you represent',
    time: '5. Estimated time',
    fees: '6. Fees',
    travel: '7. Travel',
    information: '8. Information responsibility',
    confidentiality: '9. Confidentiality and declaration of interests',
    period: '10. Period',
    contact: '11. Contact person',
    signatures: '12. Signatures',
  },
  partyLabels: { representative: 'Representative', group: 'Group', partOf: 'part of', payer: 'Pays fees and travel' },
  assignmentFooter:
    "The assignment follows the group's adopted commission and the routine for patient participation (Rutin för patientmedverkan). You are a full member of the group and are offered an introduction to the group's purpose and commission, the roles in the group and the knowledge-management organisation.",
  representation: (basis, org) => {
    const mandate = `You represent ${org ?? 'your organisation'} with its mandate: you bring the organisation's combined knowledge, report back to it, and serve as long as the organisation trusts you.`;
    const own = 'You take part on the basis of your own experience: you speak for yourself and serve for the agreed period.';
    const nominated = org ? ` You were nominated by ${org}.` : ' You were recruited directly, without a nomination from an organisation.';
    if (basis === 'organisation-mandate') return mandate;
    if (basis === 'own-experience') return own + nominated;
    return `You take part both with the organisation's mandate and on the basis of your own experience. ${mandate} When you speak from your own experience, you say so.`;
  },
  time: {
    meetings: 'Meetings',
    outside: 'Work outside meetings',
    hoursPerYear: (h) => `About ${h} hours a year.`,
    basisNote: 'The time was estimated together with you and is the basis of the fee.',
  },
  fees: {
    intro: (payer) =>
      `You receive a taxable fee per meeting or activity, paid by ${payer} to you as a private person (never to a company). Time is counted including any travel time.`,
    table: (year, rateTable, pbb) => `Amounts for ${year} according to ${rateTable}${pbb ? `, price base amount ${pbb}` : ''}:`,
    columns: ['Activity', 'Basis', 'Fee'],
    fullDay: 'Full day, more than four hours',
    halfDay: 'Half day, two to four hours',
    shortSession: 'Shorter activity, up to two hours',
    hourly: 'Per hour',
    ofPbb: (p) => `${p} of the price base amount`,
    fixedAmount: 'Fixed amount',
    rounding: (rule) => `Amounts are rounded ${rule}.`,
    included: 'Meetings include physical meetings and meetings by telephone or video. Preparation and follow-up are normally included in the fee for the meeting.',
    extraPreparation: (text) => `Extra fee for preparation or follow-up: ${text}`,
    noLostIncome: 'Lost income is not compensated beyond the fee.',
    noFee:
      'No fee is paid for open public information meetings, nor to an employee of a patient or next-of-kin organisation whose job includes the assignment.',
    contributions: (payer) => `${payer} pays employer contributions on top of the fee and withholds preliminary tax under the Swedish Tax Agency's rules.`,
    payout: (f) =>
      `You report time and costs after meetings. Fees are paid ${f === 'monthly' ? 'monthly' : 'quarterly'}, with a payout statement for every payment.`,
    forsakringskassan:
      'Important if you receive benefits from Försäkringskassan (the Swedish Social Insurance Agency): the fee may affect, for example, sickness or activity compensation or sickness benefit. Contact your case officer (handläggare) at Försäkringskassan and check which rules apply to you before you accept a fee.',
  },
  travel: {
    rules: (payer) =>
      `Travel costs are reimbursed by ${payer}. Digital participation is preferred. Book journeys in good time and choose cheap and low-carbon options where possible. Tickets are reimbursed against receipts.`,
    mileage: (amount) => `Journeys in your own car are reimbursed under the Swedish Tax Agency's rules at ${amount} per mil (10 km), tax-free.`,
    noMileage: 'Journeys in your own car are reimbursed only if agreed in advance.',
    claims: (deadline) => `Claim reimbursement ${deadline}.`,
  },
  information:
    "You bring the perspective of patients and next of kin into the group's work. If you represent an organisation, you keep it informed about the work and bring its views to the group. The group makes sure you receive material in good time before meetings and tells you how your contributions were used.",
  confidentiality:
    'Working material that is not yet public, such as drafts, is not shared outside the group (and, under an organisation mandate, your organisation) without the group’s consent. Information about individuals that you learn in the assignment is not passed on.',
  declaration: (renewal) =>
    `Before you take part you make a declaration of interests. It is renewed when your circumstances change and ${renewal}. If you have a conflict of interest in a matter, you take no part in that matter.`,
  period: (from, to) => (to ? `This agreement applies from ${from} to ${to} inclusive.` : `This agreement applies from ${from} until further notice.`),
  ending:
    'The agreement also ends if the group ends, if you end your assignment, or if the organisation withdraws its mandate. Tell the contact person if you wish to end it.',
  contactLabels: { name: 'Name', email: 'E-mail', phone: 'Telephone' },
  signatureIntro:
    'The agreement can be signed electronically in Medverkan. Each signature is then listed on a signing certificate added as the last page of a signed version of the document.',
  signatureRepresentative: 'Representative',
  signatureGroup: 'For the group',
  signatureLines: { date: 'Place and date', sign: 'Signature' },
  countersignerOpen: '(name added when countersigning)',
};

const EN_ROUNDED = /^(?:are\s+)?rounded\s+/i;
const EN_CIRCUMSTANCES_CHANGE = /^when\s+(?:your\s+|the\s+)?circumstances\s+change\s*(?:,\s*)?(?:and\s+)?/i;

/** Version 2: the rounding and renewal sentences read well when the data already says "rounded …" or "when circumstances change …". */
export const AGREEMENT_TEXTS_EN: AgreementTexts = {
  ...AGREEMENT_TEXTS_EN_V1,
  fees: { ...AGREEMENT_TEXTS_EN_V1.fees, rounding: (rule) => `Amounts are rounded ${withoutLeading(rule, EN_ROUNDED)}.` },
  declaration: (renewal) => {
    const also = withoutLeading(renewal, EN_CIRCUMSTANCES_CHANGE);
    return `Before you take part you make a declaration of interests. It is renewed when your circumstances change${also ? ` and ${also}` : ''}. If you have a conflict of interest in a matter, you take no part in that matter.`;
  },
};

/** agreement.en@1: kept for agreements made with it. */
export const agreementEnV1 = agreementDefinition('agreement.en', '1', AGREEMENT_TEXTS_EN_V1);
/** The current English agreement. */
export const agreementEn = agreementDefinition('agreement.en', '2', AGREEMENT_TEXTS_EN);
