import type { DataSource } from 'typeorm';
import type { AgreementData, FeeRate, RepresentationBasis, RepresentativeRole } from '../../templates';
import { DomainError } from '../common/errors';
import type { DocumentsService } from '../documents';
import { hourlyRate, RateTable, ROUNDING_RULE_TEXT, sessionFee } from '../fees';
import { stockholmDate } from '../common/stockholm-time';
import { RatesRepository } from '../rates/rates.repository';
import { payerOfGroup } from '../paying-bodies/payer-of-group';
import { RatesService } from '../rates/rates.service';
import type { AgreementTermsData } from './agreement-draft.entity';
import { AssignmentsRepository } from './assignments.repository';

export type AgreementPdfResult = { documentId: string; reason?: undefined } | { documentId: null; reason: string };

const BASIS: Record<string, RepresentationBasis> = { mandate: 'organisation-mandate', 'own-experience': 'own-experience', both: 'both' };
const ROLE: Record<string, RepresentativeRole> = { patient: 'patient', 'next-of-kin': 'next-of-kin' };

const rate = (table: RateTable, amountOre: number, bp: number, fixed: number | null | undefined): FeeRate => ({
  amountOre,
  percentOfPbb: fixed !== undefined && fixed !== null ? null : bp / 100,
});

/**
 * Renders the agreement PDF (templates/agreement.sv.ts through src/documents) from a draft: the representative's
 * name and role, the payer and its rate table in force on the first day, and the draft's terms. Idempotent by
 * `key` (DocumentsService returns the document made the first time). When something the agreement must state is
 * missing (no payer, no rate table, incomplete data) it renders nothing and says why, so the coordinator can fix
 * the data; the draft stays recorded either way.
 */
export async function renderAgreementPdf(
  ds: DataSource,
  documents: DocumentsService,
  draft: { assignmentId: string; terms: AgreementTermsData },
  opts: { actor: string; key: string; now: Date },
): Promise<AgreementPdfResult> {
  const t = draft.terms;
  const person = await new AssignmentsRepository(ds).representativeOf(draft.assignmentId);
  if (!person) return { documentId: null, reason: 'Uppdraget finns inte.' };
  const payer = await payerOfGroup(ds, t.group.id);
  if ('problem' in payer) return { documentId: null, reason: 'Gruppens betalare kan inte avgöras (värdregion saknas).' };
  const body = await new RatesRepository(ds).payingBodyByCode(payer.payerCode);
  if (!body) return { documentId: null, reason: `Betalaren ${payer.payerCode} finns inte bland betalarna.` };
  const from = t.period.from ?? stockholmDate(opts.now.getTime());
  let table: RateTable;
  try {
    table = await new RatesService(ds).inForce(from, body.code);
  } catch (e) {
    if (e instanceof DomainError) return { documentId: null, reason: e.message };
    throw e;
  }
  const fixed = table.fees.fixedOre ?? {};
  const data: AgreementData = {
    generatedAt: opts.now.toISOString(),
    caseReference: t.caseReference,
    representative: { name: person.fullName, role: ROLE[person.perspective ?? ''] ?? 'patient-and-next-of-kin' },
    group: { name: t.group.name, kind: t.group.kind as AgreementData['group']['kind'], parentName: t.group.parentName, commission: t.group.commission },
    payer: { name: body.name, basis: payer.basis },
    assignment: t.assignment,
    timeEstimate: {
      meetings: 'Gruppens möten (fysiska möten, telefon- och videomöten) enligt uppdragsbeskrivningen.',
      meetingHoursPerYear: t.timeEstimate.meetingHoursPerYear,
      outsideMeetings: 'Inläsning, förberedelser och återkoppling mellan mötena.',
      outsideMeetingHoursPerYear: t.timeEstimate.outsideMeetingHoursPerYear,
    },
    fees: {
      year: Number(table.validFrom.slice(0, 4)),
      rateTableName: `${table.code} (version ${table.version})`,
      prisbasbeloppOre: table.pbbOre,
      fullDay: rate(table, sessionFee(table, 'full-day').amountOre, table.fees.fullDayBp, fixed.fullDayOre),
      halfDay: rate(table, sessionFee(table, 'half-day').amountOre, table.fees.halfDayBp, fixed.halfDayOre),
      shortSession: t.fees.mode === 'session' ? rate(table, sessionFee(table, 'short').amountOre, table.fees.shortBp, fixed.shortOre) : null,
      hourly: t.fees.mode === 'hourly' ? rate(table, hourlyRate(table).amountOre, table.fees.hourlyBp, fixed.hourlyOre) : null,
      rounding: ROUNDING_RULE_TEXT[table.rounding],
      extraPreparation:
        t.fees.extraPreparationDays > 0 ? `${t.fees.extraPreparationDays} extra heldag(ar) per år för inläsning och bearbetning av texter.` : null,
      payoutFrequency: t.fees.payoutFrequency,
    },
    travel: { mileageOrePerMil: table.mileage.reimbursedOrePerMil, claimsDeadline: null, additionalTerms: null },
    informationResponsibility: null,
    declarationRenewal: 'när förhållandena ändras och minst vart tredje år',
    period: { from, to: t.period.to },
    contactPerson: { name: t.contactPerson.name ?? 'Gruppens samordnare', title: 'Samordnare', email: t.contactPerson.email ?? '', phone: null },
    representation: { basis: BASIS[t.representation.basis] ?? 'own-experience', nominatingOrganisation: t.representation.nominatingOrganisation },
    countersigner: { name: null, title: 'Samordnare för gruppen' },
  };
  try {
    const doc = await documents.generate({
      template: 'agreement.sv',
      data,
      subject: { type: 'assignment', id: draft.assignmentId },
      actor: opts.actor,
      idempotencyKey: opts.key,
    });
    return { documentId: doc.id };
  } catch (e) {
    if (e instanceof DomainError || (e instanceof Error && e.name === 'TemplateDataError')) return { documentId: null, reason: e.message };
    throw e;
  }
}
