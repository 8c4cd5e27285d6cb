import { agreementEn, agreementEnV1 } from './agreement.en';
import { AgreementData, agreementSv, agreementSvV1 } from './agreement.sv';
import { DeclarationData, declarationSv } from './declaration.sv';
import { PayoutSlipData, payoutSlipSv } from './payout-slip.sv';
import { renderTemplate, TemplateDefinition, templateRef } from './template';
import { YearlyReportData, yearlyReportSv } from './yearly-report.sv';

/**
 * The template registry. Each template has an id and a version ('agreement.sv@1'). Changing what a template
 * prints means adding a new definition with a bumped version, pointing CURRENT_TEMPLATES at it, and keeping the
 * old one in ALL_TEMPLATE_VERSIONS: stored documents name the version they were made with and must stay
 * re-renderable (sealing re-renders them).
 */
export const CURRENT_TEMPLATES = {
  'agreement.sv': agreementSv,
  'agreement.en': agreementEn,
  'declaration.sv': declarationSv,
  'payout-slip.sv': payoutSlipSv,
  'yearly-report.sv': yearlyReportSv,
} as const;

export type TemplateId = keyof typeof CURRENT_TEMPLATES;
export type TemplateDataOf<T extends TemplateId> = (typeof CURRENT_TEMPLATES)[T] extends TemplateDefinition<infer D> ? D : never;

/** Every version ever released, current or not. Append; never remove. */
export const ALL_TEMPLATE_VERSIONS: readonly TemplateDefinition<never>[] = [
  agreementSvV1,
  agreementEnV1,
  declarationSv,
  payoutSlipSv,
  agreementSv,
  agreementEn,
  yearlyReportSv,
] as TemplateDefinition<never>[];

export function isTemplateId(id: string): id is TemplateId {
  return Object.prototype.hasOwnProperty.call(CURRENT_TEMPLATES, id);
}

/** A stored document's template by id and version, or undefined when no such version was ever registered. */
export function findTemplateVersion(id: string, version: string): TemplateDefinition<unknown> | undefined {
  return ALL_TEMPLATE_VERSIONS.find((t) => t.id === id && t.version === version) as TemplateDefinition<unknown> | undefined;
}

/** The Swedish agreement (överenskommelse) with the current template version, as PDF bytes. */
export async function renderAgreement(data: AgreementData): Promise<Buffer> {
  return (await renderTemplate(agreementSv, data)).pdf;
}

/** The English agreement with the current template version, as PDF bytes. */
export async function renderAgreementEn(data: AgreementData): Promise<Buffer> {
  return (await renderTemplate(agreementEn, data)).pdf;
}

/** The conflict-of-interest declaration (jävsdeklaration) with the current template version, as PDF bytes. */
export async function renderDeclaration(data: DeclarationData): Promise<Buffer> {
  return (await renderTemplate(declarationSv, data)).pdf;
}

/** The payout slip (utbetalningsspecifikation) with the current template version, as PDF bytes. */
export async function renderPayoutSlip(data: PayoutSlipData): Promise<Buffer> {
  return (await renderTemplate(payoutSlipSv, data)).pdf;
}

/** The group's yearly report (årsrapport, §3.2) with the current template version, as PDF bytes. */
export async function renderYearlyReport(data: YearlyReportData): Promise<Buffer> {
  return (await renderTemplate(yearlyReportSv, data)).pdf;
}

export { templateRef, renderTemplate };
export type { TemplateDefinition, DocumentKind, RenderedPdf } from './template';
export type { AgreementData, FeeRate, RepresentationBasis, RepresentativeRole, GroupKindCode } from './agreement.sv';
export type { DeclarationData, DeclaredInterest, DeclarationOccasion, AssessmentOutcome } from './declaration.sv';
export type { PayoutSlipData, PayoutFeeLine, PayoutTravelLine } from './payout-slip.sv';
export type { YearlyReportData, YearlyReportActivity, YearlyReportDecision, YearlyReportParticipation, YearlyReportRepresentative } from './yearly-report.sv';
export { yearlyReportSv } from './yearly-report.sv';
export type { SigningCertificateData, CertificateSignature } from './signing-certificate.sv';
export { maskPersonnummer } from './payout-slip.sv';
export { renderSealed, SIGNING_CERTIFICATE_REF } from './signing-certificate.sv';
export { formatKronor, formatPercent, TemplateDataError } from './pdf-layout';
