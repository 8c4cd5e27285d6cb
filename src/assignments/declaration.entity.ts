import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A declaration of interests (jävsdeklaration, §4.3) as the representative submitted it. The interests are
 * personal data: they stay here and never go into a workflow. `state` is written by the assignment workflow's
 * activities (submitted → approved / needs-changes); `stored` means not yet accepted by the workflow.
 */
@Entity({ name: 'declaration' })
export class Declaration {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'assignment_id' })
  assignmentId: string;

  @Column('uuid', { name: 'person_id' })
  personId: string;

  @Column('boolean', { name: 'has_interests' })
  hasInterests: boolean;

  @Column('text', { nullable: true })
  interests: string | null;

  @Column('text', { default: 'stored' })
  state: 'stored' | 'submitted' | 'approved' | 'needs-changes';

  @Column('uuid', { name: 'submitted_by' })
  submittedBy: string;

  @Column('timestamptz', { name: 'submitted_at', default: () => 'now()' })
  submittedAt: Date;

  @Column('uuid', { name: 'reviewed_by', nullable: true })
  reviewedBy: string | null;

  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  reviewedAt: Date | null;

  @Column('text', { name: 'review_comment', nullable: true })
  reviewComment: string | null;

  /** The declaration as submitted (templates/declaration.sv.ts), signed by the representative as declarant. */
  @Column('uuid', { name: 'document_id', nullable: true })
  documentId: string | null;

  /** The newest version with the coordinator's assessment, signed by the coordinator as assessor. */
  @Column('uuid', { name: 'assessed_document_id', nullable: true })
  assessedDocumentId: string | null;
}
