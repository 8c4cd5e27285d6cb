import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the agreement (överenskommelse, §4.3) says, drafted by the `draftAgreement` activity from the group's
 * commission and the assignment's terms. The PDF is rendered by src/documents from `terms` (document_id).
 */
export interface AgreementTermsData {
  caseReference: string;
  group: { id: string; name: string; kind: string; parentName: string | null; commission: string };
  representation: { basis: string; nominatingOrganisationId: string | null; nominatingOrganisation: string | null };
  assignment: string;
  timeEstimate: { meetingHoursPerYear: number | null; outsideMeetingHoursPerYear: number | null };
  fees: {
    mode: 'session' | 'hourly';
    /** The figures come from the payer's rate table in force (fees engine), never from here. */
    basis: string;
    extraPreparationDays: number;
    employedByOrganisation: boolean;
    payoutFrequency: 'monthly' | 'quarterly';
    payerCode: string | null;
  };
  informationResponsibility: string;
  declaration: string;
  period: { from: string | null; to: string | null };
  contactPerson: { userId: string | null; name: string | null; email: string | null };
}

@Entity({ name: 'agreement_draft' })
export class AgreementDraft {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'assignment_id' })
  assignmentId: string;

  @Column('int')
  version: number;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  @Column('jsonb')
  terms: AgreementTermsData;

  @Column('text', { default: 'drafted' })
  state: 'drafted' | 'signed' | 'countersigned';

  /** The rendered PDF (set by the documents module). */
  @Column('uuid', { name: 'document_id', nullable: true })
  documentId: string | null;

  @Column('timestamptz', { name: 'drafted_at', default: () => 'now()' })
  draftedAt: Date;

  @Column('uuid', { name: 'signed_by', nullable: true })
  signedBy: string | null;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt: Date | null;

  @Column('uuid', { name: 'countersigned_by', nullable: true })
  countersignedBy: string | null;

  @Column('timestamptz', { name: 'countersigned_at', nullable: true })
  countersignedAt: Date | null;
}
