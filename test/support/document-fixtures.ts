import type { AgreementData, DeclarationData, PayoutSlipData } from '../../templates';

/**
 * Sample data for the document templates, with the routine's 2026 figures (PBB 59 200 kr: full day 2 131,20,
 * half day 1 065,60, short 532,80, hourly 296 kr before rounding to whole kronor).
 */
export function sampleAgreement(overrides: Partial<AgreementData> = {}): AgreementData {
  return {
    generatedAt: '2026-03-02T08:15:00Z',
    caseReference: 'UPP-2026-0042',
    representative: { name: 'Åsa Öberg-Ängström', role: 'patient' },
    group: {
      name: 'NAG Hjärtsvikt',
      kind: 'NAG',
      parentName: 'NPO Hjärt- och kärlsjukdomar',
      commission:
        'Arbetsgruppen ska ta fram ett nationellt vårdprogram för hjärtsvikt som beskriver utredning, behandling och uppföljning. Programmet ska bygga på bästa tillgängliga kunskap och på patienters och närståendes erfarenheter.',
    },
    payer: { name: 'Region Skåne', basis: 'värdregion för NPO Hjärt- och kärlsjukdomar' },
    assignment:
      'Du bidrar med erfarenheter av att leva med hjärtsvikt, läser och kommenterar utkast till vårdprogrammet och deltar i gruppens möten. Särskilt ansvar: patientinformation och egenvårdsråd.',
    timeEstimate: {
      meetings: 'Fyra heldagsmöten i Stockholm, fyra halvdagar och sex korta avstämningar per video under 2026.',
      meetingHoursPerYear: 52,
      outsideMeetings: 'Inläsning och bearbetning av texter, motsvarande en heldag per år.',
      outsideMeetingHoursPerYear: 8,
    },
    fees: {
      year: 2026,
      rateTableName: 'Rutin för patientmedverkan, arvoden 2026',
      prisbasbeloppOre: 5_920_000,
      fullDay: { amountOre: 213_100, percentOfPbb: 3.6 },
      halfDay: { amountOre: 106_600, percentOfPbb: 1.8 },
      shortSession: { amountOre: 53_300, percentOfPbb: 0.9 },
      hourly: { amountOre: 29_600, percentOfPbb: 0.5 },
      rounding: 'till hela kronor, halva kronor uppåt',
      extraPreparation: 'En extra heldag per år för inläsning av remissversionen.',
      payoutFrequency: 'quarterly',
    },
    travel: {
      mileageOrePerMil: 2_500,
      claimsDeadline: 'inom 3 månader efter mötet, med kvitton som är högst 6 månader gamla',
      additionalTerms: null,
    },
    informationResponsibility: 'Du återkopplar till Hjärt- och Lungsjukas förening efter varje heldagsmöte.',
    declarationRenewal: 'minst en gång per år',
    period: { from: '2026-03-01', to: '2027-02-28' },
    contactPerson: { name: 'René Lindqvist', title: 'samordnare', email: 'rene.lindqvist@example.se', phone: '010-123 45 67' },
    representation: { basis: 'both', nominatingOrganisation: 'Hjärt- och Lungsjukas förening' },
    countersigner: { name: 'René Lindqvist', title: 'samordnare' },
    ...overrides,
  };
}

/** A declaration with `count` declared interests (the long case breaks across pages). */
export function sampleDeclaration(count = 3, overrides: Partial<DeclarationData> = {}): DeclarationData {
  const categories = ['Anställning', 'Uppdrag', 'Ekonomiskt intresse', 'Förtroendeuppdrag', 'Närståendes intressen'];
  return {
    generatedAt: '2026-03-02T08:20:00Z',
    caseReference: 'UPP-2026-0042',
    declarant: { name: 'Åsa Öberg-Ängström', roleLabel: 'Patientföreträdare' },
    group: { name: 'NAG Hjärtsvikt' },
    occasion: 'initial',
    declaredOn: '2026-03-02',
    interests: Array.from({ length: count }, (_, i) => ({
      category: categories[i % categories.length],
      description: `Intresse nummer ${i + 1}: styrelseledamot i Föreningen Hjärtebarnen södra regionen, med ansvar för medlemsträffar och kontakter med vårdgivare i Malmö, Lund och Helsingborg`,
      period: i % 2 === 0 ? `20${10 + (i % 15)}–` : null,
    })),
    assessment: {
      assessedBy: 'René Lindqvist',
      assessedOn: '2026-03-05',
      outcome: 'conflict-in-matters',
      matters: ['Upphandling av hemmonitorering'],
      comment: 'Deltar i övrigt fullt ut.',
    },
    nextReviewBy: '2027-03-05',
    ...overrides,
  };
}

export function samplePayoutSlip(overrides: Partial<PayoutSlipData> = {}): PayoutSlipData {
  return {
    generatedAt: '2026-04-03T09:00:00Z',
    payoutReference: 'UTB-2026-Q1-0007',
    payer: { name: 'Region Skåne', organisationNumber: '232100-0255' },
    payee: { name: 'Åsa Öberg-Ängström', personnummerMasked: '********-1234' },
    period: { from: '2026-01-01', to: '2026-03-31' },
    paymentDate: '2026-04-25',
    rateTable: 'Rutin för patientmedverkan, arvoden 2026 (PBB 59 200 kr)',
    fees: [
      {
        date: '2026-02-10',
        activity: 'Heldagsmöte, NAG Hjärtsvikt (Stockholm)',
        rule: 'Heldag, mer än 4 timmar inkl. restid: 3,6 % av PBB 2026',
        unroundedOre: 213_120,
        rounding: 'hela kronor, halvor uppåt',
        amountOre: 213_100,
      },
      {
        date: '2026-03-12',
        activity: 'Avstämning per video',
        rule: 'Per timme: 0,5 % av PBB 2026 × 1 timme',
        unroundedOre: null,
        rounding: null,
        amountOre: 29_600,
      },
    ],
    grossFeeOre: 242_700,
    employerContributions: { basis: '31,42 % av 2 427,00 kr', amountOre: 76_256 },
    taxWithheld: { basis: '30 %, sidoinkomst', amountOre: 72_810 },
    travel: [
      { date: '2026-02-10', description: 'Tåg Malmö–Stockholm tur och retur (kvitto)', amountOre: 98_000 },
      { date: '2026-02-10', description: 'Egen bil till stationen, 2 mil à 25 kr', amountOre: 5_000 },
    ],
    travelOre: 103_000,
    netOre: 242_700 - 72_810 + 103_000,
    reporting: {
      period: '2026-04',
      dueDate: '2026-05-12',
      cashPayField: '011',
      cashPayOre: 242_700,
      taxWithheldOre: 72_810,
      taxFreeCarAllowance: true,
    },
    ...overrides,
  };
}
