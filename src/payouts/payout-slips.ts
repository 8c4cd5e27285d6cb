import type { DataSource } from 'typeorm';
import type { FieldCipher } from '../crypto/field-cipher';
import type { DocumentsService } from '../documents/documents.service';
import type { FeeCalculation, FeeLine } from '../fees';
import { maskPersonnummer, PayoutSlipData } from '../../templates';
import type { PayoutFeeLine, PayoutTravelLine } from '../../templates';
import type { AgiDueRule } from './agi-due-date';
import { AgiReturnsRepository } from './agi-returns.repository';
import { PayoutsRepository } from './payouts.repository';
import { agiPeriodOf } from './payout-exports';
import type { PersonFigures } from './payout-calculation';
import { parsePeriod } from './period';

/** What a slip line needs to say about its activity, by time report id. */
export interface ActivityInfo {
  kind: string;
  groupName: string;
  participation: string;
}

const KIND_TEXT: Record<string, string> = {
  meeting: 'Möte',
  introduction: 'Introduktion',
  'extra-preparation': 'Extra förberedelse (enligt överenskommelsen)',
  'open-information-meeting': 'Öppet informationsmöte',
};
const PARTICIPATION_TEXT: Record<string, string> = { 'on-site': 'på plats', video: 'via video', phone: 'via telefon' };

/**
 * The payout slip's data for one person in an approved batch (pure). Taxable car allowance (above Skatteverket's
 * rate) is cash pay like the fee, so it is listed with the fees; tickets and tax-free car allowance are travel.
 * The personnummer arrives masked.
 */
export function payoutSlipData(args: {
  generatedAt: string;
  reference: string;
  payerName: string;
  /** The payer's organisation number (issue 18 #6), when its administrator has given it. */
  payerOrganisationNumber?: string | null;
  /** The payer's due-date rule for its employer return (issue 18 #4); the municipalities' and regions' by default. */
  agiDueRule?: AgiDueRule;
  payeeName: string;
  personnummerMasked: string;
  period: { from: string; to: string };
  paymentDate: string;
  figures: PersonFigures;
  calculations: readonly FeeCalculation[];
  activities: ReadonlyMap<string, ActivityInfo>;
}): PayoutSlipData {
  const lines = args.calculations.flatMap((c) => c.lines);
  const what = (l: FeeLine) => {
    const a = l.activityRef ? args.activities.get(l.activityRef) : undefined;
    return a ? `${KIND_TEXT[a.kind] ?? a.kind} i ${a.groupName} (${PARTICIPATION_TEXT[a.participation] ?? a.participation})` : 'Aktivitet';
  };
  const fees: PayoutFeeLine[] = lines
    .filter((l) => l.kind === 'fee' || l.kind === 'travel-car-taxable')
    .map((l) => ({
      date: l.date ?? args.paymentDate,
      activity: l.kind === 'fee' ? what(l) : `Bilersättning över den skattefria nivån, ${what(l).toLowerCase()}`,
      rule: l.ruleText,
      // The engine's exact amount before rounding (absent for fixed amounts and in calculations stored before
      // the engine kept it). The rule text already names the rounding, so the slip does not repeat it.
      unroundedOre: l.unroundedOre ?? null,
      rounding: null,
      amountOre: l.amountOre,
    }));
  const travel: PayoutTravelLine[] = lines
    .filter((l) => l.kind === 'travel-ticket' || l.kind === 'travel-car-tax-free')
    .map((l) => ({ date: l.date ?? args.paymentDate, description: `${l.ruleText} – ${what(l)}`, amountOre: l.amountOre }));
  const texts = (kind: FeeLine['kind']) =>
    lines
      .filter((l) => l.kind === kind)
      .map((l) => l.ruleText)
      .join('; ');
  const tables = [...new Map(args.calculations.flatMap((c) => c.tables).map((t) => [`${t.code}@${t.version}`, t])).values()];
  const agi = agiPeriodOf(args.paymentDate, args.agiDueRule);
  const f = args.figures;
  return {
    generatedAt: args.generatedAt,
    payoutReference: args.reference,
    payer: { name: args.payerName, organisationNumber: args.payerOrganisationNumber ?? null },
    payee: { name: args.payeeName, personnummerMasked: args.personnummerMasked },
    period: args.period,
    paymentDate: args.paymentDate,
    rateTable: `Rutin för patientmedverkan, taxetabell ${tables.map((t) => `${t.code} (version ${t.version})`).join(', ')}`,
    fees,
    grossFeeOre: f.taxablePayOre,
    employerContributions: { basis: texts('contributions') || 'Inga arbetsgivaravgifter', amountOre: f.contributionsOre },
    taxWithheld: { basis: texts('tax') || 'Ingen skatt dras', amountOre: f.taxWithheldOre },
    travel,
    travelOre: f.taxFreeTravelOre,
    netOre: f.netOre,
    reporting: {
      period: agi.period,
      dueDate: agi.dueDate,
      cashPayField: f.agiPayField,
      cashPayOre: f.taxablePayOre,
      taxWithheldOre: f.taxWithheldOre,
      taxFreeCarAllowance: f.taxFreeCarOre > 0,
    },
  };
}

/**
 * Makes (once) and stores the payout slip of one person in an approved batch, as a document about the person
 * (visible to them and to finance). Idempotent: the document's key is the batch and person, so the workflow's
 * step and a later download make the same document.
 */
export async function ensurePayoutSlip(
  ds: DataSource,
  documents: DocumentsService,
  cipher: FieldCipher,
  batchId: string,
  personId: string,
  actor: string,
): Promise<string> {
  const repo = new PayoutsRepository(ds);
  const batch = await repo.findBatchOrFail(ds.manager, batchId);
  if (batch.state !== 'approved' || !batch.paymentDate || !batch.approvedAt) throw new Error('payout slips are made for approved batches only');
  const row = await repo.findPersonOrFail(batchId, personId);
  if (row.slipDocumentId) return row.slipDocumentId;
  // The personnummer frozen at approval (payout_payee), not the person's current one.
  const payee = await repo.frozenPayee(batchId, personId);
  const payer = await repo.payerIdentity(batch.payerCode);
  const acts = await repo.paidReports(batchId, personId);
  const period = parsePeriod(batch.period)!;
  const earliest = acts.reduce((min, a) => (a.activity_date < min ? a.activity_date : min), period.start);
  const calc = row.calculation as { calculations: FeeCalculation[] };
  const data = payoutSlipData({
    generatedAt: batch.approvedAt.toISOString(),
    reference: payoutReferenceOf(batch),
    payerName: payer?.name ?? batch.payerCode,
    payerOrganisationNumber: payer?.organisationNumber ?? null,
    // The same due date as the payer's return (GET /payers/{code}/agi/{period}) and the run's AGI figures.
    agiDueRule: (await new AgiReturnsRepository(ds).settings(batch.payerCode))?.dueRule,
    payeeName: payee!.full_name,
    personnummerMasked: maskPersonnummer(cipher.decrypt(payee!.personal_number_enc)),
    period: { from: earliest, to: period.end },
    paymentDate: batch.paymentDate,
    figures: { ...row, agiPayField: row.agiPayField },
    calculations: calc.calculations,
    activities: new Map(acts.map((a) => [a.id, { kind: a.kind, groupName: a.group_name, participation: a.participation }])),
  });
  const doc = await documents.generate({
    template: 'payout-slip.sv',
    data,
    subject: { type: 'person', id: personId },
    actor,
    idempotencyKey: `payout-slip:${batchId}:${personId}`,
  });
  await repo.setSlipDocument(batchId, personId, doc.id);
  return doc.id;
}

/** The reference on slips and in the batch list, e.g. `SKR-2026-09-1a2b3c4d`. */
export function payoutReferenceOf(b: { payerCode: string; period: string; id: string }): string {
  return `${b.payerCode}-${b.period}-${b.id.slice(0, 8)}`;
}
