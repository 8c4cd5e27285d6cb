/** The documents feature: what other modules and activities use. */
export { DocumentsService, DOCUMENTS_CLOCK, sha256Hex } from './documents.service';
export { DocumentStoreModule } from './document-store.module';
export type { DocumentDownload, DocumentSubject, DocumentView, GenerateDocumentInput, SignInput, SignResult, SignatureView, VerificationReport } from './documents.service';
export type { DocumentSignedEvent } from './document-signed.event';
export { AuthenticatedUserSigner } from './signing/authenticated-user.signer';
export type { SigningContext } from './signing/authenticated-user.signer';
export type { Signer, SignatureEvidence, SignatureRequest, SignerRole } from './signing/signer';
export { SIGNER_ROLES, SIGNING_RULES } from './signing/signer';
export { renderAgreement, renderAgreementEn, renderDeclaration, renderPayoutSlip } from '../../templates';
export type { AgreementData, DeclarationData, PayoutSlipData } from '../../templates';
